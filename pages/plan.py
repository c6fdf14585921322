"""Plan d'achats: a buyer's purchase plan assessed in one go, given back as .xlsx or .csv."""

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.clauses.purchase_plan import COLUMNS, write_plan
from core.clauses.relevance import Verdict
from core.exchange.cells import TableError
from core.exchange.imports import MAX_UPLOAD_MB
from core.store.models import Role
from ui import data, session, texts
from ui.exports import MIME_TYPES
from ui.plain import plain

session.allow(Role.FACILITATEUR)
st.title(texts.PLAN_TITLE)
st.caption(texts.PLAN_INTRO)
st.caption(texts.PLAN_COLUMNS_HELP)
st.download_button(texts.PLAN_TEMPLATE, write_plan(pd.DataFrame(columns=COLUMNS), "xlsx"), "plan_achats.xlsx",
                   icon=":material/download:", key="plan_template")
upload = st.file_uploader(texts.PLAN_UPLOAD, type=["xlsx", "csv"], max_upload_size=MAX_UPLOAD_MB, key="plan_upload")
if upload is None:
    st.stop()
try:
    assessed = data.assessed_plan(upload.getvalue(), upload.name, data.version())
except TableError as exc:
    st.error(plain(exc))
    st.stop()

verdicts = assessed["avis"].value_counts()
errors = assessed["erreur"].astype(bool)
st.success(texts.PLAN_SUMMARY.format(count=fmt.counted(int((~errors).sum()), *texts.PLAN_ASSESSED),
                                     pertinent=verdicts.get(Verdict.PERTINENT, 0),
                                     deeper=verdicts.get(Verdict.A_APPROFONDIR, 0),
                                     no=verdicts.get(Verdict.NON_PERTINENT, 0)))
if errors.any():
    st.error(texts.PLAN_ERRORS.format(count=fmt.counted(int(errors.sum()), *texts.PLAN_NOT_ASSESSED)),
             icon=":material/error:")
if assessed.attrs.get("colonnes_ignorees"):
    st.caption(texts.PLAN_IGNORED.format(columns=", ".join(map(plain, assessed.attrs["colonnes_ignorees"]))))

# What the facilitator reads first: the subject, an error if any, the verdict and the hours; then the plan's own.
first = ["objet", *(["erreur"] if errors.any() else []), "avis", "heures_estimees", "etp_estimes",
         "vehicule_recommande", "motifs"]
order = [c for c in first if c in assessed.columns] + [c for c in assessed.columns if c not in first]
shown = assessed.assign(heures_estimees=assessed["heures_estimees"].map(lambda v: "" if pd.isna(v) else fmt.number(v)),
                        etp_estimes=assessed["etp_estimes"].map(lambda v: "" if pd.isna(v) else fmt.number(v, 2)))
styled = shown.style.apply(lambda row: ["background-color: #fde2e1" if row["erreur"] else "" for _ in row], axis=1)
labels = {c: st.column_config.Column(texts.PLAN_LABELS.get(c, c), width="large" if c == "motifs" else None)
          for c in order}
st.dataframe(styled, hide_index=True, width="stretch", column_order=order, column_config=labels)
stem = texts.PLAN_RESULT_NAME
left, right, _ = st.columns([1, 1, 2])
left.download_button(texts.PLAN_DOWNLOAD_XLSX, write_plan(assessed, "xlsx"), f"{stem}.xlsx",
                     icon=":material/download:", key="plan_xlsx")
right.download_button(texts.PLAN_DOWNLOAD_CSV, write_plan(assessed, "csv"), f"{stem}.csv", MIME_TYPES["csv"],
                      icon=":material/download:", key="plan_csv")
