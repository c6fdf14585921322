"""DECP for the app: a preview that writes nothing then an apply that writes it all, what the store covers
(départements, years) and the share of contracts with a social consideration per year."""


import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from core.accounts.auth import CLI_ACTOR, Actor, AuthError
from core.decp.departements import label
from core.decp.published import apply_decp, decp_scope, decp_stats, decp_yearly, import_decp, preview_decp
from core.store.engine import data_version
from core.store.models import Role
from core.store.open_data import DecpContract
from tests.utils.decp import fixture

FACILITATOR, READER = Actor("fa", Role.FACILITATEUR), Actor("lea", Role.LECTEUR)


def contracts(engine) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(DecpContract)).scalar_one()


def test_a_preview_writes_nothing_and_the_apply_writes_what_it_said(empty_store):
    before = data_version(empty_store)[0]
    preview = preview_decp(empty_store, actor=FACILITATOR, data=fixture("2022-nested.json"), filename="f.json",
                           departement="17")
    assert (preview.read, preview.contracts, preview.filtered_out) == (5, 3, 1)
    assert (preview.created, preview.updated, preview.unchanged) == (3, 0, 0)
    assert contracts(empty_store) == 0 and data_version(empty_store)[0] == before
    done = apply_decp(empty_store, actor=FACILITATOR, report=preview)
    assert (done.created, done.updated, done.unchanged) == (3, 0, 0) and contracts(empty_store) == 3
    assert data_version(empty_store)[0] != before
    again = preview_decp(empty_store, actor=FACILITATOR, data=fixture("2022-nested.json"), filename="f.json",
                         departement="17")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_the_apply_counts_the_store_as_it_is_when_writing(empty_store):
    preview = preview_decp(empty_store, actor=FACILITATOR, data=fixture("national.csv"), filename="n.csv")
    import_decp(empty_store, actor=CLI_ACTOR, data=fixture("national.csv"),
                filename="n.csv")  # someone else, in between
    done = apply_decp(empty_store, actor=FACILITATOR, report=preview)
    assert (done.created, done.updated, done.unchanged) == (0, 0, 4)


def test_only_a_facilitator_previews_or_applies(empty_store):
    with pytest.raises(AuthError):
        preview_decp(empty_store, actor=READER, data=fixture("national.csv"), filename="n.csv")
    preview = preview_decp(empty_store, actor=FACILITATOR, data=fixture("national.csv"), filename="n.csv")
    for actor in (None, READER):
        with pytest.raises(AuthError):
            apply_decp(empty_store, actor=actor, report=preview)
    assert contracts(empty_store) == 0


def test_scope_ranks_departements_and_lists_years(decp_store):
    scope = decp_scope(decp_store)
    assert scope["departements"] == {"17": 8, "01": 1, "79": 1}
    assert list(scope["departements"]) == ["17", "01", "79"]  # most contracts first
    assert scope["annees"] == [2019, 2021, 2023, 2024] and scope["marches"] == 10
    assert scope["dernier_import"] is not None


def test_scope_of_an_empty_store(empty_store):
    assert decp_scope(empty_store) == {"departements": {}, "annees": [], "marches": 0, "dernier_import": None,
                                         "demonstration": 0}
    assert decp_yearly(empty_store).empty


def test_share_per_year_by_hand_and_as_decp_stats(decp_store):
    yearly = decp_yearly(decp_store).set_index("annee")
    assert list(yearly.index) == [2019, 2021, 2023, 2024]
    # 2024: 6 contracts, all informed, 5 with a social consideration (2024-001, -002, -009, C1, C4)
    assert yearly.loc[2024, ["marches", "marches_renseignes", "marches_avec_consideration"]].tolist() == [6, 6, 5]
    assert yearly.loc[2024, "part_avec_consideration"] == round(5 / 6, 4)
    assert yearly.loc[2019, "marches_renseignes"] == 0  # the 2019 format says nothing: no share
    assert yearly["part_avec_consideration"].isna()[2019]
    for dept in (None, "17"):
        for year, row in decp_yearly(decp_store, departement=dept).set_index("annee").iterrows():
            stats = decp_stats(decp_store, year=year, departement=dept)
            assert (row["marches"], row["marches_renseignes"], row["marches_avec_consideration"]) == (
                stats["marches"], stats["marches_renseignes"], stats["marches_avec_consideration"])


def test_departement_label():
    assert label("17") == "17 — Charente-Maritime" and label("2A") == "2A — Corse-du-Sud" and label("99") == "99"
