"""Heures du mois: one contract's monthly hours as a grid, checked whole and saved in one go."""

from datetime import date

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.accounts.auth import AuthError
from core.exchange.hours_grid import PROPOSED, hired_for, month_rows, set_aside_unfilled
from core.exchange.records import ConflictError, ValidationError, save_monthly_hours
from core.months import month_start
from core.store.engine import StoreError
from core.store.enums import ContractType, Mode
from core.store.models import MAX_MONTHLY_HOURS, Role
from ui import data, session, texts, widgets
from ui.plain import plain

session.allow(Role.FACILITATEUR)
engine = data.engine()
st.title(texts.GRID_TITLE)
st.markdown(texts.GRID_PURPOSE)
version = data.version()
this_month = month_start(date.today())
contracts = {c.reference: c for c in data.grid_contracts(this_month, version)}


def contract_label(reference: str) -> str:
    c = contracts[reference]
    label = f"{c.reference} — {c.object}"
    return texts.GRID_ENDED.format(label=label, end=fmt.day(c.end)) if c.ended and c.end else label


def newest_first(rows: pd.DataFrame) -> pd.DataFrame:
    """This month on top: months newest first, people in code order within a month."""
    rows = rows.assign(mois=pd.to_datetime(rows["mois"]))
    return rows.sort_values(["mois", "participant_code"], ascending=[False, True], kind="stable",
                            na_position="last").reset_index(drop=True)


reference = widgets.selectbox(st, texts.GRID_CONTRACT, list(contracts), index=None, format_func=contract_label,
                              placeholder="—", key="grid_contract", help=texts.GRID_CONTRACT_HELP)
if reference is None:
    st.stop()
st.caption(texts.GRID_HELP)
quick_add = contracts[reference].running and st.button(
    texts.GRID_QUICK_ADD, icon=":material/playlist_add:", key="grid_quick_add",
    help=texts.GRID_QUICK_ADD_HELP.format(month=fmt.month(this_month)))
if added := st.session_state.pop("grid_added", None):
    st.info(added, icon=":material/playlist_add:")

columns = ["entreprise_siret", "participant_code", "mois", "heures", "mode", "type_contrat", "structure_siret",
           "version"]
editor_key, shown_key, kept_key = f"grid_{reference}", f"grid_shown_{reference}", f"grid_kept_{reference}"
fresh_editor = editor_key not in st.session_state and not st.session_state.pop(kept_key, False)
if fresh_editor or shown_key not in st.session_state:
    # The rows as first shown, versions included, stay the grid's base until saved: a save is checked against
    # them, so hours that someone else saved in the meantime are refused instead of silently overwritten.
    rows = data.contract_hours(reference, version)[columns].assign(**{PROPOSED: False})
    st.session_state[shown_key] = newest_first(rows)
rows = st.session_state[shown_key]
companies, structures = data.choices("company", version), data.choices("structure", version)
participants = data.choices("participant", version)
label, helps = texts.FIELD_LABELS, texts.GRID_COLUMN_HELP
edited = st.data_editor(
    rows, num_rows="add", hide_index=True, width="stretch", key=editor_key,
    placeholder="",  # an empty cell reads empty, not "None"
    column_config={
        "entreprise_siret": st.column_config.SelectboxColumn(
            label["entreprise_siret"], options=list(companies), required=True, width="medium",
            format_func=lambda siret: companies.get(siret, siret), help=helps["entreprise_siret"]),
        "participant_code": st.column_config.SelectboxColumn(label["participant_code"], options=list(participants),
                                                             required=True, width="medium"),
        "mois": st.column_config.DateColumn(texts.MONTH, format="MM/YYYY", required=True, width="small",
                                            help=helps["mois"]),
        "heures": st.column_config.NumberColumn(label["heures"], min_value=0, max_value=MAX_MONTHLY_HOURS, step=0.5,
                                                format="%g", width="small", help=helps["heures"]),
        "mode": st.column_config.SelectboxColumn(label["mode"], options=[m.value for m in Mode], required=True),
        "type_contrat": st.column_config.SelectboxColumn(label["type_contrat"],
                                                         options=[c.value for c in ContractType]),
        "structure_siret": st.column_config.SelectboxColumn(
            label["structure_siret"], options=list(structures), width="medium",
            format_func=lambda siret: structures.get(siret, siret), help=helps["structure_siret"]),
        "version": None,  # kept for the concurrency check, never shown
        PROPOSED: None,  # the rows the quick add proposed: left without hours, they are not saved
    },
)
if quick_add:
    # What is typed so far becomes the grid's base (versions kept, for the check at the save), under this month's
    # new rows: nothing is lost, nothing is saved yet.
    proposed = month_rows(edited, this_month, hired_for(engine, reference=reference, month=this_month))
    if proposed.empty:
        st.info(texts.GRID_QUICK_NONE.format(month=fmt.month(this_month)))
    else:
        st.session_state[shown_key] = newest_first(pd.concat([proposed, edited], ignore_index=True))
        st.session_state.pop(editor_key, None)  # the edits now live in the base
        st.session_state[kept_key] = True  # which the next run keeps, although the editor starts afresh
        st.session_state["grid_added"] = texts.GRID_QUICK_ADDED.format(
            rows=fmt.counted(len(proposed), *texts.GRID_QUICK_ROW), month=fmt.month(this_month))
        st.rerun()


def reload_grid() -> None:
    for key in (editor_key, shown_key):
        st.session_state.pop(key, None)


if saved := st.session_state.pop("grid_saved", None):
    st.success(saved)
if st.button(texts.GRID_SAVE, type="primary", key="grid_save"):
    records = [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in edited.to_dict("records")]
    for row in records:
        if row["mois"] is not None:
            row["mois"] = pd.Timestamp(row["mois"]).date()
    records, unfilled = set_aside_unfilled(records)
    try:
        counts = save_monthly_hours(engine, actor=session.actor(), contract_reference=reference, rows=records)
    except ValidationError as exc:
        st.error("\n\n".join(f"**{plain(where)}** : {plain(message)}" for where, message in exc.errors.items()))
    except ConflictError as exc:
        st.error(plain(exc))
        st.button(texts.GRID_RELOAD, icon=":material/refresh:", on_click=reload_grid)
    except (AuthError, StoreError) as exc:
        st.error(plain(exc))
    else:
        done = {name: fmt.counted(counts[name], *nouns) for name, nouns in texts.GRID_ROWS.items()}
        st.session_state["grid_saved"] = texts.GRID_SAVED.format(
            created=done["créées"], updated=done["modifiées"], archived=done["archivées"],
            same=fmt.number(counts["inchangées"]))
        if unfilled:
            one, many = texts.GRID_UNFILLED
            rows_text = fmt.counted(unfilled, *texts.GRID_UNFILLED_ROW)
            st.session_state["grid_saved"] += " " + (one if unfilled <= 1 else many).format(rows=rows_text)
        reload_grid()  # drawn again from the store: new rows get their versions
        st.rerun()
