"""Saisie: create, correct, archive or restore any record, one at a time, with the imports' rules."""

import streamlit as st

from core import formatting as fmt
from core.accounts.auth import AuthError
from core.exchange.kinds import ENTRY_KINDS
from core.exchange.records import FORM, ConflictError, ValidationError, archive_record, load_record, save_record
from core.store.engine import StoreError
from core.store.models import Role
from ui import data, session, texts, widgets
from ui.components import french_table
from ui.forms import forget_form, keep_version, need_progress, record_form, shown_version
from ui.plain import plain

session.allow(Role.FACILITATEUR)
CREATED = "entry_created"  # the id of the record just created: the picker opens it on the next run
# What the last save, archive or restore did: said on the next run, above the record, until the next action (a
# toast, gone in seconds, was sometimes never seen: the rerun that follows it could sweep it away).
DONE = "entry_done"
engine = data.engine()
st.title(texts.ENTRY_TITLE)

kind_name = st.segmented_control(texts.ENTRY_KIND, list(ENTRY_KINDS), format_func=texts.KIND_NAMES.get,
                                 default="marches", required=True, key="entry_kind")
kind = ENTRY_KINDS[kind_name]
left, right = st.columns([3, 1])
search = left.text_input(texts.ENTRY_SEARCH, key=f"entry_search_{kind_name}")
archived = right.toggle(texts.ENTRY_SHOW_ARCHIVED, key=f"entry_archived_{kind_name}")
records = data.records(kind_name, search, archived, 300, data.version())
st.caption(texts.ENTRY_LIST_CAPTION.format(count=fmt.counted(len(records), *texts.RECORD_NOUN)))
st.dataframe(french_table(records.drop(columns=["id", "version", "archived"]), labels=texts.FIELD_LABELS),
             hide_index=True, width="stretch", height=240, placeholder=fmt.MISSING)

labels = {int(r["id"]): " · ".join(str(r[k]) for k in kind.key) for _, r in records.iterrows()}
if (created := st.session_state.pop(CREATED, None)) in labels:  # the record just created, now open for editing
    st.session_state[f"entry_pick_{kind_name}"] = created
picked = widgets.selectbox(st, texts.ENTRY_PICK, [None, *labels], format_func=lambda i: labels.get(i, texts.ENTRY_NEW),
                           key=f"entry_pick_{kind_name}")
record = load_record(engine, kind_name, picked) if picked else None
st.subheader(texts.ENTRY_EDITING.format(id=record["id"], version=record["version"]) if record
             else texts.ENTRY_CREATING)
if done := st.session_state.pop(DONE, None):
    st.success(done, icon=":material/check:")
if record and kind_name == "besoins":
    need_progress(engine, record["id"])

errors_key = f"entry_errors_{kind_name}_{picked}"
choices = {col.ref: data.choices(col.ref, data.version()) for col in kind.columns if col.ref}
submitted = record_form(kind, record, choices, st.session_state.get(errors_key, {}))
if submitted is not None:
    try:
        if record:
            saved = save_record(engine, actor=session.actor(), kind=kind_name, values={**submitted, "id": record["id"]},
                                expected_version=shown_version(kind, record))
            keep_version(kind, record, saved["version"])
        else:
            saved = save_record(engine, actor=session.actor(), kind=kind_name, values=submitted)
            forget_form(kind, None)  # the next new record starts from an empty form
            st.session_state[CREATED] = saved["id"]
    except ValidationError as exc:
        st.session_state[errors_key] = exc.errors
        st.rerun()
    except ConflictError as exc:
        st.error(plain(exc))
        st.button(texts.ENTRY_RELOAD, icon=":material/refresh:", on_click=forget_form, args=(kind, record))
    except (AuthError, StoreError) as exc:
        st.error(plain(exc))
    else:
        st.session_state.pop(errors_key, None)
        st.session_state[DONE] = texts.ENTRY_SAVED.format(label=" · ".join(plain(submitted.get(k)) for k in kind.key))
        st.rerun()
if FORM in st.session_state.get(errors_key, {}):
    st.error(plain(st.session_state[errors_key][FORM]))

if record:
    restore = bool(record["archived"])
    label = texts.ENTRY_RESTORE if restore else texts.ENTRY_ARCHIVE
    if st.button(label, icon=":material/archive:", key="entry_archive"):
        try:
            archive_record(engine, actor=session.actor(), kind=kind_name, record_id=record["id"],
                           expected_version=record["version"], archived=not restore)
        except (ConflictError, ValidationError, AuthError, StoreError) as exc:
            st.error(plain(exc))
        else:
            st.session_state[DONE] = texts.ENTRY_RESTORED if restore else texts.ENTRY_ARCHIVED
            st.rerun()
