"""`python -m core relevance FILE -o OUT`: a purchase plan assessed without a browser."""

import pandas as pd
import pytest

from core.__main__ import main

PLAN = ("objet;acheteur;nature;secteur;montant_ht;duree_mois\r\n"
        "Réhabilitation de 40 logements;Ville de Test;travaux;maçonnerie;1 000 000 €;12\r\n"
        "Voirie du port;Port;travaux;voirie;abc;12\r\n")


@pytest.fixture
def cli_store(store, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def test_a_plan_with_a_bad_row_gives_the_good_rows(cli_store, tmp_path, capsys):
    source, out = tmp_path / "plan.csv", tmp_path / "avis.xlsx"
    source.write_bytes(PLAN.encode("cp1252"))
    assert main(["relevance", str(source), "-o", str(out)]) == 0
    result = pd.read_excel(out, dtype=str)
    assert result["avis"].tolist()[0] == "pertinent"
    assert result["heures_estimees"].tolist()[0] == "833"
    assert result["erreur"].isna().tolist() == [True, False]
    assert "« abc »" in result["erreur"][1]
    captured = capsys.readouterr()
    assert "1 achat évalué (pertinent : 1), 1 ligne en erreur" in captured.out
    assert "Ligne 3" in captured.err


def test_csv_output(cli_store, tmp_path):
    source, out = tmp_path / "plan.csv", tmp_path / "avis.csv"
    source.write_bytes(PLAN.encode("utf-8"))
    assert main(["relevance", str(source), "-o", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].endswith("avis;motifs;vehicule_recommande;heures_estimees;etp_estimes;erreur")
    assert ";pertinent;" in text.splitlines()[1]


@pytest.mark.parametrize("content, name, message", [
    (None, "absent.csv", "impossible de lire"),
    (b"pas un classeur", "plan.xlsx", "illisible"),
    (b"objet;nature\r\nx;travaux\r\n", "plan.csv", "montant_ht"),
])
def test_unreadable_file_exits_non_zero_in_french(cli_store, tmp_path, capsys, content, name, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    assert main(["relevance", str(source), "-o", str(tmp_path / "avis.csv")]) != 0
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and message in err
    assert not (tmp_path / "avis.csv").exists()
