"""Commande publique: the territory's buyers side by side (core.decp.buyers), the club's members against the
other buyers, sortable tables (numbers stay numbers, shown the French way) and their files (xlsx, CSV)."""

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.decp.buyers import GROUPS, MEMBER, OTHER, PARTNER
from core.exports.decp_buyers import HEADERS, SHEETS, buyers_csv, buyers_filename, buyers_xlsx
from ui import data, texts
from ui.exports import MIME_TYPES

SHOWN = ["marches", "part_avec_consideration", "part_clause_sociale", "part_critere_social", "part_marche_reserve",
         "montant", "marches_renseignes"]  # the shares first; the counts per consideration are in the files
KEYS = ["acheteur", "club", "groupe", "nature", "division"]  # then the SIRET, last
WIDTHS = {"acheteur": 240, "club": 125, "groupe": 240, "nature": 110, "division": 300, "siret": 125,
          "marches": 75, "montant": 115, "marches_renseignes": 95}


def _columns(table: pd.DataFrame) -> dict:
    """Short headers on screen, the files' whole header on hover; the names narrow (their text on hover too), so
    that the shares fit beside them on a laptop's screen."""
    return {HEADERS[c]: st.column_config.Column(texts.BUYERS_SHORT.get(c, HEADERS[c]), help=HEADERS[c],
                                                width=WIDTHS.get(c, 110)) for c in table.columns}


def buyers_section(departement: str | None, year: int | None, mark: str, demo: bool, store_version: str) -> None:
    tables = data.decp_buyers(year, departement, store_version)
    st.subheader(texts.BUYERS_TITLE + mark)
    st.caption(texts.BUYERS_INTRO)
    _groups(tables["groupe"])
    row = st.container(horizontal=True, vertical_alignment="bottom")
    row.download_button(texts.BUYERS_EXPORT_XLSX, lambda: buyers_xlsx(tables, departement, year, demo=demo),
                        file_name=buyers_filename(departement, year, "xlsx"), mime=MIME_TYPES["xlsx"],
                        icon=":material/table_view:", on_click="ignore", key="decp_buyers_xlsx",
                        help=texts.BUYERS_EXPORT_HELP)
    for (by, table), tab in zip(tables.items(), st.tabs(list(SHEETS.values())), strict=True):
        with tab:
            st.dataframe(_styled(table), hide_index=True, width="stretch", key=f"decp_buyers_{by}",
                         height="auto" if len(table) <= 12 else 440, column_config=_columns(table))
            st.download_button(texts.BUYERS_EXPORT_CSV, lambda t=table: buyers_csv(t, departement, year),
                               file_name=buyers_filename(departement, year, "csv", by), mime=MIME_TYPES["csv"],
                               icon=":material/download:", on_click="ignore", key=f"decp_buyers_csv_{by}",
                               help=texts.BUYERS_EXPORT_HELP)
    st.caption(texts.BUYERS_NOTE)


def _groups(groups: pd.DataFrame) -> None:
    """The share with a social consideration of the members, the partners and the others, side by side."""
    rows = groups.set_index("groupe")
    others = rows.loc[GROUPS[OTHER], "part_avec_consideration"]
    for column, key in zip(st.columns(3), (MEMBER, PARTNER, OTHER), strict=True):
        row = rows.loc[GROUPS[key]]
        share = row["part_avec_consideration"]
        points = None if key == OTHER or pd.isna(share) or pd.isna(others) else 100 * (share - others)
        column.metric(GROUPS[key], fmt.percent(None if pd.isna(share) else share, 1),
                      delta=None if points is None else texts.BUYERS_VS_OTHERS.format(
                          points=("+" if points >= 0 else "") + fmt.number(points, 1)),
                      help=texts.BUYERS_GROUP_HELP.format(
                          contracts=fmt.counted(int(row["marches"]), *texts.PROCUREMENT_CONTRACT_NOUN),
                          informed=fmt.number(row["marches_renseignes"]),
                          amount=f"{fmt.number(row['montant'])}\u00a0€"))


def _styled(table: pd.DataFrame) -> "pd.io.formats.style.Styler":
    """French headers and values ("170 000 €", "66,7 %", "—"), the numbers kept underneath for sorting."""
    keys = [c for c in KEYS if c in table.columns]
    shown = table[keys + SHOWN + (["siret"] if "siret" in table.columns else [])].copy()
    if "club" in shown.columns:
        shown["club"] = shown["club"].map(texts.BUYERS_CLUB)
    formats = {HEADERS[c]: (lambda v: fmt.percent(v, 1)) if c.startswith("part_") else
               (lambda v: f"{fmt.number(v)}\u00a0€") if c == "montant" else fmt.number for c in SHOWN}
    return shown.rename(columns=HEADERS).style.format(formats, na_rep=fmt.MISSING)
