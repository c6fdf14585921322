"""Administration: accounts, the club's parameters, the audit trail, and a copy of the store."""

import tempfile
from datetime import date
from pathlib import Path

import streamlit as st

from core import formatting as fmt
from core.accounts.auth import add_user, lift_slowdown, list_users, update_user
from core.conventions import (
    CONVENTIONS,
    anonymous_readers,
    cpv_sectors,
    get_parameters,
    set_anonymous_readers,
    set_cpv_sector,
    set_parameter,
)
from core.exchange.journal import journal as journal_entries
from core.store.engine import StoreError, backup
from core.store.enums import Sector
from core.store.models import Role
from ui import data, session, texts, widgets
from ui.exports import MIME_TYPES
from ui.plain import plain

session.allow(Role.ADMIN)
engine = data.engine()
admin = session.actor()
st.title(texts.ADMIN_TITLE)
accounts, parameters, journal, copy = st.tabs(texts.ADMIN_TABS)

with accounts:
    users = list_users(engine)
    st.dataframe([{texts.USERNAME: u["nom"], texts.ROLE: u["role"],
                   texts.ACCOUNT_STATE: texts.ACTIVE if u["actif"] else texts.INACTIVE,
                   texts.SLOWED_UNTIL: fmt.moment(u["ralenti_jusqu_a"])}
                  for u in users], hide_index=True, width="stretch")
    if slowed := [u["nom"] for u in users if u["ralenti_jusqu_a"]]:
        st.caption(texts.SLOWED_HELP)
        target = widgets.selectbox(st, texts.SLOWED_ACCOUNT, slowed, key="slowed_account")
        if st.button(texts.LIFT_SLOWDOWN, key="lift_slowdown"):
            try:
                lift_slowdown(engine, actor=admin, username=target)
                st.rerun()
            except PermissionError as exc:
                st.error(plain(exc))
    with st.form("add_user", clear_on_submit=True):
        st.subheader(texts.ADD_USER)
        name = st.text_input(texts.USERNAME)
        password = st.text_input(texts.PASSWORD, type="password")
        role = widgets.selectbox(st, texts.ROLE, [r.value for r in Role])
        if st.form_submit_button(texts.CREATE):
            try:
                add_user(engine, actor=admin, username=name, password=password, role=role)
                st.success(texts.USER_CREATED.format(name=plain(name)))
            except (ValueError, PermissionError, StoreError) as exc:
                st.error(plain(exc))
    with st.form("edit_user"):
        st.subheader(texts.EDIT_USER)
        names = [u["nom"] for u in users]
        target = widgets.selectbox(st, texts.USERNAME, names, index=None, placeholder="—")
        new_role = widgets.selectbox(st, texts.ROLE, [None, *[r.value for r in Role]], format_func=lambda r: r or "—")
        active = st.radio(texts.ACCOUNT_STATE, [None, True, False], horizontal=True,
                          format_func=lambda v: {None: "—", True: texts.ACTIVE, False: texts.INACTIVE}[v])
        new_password = st.text_input(texts.NEW_PASSWORD, type="password")
        if st.form_submit_button(texts.SAVE) and target:
            try:
                update_user(engine, actor=admin, username=target, role=new_role, active=active,
                            password=new_password or None)
                st.success(texts.USER_UPDATED.format(name=plain(target)))
            except (ValueError, PermissionError, StoreError) as exc:
                st.error(plain(exc))

with parameters:
    public = st.toggle(texts.ANONYMOUS_READERS, value=anonymous_readers(engine), help=texts.ANONYMOUS_HELP)
    if public != anonymous_readers(engine):
        set_anonymous_readers(engine, actor=admin, value=public)
        st.rerun()
    values = get_parameters(engine)
    with st.form("parameters"):
        edited = {}
        for key, c in CONVENTIONS.items():  # shares and rates are typed in percent: 5, not 0.05
            edited[key] = widgets.convention_input(st, c, stored=values[key], key=f"param_{key}")
        if st.form_submit_button(texts.SAVE):
            try:
                for key, value in edited.items():
                    if abs(value - values[key]) > 1e-9:
                        set_parameter(engine, actor=admin, key=key, value=value)
                st.success(texts.PARAMETERS_SAVED)
            except (ValueError, PermissionError, StoreError) as exc:
                st.error(plain(exc))
    st.subheader(texts.CPV_TITLE)
    st.caption(texts.CPV_HELP)
    divisions = cpv_sectors(engine)  # the table is drawn below the form, so that it shows a change at once
    cpv_columns = texts.CPV_COLUMNS
    with st.form("cpv_sector"):
        left, right = st.columns([2, 1])
        division = widgets.selectbox(left, texts.CPV_DIVISION, list(divisions), key="cpv_division",
                                     format_func=lambda d: f"{d} — {divisions[d].label}")
        sector = widgets.selectbox(right, texts.CPV_SECTOR, [s.value for s in Sector], key="cpv_sector")
        if st.form_submit_button(texts.CPV_SAVE):
            try:
                set_cpv_sector(engine, actor=admin, division=division, sector=sector)
                st.success(texts.CPV_SAVED.format(division=division, sector=sector))
            except (ValueError, PermissionError, StoreError) as exc:
                st.error(plain(exc))
    st.dataframe([{cpv_columns["division"]: d.division, cpv_columns["label"]: d.label,
                   cpv_columns["sector"]: d.sector.value, cpv_columns["default"]: d.default.value}
                  for d in cpv_sectors(engine).values()], hide_index=True, width="stretch", key="cpv_table")

with journal:
    left, middle, right = st.columns(3)
    who = left.text_input(texts.AUDIT_USER)
    entity = widgets.selectbox(middle, texts.AUDIT_ENTITY, [None, *texts.AUDIT_ENTITIES],
                               format_func=lambda e: texts.AUDIT_ENTITIES.get(e, texts.AUDIT_ALL), key="audit_entity")
    since = widgets.date_input(right, texts.AUDIT_SINCE, value=None)
    log = journal_entries(engine, username=who or None, entity=entity, since=since if isinstance(since, date) else None)
    log["objet"] = log["objet"].map(lambda e: texts.AUDIT_ENTITIES.get(e, e))
    st.caption(texts.AUDIT_PICK)
    # Rows tall enough for the grid to wrap a detail over three lines (Streamlit wraps above 4rem); a row picked
    # shows its detail whole below.
    picked = st.dataframe(log.rename(columns=texts.AUDIT_COLUMNS), hide_index=True, width="stretch",
                          placeholder=fmt.MISSING, row_height=76, on_select="rerun", selection_mode="single-row",
                          key="audit_rows",
                          column_config={texts.AUDIT_COLUMNS["detail"]: st.column_config.TextColumn(width=360)})
    if rows := [r for r in picked.selection.rows if r < len(log)]:
        entry = log.iloc[rows[0]]
        st.markdown(texts.AUDIT_ENTRY.format(date=entry["date"], user=plain(entry["utilisateur"]),
                                             action=plain(entry["action"]), key=plain(entry["cle"])))
        st.text(entry["detail"])

with copy:
    st.write(texts.BACKUP_HELP)
    if st.button(texts.BACKUP_PREPARE):
        try:
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / "passerelles.db"
                backup(engine, target)
                st.download_button(texts.BACKUP_DOWNLOAD, target.read_bytes(),
                                   file_name=f"passerelles-{date.today().isoformat()}.db",
                                   mime=MIME_TYPES["db"])
        except StoreError as exc:
            st.error(plain(exc))
