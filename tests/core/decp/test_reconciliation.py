"""The reconciliation against the contracts worked by hand in tests/utils/reconciliation.py."""

import json

import pytest

from core import formatting as fmt
from core.__main__ import main
from core.decp import matching
from core.decp.reconciliation import (
    BELOW_THRESHOLD,
    NO_SIRET,
    NONE_CLOSE,
    OUTSIDE_PERIOD,
    PRIVATE,
    TAKEN,
    reconcile,
)
from tests.utils.reconciliation import CITY, CITY_SIRET, FORMULA, MARKDOWN, add_reconciliation


@pytest.fixture
def reconciled(empty_store):
    add_reconciliation(empty_store)
    return empty_store


def test_an_exact_match_a_near_one_and_two_candidates_for_one_contract(reconciled):
    found = reconcile(reconciled)
    pairs = {m.contract.reference: m for m in found.matches}
    assert sorted(pairs) == ["C1", "C10", "C2", "C3"]
    exact, near, two = pairs["C1"], pairs["C2"], pairs["C3"]
    assert exact.published.decp_id == "X1" and exact.score.confidence == 1.0 and exact.score.level == "sûr"
    assert (exact.score.days, exact.score.amount_gap) == (0, 0.0)
    assert near.published.decp_id == "X2" and near.score.days == -22 and near.score.similarity == 0.75
    assert near.score.confidence == pytest.approx(0.3 + 0.3 * (1 - 22 / 180) + 0.3 * (1 - (10 / 210) / 0.25), abs=1e-4)
    assert near.score.level == "probable"
    assert two.published.decp_id == "X3b"  # 4 days and the same amount beat a month and 4 % more
    assert pairs["C10"].published.decp_id == "X6"
    assert [m.contract.reference for m in found.matches] == ["C1", "C10", "C3", "C2"]  # best first


def test_each_side_is_paired_once_and_the_reasons_of_the_absent(reconciled):
    found = reconcile(reconciled)
    assert len({m.published.id for m in found.matches}) == len(found.matches)
    reasons = {a.contract.reference: a.reason for a in found.absent}
    assert reasons == {
        "C4": NO_SIRET, "C5": NONE_CLOSE, "C6": OUTSIDE_PERIOD.format(first="01/03/2024", last="01/12/2024"),
        "C7": PRIVATE, "C9": BELOW_THRESHOLD.format(threshold=fmt.number(40_000)), "C11": TAKEN.format(decp_id="X6")}
    assert found.without_clause == 1  # C8: no social consideration in our records, not reconciled
    assert found.published == 8 and (found.first.isoformat(), found.last.isoformat()) == ("2024-03-01", "2024-12-01")


def test_a_clause_not_declared_and_the_clauses_nobody_follows(reconciled):
    found = reconcile(reconciled)
    assert [(m.contract.reference, m.published.considerations) for m in found.undeclared] == [
        ("C2", ("Pas de considération sociale",))]
    # X3a lost C3 to X3b, X5 matches nothing; X7's buyer is not the club's; X4 declares no clause
    assert [(u.published.decp_id, u.buyer) for u in found.untracked] == [("X5", CITY), ("X3a", CITY)]
    assert found.untracked[0].published.object == FORMULA


def test_a_pair_to_check_is_not_said_undeclared(reconciled, monkeypatch):
    monkeypatch.setattr(matching, "PROBABLE", 0.85)  # C2's 0,806 becomes « à vérifier »
    found = reconcile(reconciled)
    assert next(m for m in found.matches if m.contract.reference == "C2").score.level == "à vérifier"
    assert not found.undeclared  # it may be another contract: its declaration is not said wrong


def test_the_departement_narrows_the_published_side(reconciled):
    found = reconcile(reconciled, departement="79")
    assert found.published == 1 and not found.matches and not found.untracked
    assert {a.contract.reference for a in found.absent} == {f"C{n}" for n in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11)}
    with pytest.raises(ValueError):
        reconcile(reconciled, departement="AB")


def test_nothing_loaded_pairs_nothing(empty_store):
    found = reconcile(empty_store)
    assert (found.published, found.matches, found.untracked, found.absent) == (0, [], [], [])


def test_an_archived_buyer_is_no_longer_the_clubs(reconciled):
    from sqlalchemy import update

    from core.store.engine import session_scope
    from core.store.models import Buyer

    with session_scope(reconciled) as session:
        session.execute(update(Buyer).where(Buyer.name == CITY).values(archived=True))
    assert not reconcile(reconciled).untracked  # its contracts still pair, its published clauses are not ours


def test_the_words_and_the_scores():
    assert matching.words("Entretien des Espaces Verts — Lagord") == ("entretien", "espace", "vert", "lagord")
    assert matching.words("Élagage À L'ÉCOLE") == ("elagage", "ecole")
    assert matching.object_similarity(matching.words("Netoyage des locaux"), matching.words("Nettoyage locaux")) == 1
    assert matching.object_similarity((), ("a",)) == matching.NEUTRAL
    assert matching.amount_gap(100.0, None) is None and matching.amount_gap(0.0, 5.0) is None
    assert matching.amount_gap(90.0, 100.0) == pytest.approx(0.1)
    assert matching.level(0.9) == "sûr" and matching.level(0.75) == "probable" and matching.level(0.6) == "à vérifier"
    from datetime import date

    far = matching.score(start=date(2024, 1, 1), notified=date(2024, 7, 1), ours_amount=1.0, theirs_amount=1.0,
                         ours_words=("a",), theirs_words=("a",))
    assert far is None  # 182 days apart: another contract, whatever else is alike


def test_the_command_prints_the_four_lists_in_json(reconciled, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", reconciled.url.render_as_string(hide_password=False))
    assert main(["rapprochement", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["marches_decp_charges", "periode_decp", "rapproches", "clause_non_declaree",
                         "clause_non_suivie", "absents_des_decp"]
    first = out["rapproches"][0]
    assert first["marche"]["reference"] == "C1" and first["decp"]["id"] == "X1"
    assert (first["confiance"], first["niveau"]) == (1.0, "sûr")
    assert first["marche"]["acheteur_siret"] == CITY_SIRET
    assert [c["marche"]["reference"] for c in out["clause_non_declaree"]] == ["C2"]
    assert [c["id"] for c in out["clause_non_suivie"]] == ["X5", "X3a"]
    assert out["clause_non_suivie"][0]["objet"] == FORMULA  # JSON says it as it is
    assert {a["reference"]: a["raison"] for a in out["absents_des_decp"]}["C4"] == NO_SIRET
    assert {a["reference"]: a["objet"] for a in out["absents_des_decp"]}["C5"] == MARKDOWN


def test_the_command_says_a_short_summary_in_french(reconciled, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", reconciled.url.render_as_string(hide_password=False))
    assert main(["rapprochement", "--departement", "17"]) == 0
    out = capsys.readouterr().out
    assert "4 marchés rapprochés (3 sûrs, 1 probable)" in out
    assert "1 clause non déclarée dans les DECP" in out and "2 clauses déclarées que le Club ne suit pas" in out
    assert "6 marchés absents des DECP :" in out
    assert TAKEN.format(decp_id="X6") not in out  # counted by kind, without the details
    assert "  1 × le marché publié le plus proche est rapproché d'un autre de nos marchés" in out
    assert main(["rapprochement", "--departement", "AB"]) == 2
    assert "Erreur" in capsys.readouterr().err
