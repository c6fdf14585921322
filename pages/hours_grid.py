"""Heures du mois: one contract's monthly hours as a grid, checked whole and saved in one go."""

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.accounts.auth import AuthError
from core.exchange.records import ConflictError, ValidationError, save_monthly_hours
from core.store.engine import StoreError
from core.store.enums import ContractType, Mode
from core.store.models import MAX_MONTHLY_HOURS, Role
from ui import data, session, texts, widgets
from ui.plain import plain

session.allow(Role.FACILITATEUR)
engine = data.engine()
st.title(texts.GRID_TITLE)
version = data.version()
contracts = data.choices("contract", version)
reference = widgets.selectbox(st, texts.GRID_CONTRACT, list(contracts), index=None, format_func=contracts.get,
                              placeholder="—", key="grid_contract")
if reference is None:
    st.stop()
st.caption(texts.GRID_HELP)

columns = ["entreprise_siret", "participant_code", "mois", "heures", "mode", "type_contrat", "structure_siret",
           "version"]
editor_key, shown_key = f"grid_{reference}", f"grid_shown_{reference}"
if editor_key not in st.session_state or shown_key not in st.session_state:
    # The rows as first shown, versions included, stay the grid's base until saved: a save is checked against
    # them, so hours that someone else saved in the meantime are refused instead of silently overwritten.
    rows = data.contract_hours(reference, version)[columns].sort_values(["mois", "participant_code"])
    rows["mois"] = pd.to_datetime(rows["mois"])
    st.session_state[shown_key] = rows.reset_index(drop=True)
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
    },
)


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
        reload_grid()  # drawn again from the store: new rows get their versions
        st.rerun()
