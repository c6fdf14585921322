"""The prospecting list against the contracts worked by hand in tests/utils/prospects.py."""

import json

import pytest
from sqlalchemy import event

from core.__main__ import main
from core.accounts.auth import Actor, AuthError
from core.clauses.assessments import local_count, local_structures, local_structures_by_place
from core.clauses.relevance import Verdict
from core.conventions import CPV_DEFAULTS, cpv_division, cpv_nature, cpv_sectors, set_cpv_sector
from core.exchange.journal import journal
from core.prospecting.listing import CPV_UNREADABLE, NOT_RELEVANT, SKIP_AMOUNT, prospects
from core.store.enums import CompanyKind, Nature, Sector
from core.store.models import Role
from tests.utils.prospects import CITY, LOCAL_COUNTS, SCHOOLS, add_prospects, add_structures

ADMIN = Actor("claire", Role.ADMIN)


@pytest.fixture
def prospect_store(store):
    add_prospects(store)
    return store


def test_the_list_keeps_what_the_checklist_would_keep_most_hours_first(prospect_store):
    found = prospects(prospect_store, departement="17")
    assert [p.decp_id for p in found.prospects] == ["P-A", "P-D"]
    a, d = found.prospects
    assert round(a.hours) == 800 and a.verdict == Verdict.PERTINENT
    assert (a.nature, a.sector, a.buyer, a.holders) == (Nature.TRAVAUX, Sector.GROS_OEUVRE, CITY, "44306184100047")
    assert a.declared == "Pas de considération sociale"
    assert round(d.hours) == 400 and d.verdict == Verdict.A_APPROFONDIR and d.declared == "non renseigné"
    # C carries a clause: not even examined; B (supplies) and F (one month) judged not relevant; G has no amount
    assert found.examined == 5
    assert found.left_out == {NOT_RELEVANT: 2, SKIP_AMOUNT: 1}


def test_a_cpv_code_that_is_not_one_gives_no_sector_and_the_row_says_so(prospect_store):
    d = next(p for p in prospects(prospect_store).prospects if p.decp_id == "P-D")
    assert d.sector is None and d.nature is None and d.buyer == SCHOOLS
    assert d.note == CPV_UNREADABLE.format(code="INX 4500000")
    assert d.inputs().nature == Nature.SERVICES and d.inputs().sector is None
    for text in ("INX 45000000", "4500000", "", None, "45 000 000", "450000001"):
        assert cpv_division(text) is None, text
    assert cpv_division(" 45210000-2 ") == "45" and cpv_division("90910000") == "90"


def test_the_scope_filters_by_departement_and_year(prospect_store):
    assert [p.decp_id for p in prospects(prospect_store).prospects] == ["P-A", "P-D", "P-E"]
    assert round(prospects(prospect_store, departement="79").prospects[0].hours) == 200
    assert [p.decp_id for p in prospects(prospect_store, departement="17", year=2023).prospects] == ["P-D"]
    with pytest.raises(ValueError):
        prospects(prospect_store, departement="AB")


def test_the_cpv_nature_rule():
    assert cpv_nature("45", Sector.GROS_OEUVRE) == Nature.TRAVAUX
    assert cpv_nature("30", Sector.AUTRE) == Nature.FOURNITURES and cpv_nature("48", Sector.AUTRE) == Nature.FOURNITURES
    assert cpv_nature("90", Sector.NETTOYAGE) == Nature.SERVICES
    assert cpv_nature("71", Sector.PRESTATIONS_INTELLECTUELLES) == Nature.PRESTATIONS_INTELLECTUELLES


def test_the_admin_sector_of_a_division_changes_the_sizing_and_is_audited(prospect_store):
    assert cpv_sectors(prospect_store)["45"].sector == Sector.GROS_OEUVRE
    set_cpv_sector(prospect_store, actor=ADMIN, division="45", sector="voirie et réseaux")
    division = cpv_sectors(prospect_store)["45"]
    assert (division.sector, division.default) == (Sector.VOIRIE_RESEAUX, Sector.GROS_OEUVRE)
    a = prospects(prospect_store, departement="17").prospects[0]
    assert a.decp_id == "P-A" and round(a.hours) == 600  # 1 200 000 × 0,30 ÷ 30 × 0,05
    log = journal(prospect_store, entity="cpv_sector")
    assert len(log) == 1 and log.iloc[0]["cle"] == "45"
    set_cpv_sector(prospect_store, actor=ADMIN, division="45", sector="voirie et réseaux")  # same value: no entry
    assert len(journal(prospect_store, entity="cpv_sector")) == 1


@pytest.mark.parametrize(("division", "sector", "said"), [
    ("99", "nettoyage", "Division CPV inconnue"), ("4", "nettoyage", "Division CPV inconnue"),
    ("45", "béton", "Secteur inconnu : « béton »")])
def test_a_wrong_division_or_sector_is_refused_in_french(prospect_store, division, sector, said):
    with pytest.raises(ValueError, match=said):
        set_cpv_sector(prospect_store, actor=ADMIN, division=division, sector=sector)
    assert cpv_sectors(prospect_store)["45"].sector == Sector.GROS_OEUVRE


def test_only_an_admin_sets_a_sector(prospect_store):
    with pytest.raises(AuthError):
        set_cpv_sector(prospect_store, actor=Actor("marie", Role.FACILITATEUR), division="45", sector="autre")


def test_the_table_has_every_division_once_with_a_sector():
    assert len(CPV_DEFAULTS) == 45 and all(len(d) == 2 and d.isdigit() for d in CPV_DEFAULTS)
    assert CPV_DEFAULTS["45"][1] == Sector.GROS_OEUVRE and CPV_DEFAULTS["90"][1] == Sector.NETTOYAGE


def test_cli_prospection_json(prospect_store, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", prospect_store.url.render_as_string(hide_password=False))
    assert main(["prospection", "--departement", "17", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["P-A", "P-D"]
    assert {k: rows[0][k] for k in (
        "acheteur", "objet", "nature", "montant", "duree_mois", "heures_estimees", "structures_locales")} == {
        "acheteur": CITY, "objet": "Réhabilitation de l'école Jean Macé", "nature": "travaux", "montant": 1_200_000.0,
        "duree_mois": 12, "heures_estimees": 800, "structures_locales": None}
    add_structures(prospect_store)
    assert main(["prospection", "--departement", "17", "--json"]) == 0
    counted = {r["id"]: r["structures_locales"] for r in json.loads(capsys.readouterr().out)}
    assert counted == {"P-A": 2, "P-D": 0}
    assert rows[1]["secteur"] is None and "INX" in rows[1]["remarque"]
    assert main(["prospection", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "1 marché à prospecter" in out and "(à approfondir) — 0 structure locale" in out
    assert main(["prospection", "--departement", "17"]) == 0
    assert "(pertinent) — 2 structures locales" in capsys.readouterr().out
    assert main(["prospection", "--departement", "AB"]) == 2
    assert "Erreur" in capsys.readouterr().err


def test_each_contract_counts_the_local_structures_of_its_trade_where_it_is_carried_out(prospect_store):
    assert {p.decp_id: p.local_structures for p in prospects(prospect_store).prospects} == dict.fromkeys(LOCAL_COUNTS)
    add_structures(prospect_store)
    found = {p.decp_id: p for p in prospects(prospect_store).prospects}
    assert {key: p.local_structures for key, p in found.items()} == LOCAL_COUNTS
    # the checklist's own rule, in one home: the trade everywhere, in a département, in a commune
    assert local_structures(prospect_store, "gros œuvre") == 3
    assert local_structures(prospect_store, "gros œuvre", departement="17") == 2
    assert local_structures(prospect_store, "gros œuvre", "rochefort") == 1
    assert local_structures_by_place(prospect_store) == {("gros œuvre", "17"): 2, ("gros œuvre", "79"): 1,
                                                         ("nettoyage", "79"): 1}
    # the checklist opened from a row carries the count, and the row was judged with it
    assert found["P-A"].inputs().insertion_structures == 2 and found["P-A"].verdict == Verdict.PERTINENT
    assert found["P-D"].inputs().insertion_structures == 0 and found["P-D"].verdict == Verdict.A_APPROFONDIR


def test_a_structure_no_directory_placed_counts_wherever_the_work_is(prospect_store):
    add_structures(prospect_store, ("41304171000008", "Chantier d'avant", CompanyKind.ACI, "Aytré",
                                    Sector.GROS_OEUVRE, None, False))
    assert next(p for p in prospects(prospect_store).prospects if p.decp_id == "P-A").local_structures == 3
    assert local_count(local_structures_by_place(prospect_store), "gros œuvre", "79") == 2
    assert local_count(local_structures_by_place(prospect_store), "gros œuvre", "33") == 1
    assert local_count(None, "gros œuvre", "17") is None


def test_the_count_comes_from_one_grouped_query(prospect_store):
    add_structures(prospect_store)
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):  # noqa: ANN001, ANN002
        statements.append(statement)

    event.listen(prospect_store, "before_cursor_execute", seen)
    try:
        prospects(prospect_store)
    finally:
        event.remove(prospect_store, "before_cursor_execute", seen)
    on_companies = [s for s in statements if "FROM company" in s]
    assert len(on_companies) == 2  # is a directory loaded; the counts of every trade — not one per contract
