"""One home per small rule: month arithmetic, the period label, the EU-threshold date, the upload limit, the
media types and the "< 5" mark are each written in one module, and every page, export and command uses it.

Read from the source (docstrings and comments may still say a rule): a copy written back anywhere fails here.
"""

import ast
import re
import tomllib
from pathlib import Path

import pytest

from core.config import ROOT
from core.exchange.imports import MAX_UPLOAD_MB

CODE_DIRS = ("core", "ui", "pages", "bench")


def sources() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "server.py"]
    for folder in CODE_DIRS:
        files += [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]
    return sorted(files)


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def code_lines(path: Path) -> list[tuple[int, str]]:
    """The lines of `path` with their comments cut off."""
    return [(n, line.split("#", 1)[0]) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]


def strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of `path` (f-strings' literal parts included), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def copies(pattern: str, home: set[str], text: bool = False, unless: str = "$^") -> list[str]:
    """Where `pattern` is found outside `home` (lines matching `unless` let through)."""
    found = []
    for path in sources():
        if relative(path) in home:
            continue
        for n, value in strings(path) if text else code_lines(path):
            if re.search(pattern, value) and not re.search(unless, value):
                found.append(f"{relative(path)}:{n}")
    return found


MONTH_ARITHMETIC = r"\*\s*12\s*\+|//\s*12\b|%\s*12\b|\.month\s*-\s*1\b|replace\(day=1\)|day=28|relativedelta"


def test_month_arithmetic_lives_in_core_months():
    # No calendar arithmetic: the plotly tick step of ui/charts.py (a label every ⌈months ÷ 12⌉ months) and
    # the benchmark's generated month cells ("07/2025").
    found = copies(MONTH_ARITHMETIC, {"core/months.py"}, unless=r'dtick=|/2025"')
    assert found == [], f"du calcul de mois hors de core/months.py : {found}"


def test_the_period_is_named_by_filters_only():
    found = copies(r"year_from\s*==\s*\w*\.?year_to", {"core/figures/filters.py"})
    assert found == [], f"un libellé de période recopié : {found}"


def test_the_eu_rule_date_is_written_once():
    date_in_code = copies(r"2026,\s*8,\s*22", {"core/exchange/eu_rule.py"})
    date_in_text = copies(r"22 août 2026|22/08/2026", {"core/exchange/eu_rule.py"}, text=True)
    assert date_in_code + date_in_text == [], f"la date de la règle des seuils recopiée : {date_in_code + date_in_text}"


def test_media_types_come_from_the_one_table():
    found = copies(r"^(application|text)/[\w.+-]+$", {"ui/exports.py"}, text=True)
    assert found == [], f"un type de fichier hors de ui.exports.MIME_TYPES : {found}"


def test_the_small_count_mark_is_only_made_by_the_privacy_rule():
    found = copies(r"^< 5$", {"core/formatting.py"}, text=True)
    assert found == [], f"« < 5 » écrit ou comparé hors de la règle (core.figures.privacy) : {found}"


def uploader_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "file_uploader":
                calls.append((f"{relative(path)}:{node.lineno}", node))
    return calls


def test_every_uploader_takes_the_one_upload_limit():
    calls = uploader_calls()
    assert len(calls) >= 3  # imports, purchase plan, published contracts
    for where, call in calls:
        limits = [k.value for k in call.keywords if k.arg == "max_upload_size"]
        assert [ast.unparse(v) for v in limits] == ["MAX_UPLOAD_MB"], where


def test_the_server_and_the_docs_say_the_same_upload_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert f"`server.maxUploadSize = {MAX_UPLOAD_MB}`" in docs
    assert copies(r"\b50\s*\*\s*1024", {"core/exchange/imports.py"}) == []


@pytest.mark.parametrize(("pattern", "copy"), [
    (MONTH_ARITHMETIC, "index = d.year * 12 + d.month - 1  # a copy"),
    (MONTH_ARITHMETIC, "end = (start.replace(day=28) + timedelta(days=4))"),
])
def test_the_scan_sees_a_copy(tmp_path, pattern, copy):
    path = tmp_path / "copy.py"
    path.write_text(copy + "\n", encoding="utf-8")
    assert any(re.search(pattern, line) for _, line in code_lines(path))


COMPLETION = r"\b(done|heures_realisees)\b[\"'\]\)]{0,3}\s*/\s*[\w.(\[\"']{0,14}\b(planned|heures_prevues)\b"


def test_done_hours_and_completion_are_defined_in_hours_done_only():
    # The write path (records, rows) reads live entries, one by one, for the forms and the checks of a file: not
    # a figure. Every count of hours goes through core.figures.hours_done.counted().
    home = {"core/figures/hours_done.py", "core/store/models.py", "core/exchange/records.py", "core/exchange/rows.py",
            "bench/raw_sql.py"}
    assert copies(r"HoursEntry\.archived", home) == []  # the hours that count: counted()
    assert copies(COMPLETION, {"core/figures/hours_done.py", "bench/raw_sql.py"}) == []  # completion()


@pytest.mark.parametrize("copy", ["rate = float(done) / float(planned)",
                                  'df["heures_realisees"] / df["heures_prevues"]'])
def test_the_scan_sees_a_completion_copy(copy):
    assert re.search(COMPLETION, copy)
