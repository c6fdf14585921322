"""Cached access to the store for the pages.

The engine is one per process; query results are cached by their filters and by the store's data
version, which every write bumps, so a write shows at once in every session and process. The version is
an ordinary argument on purpose: Streamlit leaves arguments named `_…` out of the cache key.
"""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from core.clauses import assessments, buyers
from core.clauses import purchase_plan as plan
from core.clauses.relevance import SizingParameters
from core.conventions import get_parameters
from core.decp import published as decp
from core.decp.buyers import buyers_tables
from core.decp.reconciliation import Reconciliation, reconcile
from core.demo.build import ensure_demo
from core.exchange import hours_grid
from core.exchange import records as core_records
from core.exchange.hours_grid import GridContract
from core.exports import slides
from core.exports import workbook as exports
from core.figures import contracts, indicators
from core.figures import exits as exits_core
from core.figures import followup as followup_core
from core.figures.engine import figures_engine
from core.figures.filters import Filters
from core.prospecting import listing
from core.prospecting.listing import ProspectList
from core.store.engine import data_version, open_store


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """Opened (and migrated) once per process; a StoreError reaches the frame, which shows it."""
    engine = open_store()
    ensure_demo(engine)
    return engine


def version() -> str:
    return data_version(engine())[0]


def figures(store_version: str) -> Engine:
    """Where the dashboard's figures are read: the store's DuckDB replica at that version (core.figures.engine)."""
    return figures_engine(engine(), store_version)


def prefetch(*loads: Callable[[], object]) -> None:
    """Run independent cached loads side by side, so that a cold page waits for the longest, not the sum.

    SQLite reads in parallel (WAL) and its driver releases the GIL while a query runs; the page's own calls
    then find the results in the cache. Each thread carries the script's context, as `st.cache_data` expects."""
    ctx = get_script_run_ctx()

    def run(load: Callable[[], object]) -> None:
        add_script_run_ctx(threading.current_thread(), ctx)
        load()

    with ThreadPoolExecutor(max_workers=len(loads)) as pool:
        for _ in pool.map(run, loads):  # re-raises the first error, as the page's own call would
            pass


@st.cache_data(show_spinner=False, max_entries=256)
def headline(f: Filters, store_version: str) -> dict:
    return indicators.headline_with_change(figures(store_version), f)


@st.cache_data(show_spinner=False, max_entries=64)
def yearly_hours(f: Filters, store_version: str) -> pd.DataFrame:
    return indicators.yearly_hours(figures(store_version), f)


@st.cache_data(show_spinner=False, max_entries=512)
def breakdown(f: Filters, name: str, store_version: str) -> pd.DataFrame:
    return indicators.breakdown_with_plan(figures(store_version), f, name)


@st.cache_data(show_spinner=False, max_entries=256)
def exits(f: Filters, store_version: str) -> pd.DataFrame:
    """The period's exits by moment and kind."""
    return exits_core.exits_by_kind(engine(), f)


@st.cache_data(show_spinner=False, max_entries=256)
def exits_breakdown(f: Filters, name: str, store_version: str) -> pd.DataFrame:
    return exits_core.exits_breakdown(engine(), f, name)


@st.cache_data(show_spinner=False, max_entries=64)
def jobs_series(sector: str | None, store_version: str) -> pd.DataFrame:
    return indicators.jobs_series(engine(), sector)


@st.cache_data(show_spinner=False, max_entries=128)
def contract_page(f: Filters, search: str, page: int, store_version: str) -> contracts.ContractPage:
    """One screenful of the Marchés list, read from the figures' engine (the replica of a large store)."""
    return contracts.reading_page(figures(store_version), f, search, page)


@st.cache_data(show_spinner=False, max_entries=128)
def contract_listed(f: Filters, search: str, reference: str, store_version: str) -> bool:
    return contracts.listed(figures(store_version), f, search, reference)


@st.cache_data(show_spinner=False, max_entries=128)
def contract_detail(reference: str, store_version: str) -> dict | None:
    return contracts.contract_detail(engine(), reference)


@st.cache_data(show_spinner=False)
def overview(store_version: str) -> dict:
    """What the filters offer: years with data, buyers, the data's last month, demo or not."""
    return indicators.overview(engine())


@st.cache_data(show_spinner=False, max_entries=32)
def deck(f: Filters, references: tuple[str, ...] | None, store_version: str) -> slides.Deck:
    """The reception's slides for a year and a scope (people counts already masked)."""
    return slides.build_deck(engine(), f, references, figures=figures(store_version))


@st.cache_data(show_spinner=False, max_entries=64)
def large_contracts(f: Filters, count: int, store_version: str) -> pd.DataFrame:
    return slides.large_contracts(figures(store_version), f, count)


def pptx_file(f: Filters, references: tuple[str, ...] | None = None) -> bytes:
    """Built when the download button is clicked, not on every run."""
    return exports.build_pptx(engine(), f, references, figures=figures(version()))


def xlsx_file(f: Filters) -> bytes:
    """The aggregates through the store's replica at 1 M entries (core.figures.engine), the rest from the store."""
    return exports.build_xlsx(engine(), f, figures=figures(version()))


def csv_file(f: Filters, table: str) -> bytes:
    """One table of the workbook (a sheet name of `exports.export_tables`) as CSV."""
    return exports.table_csv(exports.export_tables(engine(), f, figures=figures(version()))[table])


# --- Relevance checklist, assessments history, follow-up of the clauses, purchase plan (issue 4) -------


@st.cache_data(show_spinner=False, max_entries=8)
def sizing_parameters(store_version: str) -> dict[str, float]:
    """The club's conventions as stored (hourly cost, insertion rate, labour share per sector, ETP divisor)."""
    return get_parameters(engine())


@st.cache_data(show_spinner=False, max_entries=64)
def local_defaults(sector: str | None, store_version: str, commune: str | None = None) -> dict:
    return assessments.local_defaults(engine(), sector, commune)


@st.cache_data(show_spinner=False, max_entries=128)
def assessment_list(buyer: str | None, verdict: str | None, search: str, include_archived: bool,
                    store_version: str) -> pd.DataFrame:
    return assessments.list_assessments(engine(), buyer=buyer, verdict=verdict, search=search,
                                        include_archived=include_archived)


@st.cache_data(show_spinner=False, max_entries=8)
def club_buyers(store_version: str) -> list[str]:
    """The checklist's buyers: the store's and the history's, one spelling each (core.clauses.buyers)."""
    return buyers.club_buyers(engine())


@st.cache_data(show_spinner=False, max_entries=8)
def assessment_buyers(store_version: str) -> list[str]:
    return assessments.assessment_buyers(engine())


@st.cache_data(show_spinner=False, max_entries=128)
def assessment(assessment_id: int, store_version: str) -> dict:
    """One saved assessment: fields, inputs (PurchaseInputs), parameters and result (plain data)."""
    return assessments.get_assessment(engine(), assessment_id)


@st.cache_data(show_spinner=False, max_entries=32)
def contract_choices(buyer: str | None, store_version: str) -> pd.DataFrame:
    return assessments.contract_choices(engine(), buyer)


@st.cache_data(show_spinner=False, max_entries=16)
def followup(today: date, store_version: str) -> dict[str, pd.DataFrame]:
    return followup_core.alerts(engine(), today)


@st.cache_data(show_spinner=False, max_entries=16)
def assessed_plan(content: bytes, filename: str, store_version: str) -> pd.DataFrame:
    """A purchase plan assessed with the club's parameters (TableError when it cannot be read)."""
    return plan.assess_plan(content, filename, SizingParameters.from_mapping(sizing_parameters(store_version)))


# --- The facilitator's records (entry forms, hours grid) ----------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def records(kind: str, search: str, archived: bool, limit: int, store_version: str) -> pd.DataFrame:
    return core_records.list_records(engine(), kind, search, archived, limit)


@st.cache_data(show_spinner=False, max_entries=16)
def contract_hours(reference: str, store_version: str) -> pd.DataFrame:
    """One contract's hours entries, all of them (the hours grid)."""
    found = core_records.contract_id(engine(), reference)
    return core_records.contract_hours(engine(), contract_id=found if found is not None else -1)


@st.cache_data(show_spinner=False, max_entries=8)
def grid_contracts(today: date, store_version: str) -> list[GridContract]:
    """The hours grid's contracts, running ones first (core.exchange.hours_grid)."""
    return hours_grid.grid_contracts(engine(), today=today)


@st.cache_data(show_spinner=False, max_entries=32)
def choices(ref: str, store_version: str) -> dict[str, str]:
    """The values a reference column may take, with their labels (buyers, SIRETs, contracts, codes)."""
    return core_records.reference_choices(engine(), ref)


# --- Public procurement of the territory (DECP open data) ---------------------------------------------


@st.cache_data(show_spinner=False, max_entries=8)
def decp_scope(store_version: str) -> dict:
    """The départements and years the published contracts cover, and the last import's time."""
    return decp.decp_scope(engine())


@st.cache_data(show_spinner=False, max_entries=128)
def decp_stats(year: int | None, departement: str | None, store_version: str) -> dict:
    return decp.decp_stats(engine(), year=year, departement=departement)


@st.cache_data(show_spinner=False, max_entries=64)
def decp_yearly(departement: str | None, store_version: str) -> pd.DataFrame:
    return decp.decp_yearly(engine(), departement=departement)


@st.cache_data(show_spinner=False, max_entries=64)
def decp_buyers(year: int | None, departement: str | None, store_version: str) -> dict[str, pd.DataFrame]:
    """The territory's buyers side by side: per buyer, club group, nature and CPV division."""
    return buyers_tables(engine(), year=year, departement=departement)


@st.cache_data(show_spinner=False, max_entries=32)
def prospects(departement: str | None, year: int | None, store_version: str) -> ProspectList:
    """The prospecting list of a scope (core.prospecting.listing): plain dataclasses, no ORM object."""
    return listing.prospects(engine(), departement=departement, year=year)


@st.cache_data(show_spinner=False, max_entries=16)
def reconciliation(departement: str | None, store_version: str) -> Reconciliation:
    """Our contracts against their published record (core.decp.reconciliation): plain dataclasses."""
    return reconcile(engine(), departement=departement)
