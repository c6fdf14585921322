"""The recruitment figures on the pipeline of tests/utils/pipeline.py, worked out by hand there."""

import re
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from core.exchange.pipeline import need_progress
from core.figures import recruitment as r
from core.figures.filters import Filters
from core.store.engine import bump_data_version
from core.store.models import Candidacy, RecruitmentNeed
from tests.utils.fixtures import CITY, LANDLORD
from tests.utils.pipeline import add_pipeline

Y2022 = Filters(2022, 2022, at=date(2022, 12, 31))


@pytest.fixture
def pipeline(store):
    add_pipeline(store)
    return store


def change(engine, model, row_id: int, **values: object) -> None:
    with Session(engine) as s:
        row = s.get(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)
        bump_data_version(s)
        s.commit()


def test_the_need_of_3_positions_5_candidacies_2_hires(pipeline):
    assert need_progress(pipeline, need_id=1) == {"statut": "partiellement pourvu", "postes": 3, "pourvus": 2,
                                                  "candidatures": 5, "abandon": None}
    only_b1 = Filters(2022, 2022, buyers=(CITY,), at=date(2022, 12, 31))  # B3 is on K1 too, without a candidate
    figures = r.recruitment(pipeline, only_b1)
    assert figures["postes_pourvus"] == 2
    assert figures["delai_median_jours"] == 30  # 20 and 40 days
    assert figures["taux_pourvoi"] is None  # B1 is not closed, B3 neither
    assert figures["postes_ouverts"] == 1 + 2  # B1's last position and B3's two
    assert figures["candidatures_par_poste"] == pytest.approx(5 / 5)  # B1's 5 for B1's 3 and B3's 2


def test_every_need_of_the_period(pipeline):
    figures = r.recruitment(pipeline, Y2022)
    assert figures["postes_pourvus"] == 3  # B1's two, B2's one
    assert figures["delai_median_jours"] == 20  # 10, 20, 40
    assert figures["taux_pourvoi"] == 1.0  # B2 alone is closed: 1 ÷ 1
    assert figures["postes_ouverts"] == 3
    assert figures["candidatures_par_poste"] == pytest.approx(6 / 6)


@pytest.mark.parametrize(("at", "still"), [(date(2022, 2, 28), 0), (date(2022, 3, 1), 3), (date(2022, 3, 21), 2),
                                           (date(2022, 6, 5), 1 + 1), (date(2022, 6, 11), 1), (date(2022, 9, 1), 3)])
def test_positions_open_at_a_date(pipeline, at, still):
    assert r.recruitment(pipeline, Filters(2022, 2022, at=at))["postes_ouverts"] == still


def test_an_abandoned_need_closes_on_its_last_decision(pipeline):
    change(pipeline, RecruitmentNeed, 1, abandon_reason="chantier reporté")
    assert need_progress(pipeline, need_id=1)["statut"] == "abandonné"
    figures = r.recruitment(pipeline, Y2022)
    assert figures["taux_pourvoi"] == pytest.approx((2 + 1) / (3 + 1))  # B1 closed on 20/04/2022, and B2
    assert figures["postes_ouverts"] == 2  # B3's only
    before = r.recruitment(pipeline, Filters(2022, 2022, at=date(2022, 4, 19)))
    assert before["postes_ouverts"] == 3 - 2  # still open the day before its last decision
    assert r.recruitment(pipeline, Filters(2023, 2023))["taux_pourvoi"] is None


def test_archived_candidacies_and_needs_do_not_count(pipeline):
    change(pipeline, Candidacy, 1, archived=True)
    change(pipeline, RecruitmentNeed, 2, archived=True)
    figures = r.recruitment(pipeline, Y2022)
    assert figures["postes_pourvus"] == 1 and figures["delai_median_jours"] == 40
    assert figures["postes_ouverts"] == 2 + 2


def test_the_filters_reach_the_needs_through_their_contract_and_sector(pipeline):
    assert r.recruitment(pipeline, Filters(2022, 2022, buyers=(LANDLORD,)))["postes_pourvus"] == 0
    cleaning = r.recruitment(pipeline, Filters(2022, 2022, sectors=("nettoyage",), at=date(2022, 12, 31)))
    assert (cleaning["postes_pourvus"], cleaning["taux_pourvoi"], cleaning["postes_ouverts"]) == (1, 1.0, 0)
    change(pipeline, RecruitmentNeed, 3, sector=None)  # B3 then reads K1's sector
    assert r.recruitment(pipeline, Filters(2022, 2022, sectors=("peinture",),
                                           at=date(2022, 12, 31)))["postes_ouverts"] == 1 + 2
    assert r.recruitment(pipeline, Filters(2021, 2021))["postes_pourvus"] == 0


def test_trades_where_no_one_is_found_first(pipeline):
    trades = r.by_trade(pipeline, Y2022, "metier")
    assert trades["valeur"].tolist() == ["F1703 · Maçon", "F1606 · Peintre en bâtiment", "Agent de propreté"]
    assert trades["postes"].tolist() == [2, 3, 1] and trades["postes_pourvus"].tolist() == [0, 2, 1]
    assert trades["candidatures"].tolist() == [0, 5, 1]
    assert trades["delai_median_jours"].tolist()[1:] == [30, 10]
    sectors = r.by_trade(pipeline, Y2022, "secteur")
    assert sectors["valeur"].tolist() == ["gros œuvre", "peinture", "nettoyage"]


def test_hires_under_5_are_masked_outside_the_facilitators_views(pipeline):
    shown = r.masked_recruitment(r.recruitment(pipeline, Y2022))
    assert shown["postes_pourvus"] == "< 5" and shown["delai_median_jours"] == "—"
    assert shown["postes_ouverts"] == 3  # positions, not people
    many = r.masked_recruitment({"postes_pourvus": 12, "delai_median_jours": 31})
    assert many == {"postes_pourvus": 12, "delai_median_jours": 31}
    trades = r.protected_trades(r.by_trade(pipeline, Y2022, "metier"))
    assert "< 5" in trades["postes_pourvus"].tolist() and "—" in trades["delai_median_jours"].tolist()
    assert not any(isinstance(v, int) and 0 < v < 5 for v in trades["candidatures"].tolist())
    # a fill rate beside the positions gives the hires back (2 of 3 positions: 67 %): hidden with them
    for _, trade in trades.iterrows():
        if isinstance(trade["postes_pourvus"], str):
            assert trade["taux_pourvoi"] == "—" and trade["delai_median_jours"] in ("—", None)
    few = r.masked_recruitment({"postes_pourvus": 2, "delai_median_jours": 31, "taux_pourvoi": 2 / 3})
    assert few == {"postes_pourvus": "< 5", "delai_median_jours": "—", "taux_pourvoi": "—"}


def test_every_definition_is_in_the_figures_document_word_for_word():
    text = re.sub("[\u00a0\u202f]", " ", (Path(__file__).parents[3] / "docs" / "indicateurs.md").read_text("utf-8"))
    for label, definition in r.DEFINITIONS.values():
        assert f"| {label} | {definition} |" in text
    assert r.TRADE_NOTE in " ".join(text.split())


# --- the facilitator's lists (core.figures.pipeline_watch) ------------------------------------------


def test_the_facilitators_pipeline_lists(pipeline):
    from core.figures.pipeline_watch import watch

    lists = watch(pipeline, date(2022, 9, 20))
    needs = lists["needs"]
    assert needs["reference"].tolist() == ["B1", "B3"]  # B2 is filled; the oldest first
    assert needs["age_jours"].tolist() == [203, 19] and needs["pourvus"].tolist() == [2, 0]
    assert needs["statut"].tolist() == ["partiellement pourvu", "ouvert"]
    assert needs["derniere_action"].tolist() == [date(2022, 4, 20), date(2022, 9, 1)]
    assert lists["actions"][["reference", "en_retard"]].values.tolist() == [["B1", True]]
    assert lists["alone"]["reference"].tolist() == ["B3"]  # 19 days without a candidate
    waiting = lists["waiting"]
    assert waiting[["besoin", "participant", "jours_sans_reponse"]].values.tolist() == [["B1", "P5", 172]]
    early = watch(pipeline, date(2022, 9, 15))
    assert early["alone"].empty  # 14 days: not yet
    assert watch(pipeline, date(2022, 4, 11))["waiting"].empty  # P5 proposed 10 days before: not yet


def test_a_need_abandoned_leaves_the_lists(pipeline):
    from core.figures.pipeline_watch import watch

    change(pipeline, RecruitmentNeed, 1, abandon_reason="chantier reporté")
    lists = watch(pipeline, date(2022, 9, 20))
    assert lists["needs"]["reference"].tolist() == ["B3"] and lists["waiting"].empty and lists["actions"].empty
