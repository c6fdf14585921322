"""Entry forms drawn from the column tables of the exchange files (core.exchange.kinds.ENTRY_KINDS, with the
few form-only columns): one widget per column, the same rules as the imports, and each French error shown
under its field."""

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from core import formatting as fmt
from core.exchange import kinds, pipeline
from core.exchange.cells import parse_bool, parse_date, parse_month
from core.exchange.kinds import Col, Kind
from ui import texts, widgets
from ui.plain import plain

NUMBERS = {kinds.amount, kinds.hours, kinds.count, kinds.birth_year, pipeline.positions, pipeline.months}
INTEGERS = {kinds.count, kinds.birth_year, pipeline.positions, pipeline.months}  # whole by nature: no decimal at all
# Amounts and hours may carry decimals, but are mostly whole: "%g" shows 526500 and 1234, or 1234.5 when there
# is a half, never a made-up "526500.00". The +/- buttons move by a step that makes sense for the field.
DECIMAL_FORMAT = "%g"
STEPS = {"montant_ht": 1000.0, "heures_prevues": 10.0, "heures": 1.0}


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def field(col: Col, value: Any, choices: dict[str, str] | None, key: str) -> Any:
    """One widget for one column, starting from the stored value (None for a new record)."""
    label = texts.FIELD_LABELS.get(col.name, col.name) + (" *" if col.required else "")
    help_text = texts.FIELD_HELP.get(col.name)
    value = value if _present(value) else None
    if choices is not None:  # a reference to another record
        options = list(choices)
        if value is not None and value not in choices:
            options.insert(0, value)
        return widgets.selectbox(st, label, options, index=options.index(value) if value in options else None,
                                 format_func=lambda v: choices.get(v, v), key=key, placeholder="—")
    if col.parse in (parse_date, parse_month):
        return widgets.date_input(st, label, value=value, key=key,
                                  min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
    if col.parse is parse_bool:
        return st.checkbox(label, value=bool(value), key=key, help=help_text)
    if col.parse in NUMBERS:
        if col.parse in INTEGERS:
            start: int | float | None = int(value) if value is not None else None
            return st.number_input(label, value=start, step=1, format="%d", key=key, placeholder="—",
                                   help=help_text)
        start = float(value) if value is not None else None
        return st.number_input(label, value=start, step=STEPS.get(col.name, 1.0), format=DECIMAL_FORMAT, key=key,
                               placeholder="—", help=help_text)
    if col.enum is not None and col.parse.__qualname__.startswith("several"):
        current = value if isinstance(value, list) else [v.strip() for v in str(value or "").split("|") if v.strip()]
        return widgets.multiselect(st, label, [e.value for e in col.enum], default=current, key=key, placeholder="—")
    if col.enum is not None:
        options = [e.value for e in col.enum]
        return widgets.selectbox(st, label, options, index=options.index(value) if value in options else None, key=key,
                                 placeholder="—")
    return st.text_input(label, value="" if value is None else str(value), key=key, help=help_text)


def _suffix(kind: Kind, record: dict | None) -> str:
    return f"{kind.name}_{record['id'] if record else 'new'}"


def shown_version(kind: Kind, record: dict) -> int:
    """The record's version when its form was first drawn: a save is checked against it, so a change that someone
    else saved in the meantime is refused instead of silently overwritten."""
    return st.session_state[f"{_suffix(kind, record)}_shown_version"]


def keep_version(kind: Kind, record: dict, version: int) -> None:
    """After a save, the form shows what was saved: the next save is checked against that version."""
    st.session_state[f"{_suffix(kind, record)}_shown_version"] = version


def forget_form(kind: Kind, record: dict | None) -> None:
    """Drop what the form holds, so that it is drawn again from the record as now stored."""
    prefix = f"{_suffix(kind, record)}_"
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]


def record_form(kind: Kind, record: dict | None, choices: dict[str, dict[str, str]],
                errors: dict[str, str]) -> dict[str, Any] | None:
    """The form of one record; returns the values (docs/fichiers-echange.md names) when submitted, else None."""
    suffix = _suffix(kind, record)
    version_key = f"{suffix}_shown_version"
    # Widgets left unrendered lose their state: a form drawn afresh shows the record as stored now.
    if record and (f"{suffix}_{kind.columns[0].name}" not in st.session_state or version_key not in st.session_state):
        st.session_state[version_key] = record["version"]
    with st.form(f"form_{suffix}"):
        values: dict[str, Any] = {}
        # Two fields a row, row by row: reading, tab and screen-reader order (and the one column of a phone) follow
        # the declaration (core.exchange.kinds), "Date de début" before "Date de fin". Two whole columns side by
        # side would be read and tabbed down the left one first, then the right one.
        for start in range(0, len(kind.columns), 2):
            for place, col in zip(st.columns(2), kind.columns[start:start + 2], strict=False):
                with place:
                    values[col.name] = field(col, record.get(col.name) if record else None,
                                             choices.get(col.ref) if col.ref else None, f"{suffix}_{col.name}")
                    if col.name in errors:
                        st.error(plain(errors[col.name]), icon=":material/error:")
        st.caption(texts.ENTRY_REQUIRED)
        submitted = st.form_submit_button(texts.SAVE, type="primary")
    if not submitted:
        return None
    return {name: (None if value == "" or value == [] else value) for name, value in values.items()}


def need_progress(engine: Engine, need_id: int) -> None:
    """A need's derived status above its form: positions filled, candidacies, abandon reason."""
    progress = pipeline.need_progress(engine, need_id=need_id)
    if progress is None:
        return
    st.info(texts.NEED_PROGRESS.format(statut=progress["statut"], postes=progress["postes"],
                                       pourvus=fmt.counted(progress["pourvus"], *texts.NEED_FILLED),
                                       candidatures=fmt.counted(progress["candidatures"], *texts.NEED_CANDIDACIES)),
            icon=":material/work:")
    if progress["abandon"]:
        st.caption(texts.NEED_ABANDONED.format(abandon=plain(progress["abandon"])))
