"""Imports: a spreadsheet in, a preview with every error, then all of it written — or nothing."""

import streamlit as st

from core import formatting as fmt
from core.accounts.auth import AuthError
from core.exchange.directories import STRUCTURES
from core.exchange.imports import MAX_UPLOAD_MB, apply_import, preview_import, template
from core.exchange.kinds import KINDS
from core.store.engine import StoreError
from core.store.models import Role
from ui import data, session, texts, widgets
from ui.decp import upload_flow
from ui.import_errors import show_errors
from ui.plain import plain

session.allow(Role.FACILITATEUR)
DECP = "decp"  # published open data: its own flow (no template, warnings rather than errors)
IMPORTED = "import_written"  # (kind, file id) of the file just written, and what was said about it

engine = data.engine()
st.title(texts.IMPORT_TITLE)
kind = widgets.selectbox(st, texts.IMPORT_KIND, [*KINDS, STRUCTURES, DECP], key="import_kind",
                         format_func=lambda k: texts.KIND_NAMES.get(k, texts.DIRECTORY_KIND if k == STRUCTURES
                                                                   else texts.DECP_KIND))
if kind == DECP:
    upload_flow()
    st.stop()

department = None
if kind == STRUCTURES:  # a published directory, read as it is: no template
    st.write(texts.DIRECTORY_SHAPES)
    department = st.text_input(texts.DIRECTORY_DEPARTMENT, key="import_department",
                               help=texts.DIRECTORY_DEPARTMENT_HELP).strip() or None
else:
    st.write(texts.IMPORT_TEMPLATES)
    xlsx, csv = st.columns(2)
    xlsx.download_button("modele-" + kind + ".xlsx", template(kind, "xlsx"), file_name=f"modele-{kind}.xlsx",
                         icon=":material/download:")
    csv.download_button("modele-" + kind + ".csv", template(kind, "csv"), file_name=f"modele-{kind}.csv",
                        icon=":material/download:")

upload = st.file_uploader(texts.IMPORT_UPLOAD, type=["xlsx", "csv"], max_upload_size=MAX_UPLOAD_MB,
                          key=f"import_file_{kind}")
if upload is None:
    st.stop()
if (written := st.session_state.get(IMPORTED)) and written[0] == (kind, upload.file_id, department):
    st.success(written[1])  # this very file is in the store now: no preview, no second confirmation
    st.info(texts.IMPORT_NEXT)
    st.stop()

# Reading and checking a large file takes seconds: once per uploaded file, not on every rerun.
cache_key = (kind, upload.file_id, department, data.version())
if st.session_state.get("import_preview", (None,))[0] != cache_key:
    try:
        st.session_state["import_preview"] = (cache_key, preview_import(engine, kind, upload.getvalue(), upload.name,
                                                                        department))
    except StoreError as exc:
        st.error(str(exc))
        st.stop()
report = st.session_state["import_preview"][1]
st.subheader(texts.IMPORT_PREVIEW)
for note in report.notes:
    st.info(plain(note))
if not report.ok:
    show_errors(report, key="import_errors_report")
    st.stop()
st.success(texts.IMPORT_COUNTS.format(read=fmt.counted(report.read, *texts.ROWS_READ),
                                      created=fmt.number(report.created), updated=fmt.number(report.updated),
                                      unchanged=fmt.number(report.unchanged)))
st.dataframe(report.rows_frame(), hide_index=True, width="stretch", height=300)
if report.created + report.updated == 0:
    st.info(texts.IMPORT_NOTHING)
    st.stop()
if st.button(texts.IMPORT_CONFIRM, type="primary"):
    try:
        done = apply_import(engine, actor=session.actor(), report=report)
    except (AuthError, StoreError) as exc:
        st.error(plain(exc))
        st.stop()
    if done.ok:
        said = texts.IMPORT_DONE.format(created=fmt.counted(done.created, *texts.ROWS_CREATED),
                                        updated=fmt.counted(done.updated, *texts.ROWS_UPDATED),
                                        unchanged=fmt.number(done.unchanged))
        st.session_state[IMPORTED] = ((kind, upload.file_id, department), said)
        st.rerun()
    else:
        show_errors(done, key="import_errors_report_written")
