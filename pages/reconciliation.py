"""Rapprochement: our contracts against their published record (DECP), the four lists and their workbook."""

import streamlit as st

from core import formatting as fmt
from core.decp.reconciliation import levels_text, reason_counts
from core.exports.reconciliation import reconciliation_filename, reconciliation_xlsx, tables
from core.store.models import Role
from ui import data, session, texts
from ui.exports import MIME_TYPES
from ui.reconciliation import choose_departement, show_list

session.allow(Role.FACILITATEUR)
version = data.version()
scope = data.decp_scope(version)

st.title(texts.RECONCILIATION_TITLE)
st.caption(texts.RECONCILIATION_INTRO)
if not scope["marches"]:
    st.info(texts.RECONCILIATION_EMPTY.format(kind=texts.DECP_KIND), icon=":material/info:")
    st.stop()
departement = choose_departement(scope["departements"])
result = data.reconciliation(departement, version)
lists = tables(result)

counts = {"rapproches": len(result.matches), "non_declaree": len(result.undeclared),
          "non_suivie": len(result.untracked), "absents": len(result.absent)}
for column, (key, count) in zip(st.columns(4), counts.items(), strict=True):
    column.metric(texts.RECONCILIATION_METRICS[key], fmt.number(count), help=texts.RECONCILIATION_METRIC_HELP[
        key].format(levels=levels_text(result.matches) or fmt.MISSING))
st.caption(texts.RECONCILIATION_SCOPE.format(
    published=fmt.counted(result.published, "marché publié", "marchés publiés"), first=fmt.day(result.first),
    last=fmt.day(result.last), without=fmt.counted(result.without_clause, "marché", "marchés")))
demo = bool(scope["demonstration"])  # the workbook names the demo's invented sample as its source
st.download_button(texts.RECONCILIATION_EXPORT, lambda: reconciliation_xlsx(result, departement, demo=demo),
                   file_name=reconciliation_filename(departement), mime=MIME_TYPES["xlsx"],
                   icon=":material/table_view:", on_click="ignore", key="recon_xlsx",
                   help=texts.RECONCILIATION_EXPORT_HELP)
for (key, table), tab in zip(lists.items(), st.tabs([texts.RECONCILIATION_TABS[k].format(count=fmt.number(n))
                                                     for k, n in counts.items()]), strict=True):
    with tab:
        if key == "absents" and result.absent:
            st.caption(texts.RECONCILIATION_REASONS.format(
                reasons=" ; ".join(f"{fmt.number(n)} × {why}" for why, n in reason_counts(result))))
        show_list(key, table)
