"""The published contracts (DECP) in the app: the officials' choice of département and year, and the
facilitator's upload of a file (read, previewed, then written all at once)."""

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.accounts.auth import AuthError
from core.config import import_dir
from core.decp.departements import NAMES
from core.decp.departements import label as departement_label
from core.decp.file_import import import_decp_file
from core.decp.published import DecpImportReport, apply_decp, preview_decp
from core.decp.server_file import NOT_ENABLED, UNREADABLE, server_file
from core.exchange.imports import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB  # a département's file; a national one: the CLI
from core.store.engine import StoreError
from ui import data, filters, session, texts, widgets
from ui.plain import plain

ALL = "tous"  # the "every département" choice, as it reads in the address
PREVIEW = "decp_preview"


def choose_scope(scope: dict, store_version: str) -> tuple[str | None, int | None]:
    """The département and the year chosen on the page, mirrored in the address (?departement=17&annee=2024).

    By default: Charente-Maritime if the data has it, else the département with most contracts; then the
    year of the shared filters if that département has contracts notified then, else its last such year."""
    left, right, _ = st.columns([2, 1, 1])
    departement = choose_departement(left, scope["departements"], key="decp_departement",
                                     title=texts.PROCUREMENT_DEPARTEMENT, help_text=texts.PROCUREMENT_DEPARTEMENT_HELP,
                                     asked=st.query_params.get("departement", "").upper().replace("TOUS", ALL))
    years = data.decp_yearly(departement, store_version)["annee"].tolist()[::-1]  # the latest first
    shared = st.session_state.get(filters.STATE)
    asked = st.query_params.get("annee", "")
    _seed("decp_year", years, shared.year_to if shared and shared.year_to in years else (years or [None])[0],
          int(asked) if asked.isdigit() else None)
    year = widgets.selectbox(right, texts.PROCUREMENT_YEAR, years, help=texts.PROCUREMENT_YEAR_HELP,
                             key="decp_year") if years else None
    st.query_params.update({"departement": departement or ALL} | ({"annee": str(year)} if year else {}))
    return departement, year


def choose_departement(where: object, counts: dict, *, key: str, title: str, help_text: str,
                       asked: str | None = None) -> str | None:
    """A département of the published contracts (None: all of them), each with its count of contracts; by default
    Charente-Maritime if the data has it, else the one with most contracts."""
    codes = [c for c in counts if c is not None] + [ALL]
    _seed(key, codes, "17" if "17" in codes else codes[0], asked)

    def option(code: str) -> str:
        if code == ALL:
            return texts.DECP_ALL_DEPARTEMENTS
        return texts.PROCUREMENT_DEPARTEMENT_OPTION.format(
            label=departement_label(code), count=fmt.counted(counts[code], *texts.PROCUREMENT_CONTRACT_NOUN))

    code = widgets.selectbox(where, title, codes, format_func=option, help=help_text, key=key)
    return None if code == ALL else code


def _seed(key: str, allowed: list, default: object, asked: object) -> None:
    """A choice's value before its widget is drawn: kept if still allowed, else the address's, else the default."""
    if st.session_state.get(key) not in allowed:  # first run, or a value the data no longer has
        st.session_state[key] = asked if asked in allowed else default


def upload_flow() -> None:
    """Choose a département, drop a file, read the preview (counts and warnings), confirm."""
    engine = data.engine()
    st.write(texts.DECP_INTRO.format(size=MAX_UPLOAD_MB))
    stored = [c for c in data.decp_scope(data.version())["departements"] if c]
    codes = ["", *NAMES]
    departement = widgets.selectbox(st, texts.DECP_DEPARTEMENT, codes, index=codes.index(stored[0]) if stored else 0,
                                    format_func=lambda c: departement_label(c) if c else texts.DECP_ALL_DEPARTEMENTS,
                                    help=texts.DECP_DEPARTEMENT_HELP, key="decp_import_departement")
    upload = st.file_uploader(texts.DECP_UPLOAD, type=["json", "csv"], max_upload_size=MAX_UPLOAD_MB,
                              key="decp_import_file", help=texts.DECP_UPLOAD_HELP.format(limit=MAX_UPLOAD_MB))
    _server_path(departement or None)
    if upload is None:
        return
    if upload.size > MAX_UPLOAD_BYTES:
        st.error(texts.DECP_TOO_LARGE.format(size=fmt.number(upload.size / 1024 / 1024), limit=MAX_UPLOAD_MB))
        return
    # Reading a large file takes seconds: once per file, département and state of the store.
    key = (upload.file_id, departement, data.version())
    if st.session_state.get(PREVIEW, (None,))[0] != key:
        try:
            report = preview_decp(engine, actor=session.actor(), data=upload.getvalue(), filename=upload.name,
                                  departement=departement or None)
        except (ValueError, AuthError, StoreError) as exc:  # DecpFileError is a ValueError: the file cannot be read
            st.error(plain(exc))
            return
        st.session_state[PREVIEW] = (key, report)
    report = st.session_state[PREVIEW][1]

    st.subheader(texts.IMPORT_PREVIEW)
    for note in report.notes:
        st.info(plain(note))
    st.success(texts.DECP_COUNTS.format(read=fmt.counted(report.read, *texts.DECP_READ_NOUN),
                                        kept=fmt.counted(report.contracts, *texts.DECP_KEPT_NOUN),
                                        created=fmt.number(report.created), updated=fmt.number(report.updated),
                                        unchanged=fmt.number(report.unchanged)))
    if report.filtered_out:
        st.caption(texts.DECP_FILTERED.format(count=fmt.counted(report.filtered_out, *texts.DECP_FILTERED_NOUN)))
    _warnings(report)
    if report.created + report.updated == 0:
        st.info(texts.DECP_NOTHING)
        return
    if st.button(texts.DECP_CONFIRM, type="primary", key="decp_confirm"):
        try:
            done = apply_decp(engine, actor=session.actor(), report=report)
        except (AuthError, StoreError) as exc:
            st.error(plain(exc))
            return
        st.success(texts.IMPORT_DONE.format(created=fmt.counted(done.created, *texts.DECP_CREATED_NOUN),
                                          updated=fmt.counted(done.updated, *texts.DECP_UPDATED_NOUN),
                                          unchanged=fmt.number(done.unchanged)))
        st.page_link("pages/public_procurement.py", label=texts.DECP_SEE_PAGE, icon=":material/account_balance:")


def _warnings(report: DecpImportReport) -> None:
    if report.warnings:
        st.warning(texts.DECP_WARNINGS.format(count=fmt.counted(sum(report.warnings.values()),
                                                                *texts.DECP_WARNING_NOUN)))
        rows = sorted(report.warnings.items(), key=lambda kv: (-kv[1], kv[0]))
        st.dataframe(pd.DataFrame([{"avertissement": kind, "nombre": fmt.number(n)} for kind, n in rows])
                     .rename(columns=texts.DECP_WARNING_COLUMNS), hide_index=True, width="stretch")


def _server_path(departement: str | None) -> None:
    """A file of the server's import folder, too big to upload: streamed and written at once, as the command line
    does (core.decp.server_file judges the path; nothing outside the folder is read)."""
    folder = import_dir()
    typed = st.text_input(texts.DECP_SERVER_PATH, key="decp_server_path", disabled=folder is None,
                          help=texts.DECP_SERVER_PATH_HELP.format(folder=folder) if folder else NOT_ENABLED)
    if folder is None:
        st.caption(texts.DECP_SERVER_PATH_OFF)
        return
    if not st.button(texts.DECP_SERVER_IMPORT, key="decp_server_import", icon=":material/dns:"):
        return
    try:
        path = server_file(typed, folder)
        with st.spinner(texts.DECP_SERVER_READING):
            report = import_decp_file(data.engine(), actor=session.actor(), path=path, departement=departement)
    except (ValueError, AuthError, StoreError) as exc:  # ServerFileError, DecpFileError: French, nothing written
        st.error(plain(exc))
        return
    except OSError:
        st.error(UNREADABLE.format(typed=typed.strip()))
        return
    for note in report.notes:
        st.info(plain(note))
    _warnings(report)
    st.success(plain(report.summary()), icon=":material/check:")
    st.page_link("pages/public_procurement.py", label=texts.DECP_SEE_PAGE, icon=":material/account_balance:")
