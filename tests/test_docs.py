"""The product's documents (docs/, in French) say what the code does: every exchange file kind and
column, every reading rule's limit, every figure's definition, every environment setting the code reads,
every club parameter and every command of `python -m core`. A thing added to the code and not to the
documents fails here (as datasette fails on an undocumented setting)."""

import argparse
import re
from pathlib import Path

import pytest

from core import conventions
from core.__main__ import parser
from core.clauses import purchase_plan, relevance
from core.decp import cpv_divisions, fields, matching, published, reconciliation
from core.decp import csv_reader as decp_csv
from core.decp.buyers import GROUPS
from core.exchange import cells, eu_rule, imports, kinds, xlsx_reader
from core.exchange import csv_reader as exchange_csv
from core.exports.decp_buyers import HEADERS as BUYERS_HEADERS
from core.figures import indicators, privacy
from core.store.enums import ALIASES, Vehicle
from ui import texts

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXCHANGE, FIGURES, CONFIG = "fichiers-echange.md", "indicateurs.md", "configuration.md"
CODE_DIRS = ("core", "ui", "pages", "tests", "bench")
SYSTEM_SETTINGS = {"PATH", "PYTEST_XDIST_WORKER"}  # a child process's PATH, the test runner's own: not settings of ours
ENV_READ = re.compile(r"""(?:os\.environ(?:\.get)?\s*[(\[]|getenv\s*\()\s*["']([A-Za-z_][A-Za-z0-9_]*)["']""")


def read(name: str) -> str:
    """A document, its spaces made plain (Babel's narrow no-break spaces are typed as spaces)."""
    return re.sub("[\u00a0\u202f]", " ", (DOCS / name).read_text(encoding="utf-8"))


def section(text: str, heading: str) -> str:
    """The body under the heading whose title is `heading`, down to the next heading of its level or above."""
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.MULTILINE)
    assert match, f"titre absent : {heading}"
    level = len(match.group(1))
    end = re.search(rf"^#{{1,{level}}} ", text[match.end():], re.MULTILINE)
    return text[match.end():match.end() + end.start()] if end else text[match.end():]


def headings(text: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+?)\s*$", text, re.MULTILINE)


def tables(text: str) -> list[list[list[str]]]:
    """Every Markdown table of a text: its body rows (header and rule left out), cells stripped; `\\|` is a
    pipe inside a cell."""
    found, rows = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            rows.append([c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
        elif rows:
            found.append(rows[2:])
            rows = []
    return found


def code(cell: str) -> str:
    """The first `code` of a cell."""
    match = re.search(r"`([^`]+)`", cell)
    assert match, f"cellule sans `code` : {cell}"
    return match.group(1)


def fr(number: float) -> str:
    """A number as the documents write it: `100 000`, `0,05`."""
    text = f"{number:,}".replace(",", " ") if float(number).is_integer() else f"{number:,.10g}".replace(",", " ")
    return text.removesuffix(".0").replace(".", ",")


def slug(heading: str) -> str:
    """GitHub's anchor of a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


# --- the exchange files -------------------------------------------------------------------------


def kind_sections() -> dict[str, tuple[str, str]]:
    """Each kind documented under « Les types de fichier »: name -> (label, body)."""
    part = section(read(EXCHANGE), "Les types de fichier")
    out = {}
    for title in headings(part, 3):
        match = re.fullmatch(r"`(\w+)` — (.+)", title)
        assert match, f"titre de type mal formé : {title}"
        out[match.group(1)] = (match.group(2), section(part, title))
    return out


def test_every_kind_of_file_is_documented_and_only_those() -> None:
    documented = kind_sections()
    assert list(documented) == list(kinds.KINDS)
    assert {name: label for name, (label, _) in documented.items()} == texts.KIND_NAMES


@pytest.mark.parametrize("kind", list(kinds.KINDS))
def test_each_kind_documents_its_columns_as_the_templates_have_them(kind: str) -> None:
    spec = kinds.KINDS[kind]
    rows = tables(kind_sections()[kind][1])[0]
    names = [code(row[0]) for row in rows]
    assert names == spec.names
    csv_header = imports.template(kind, "csv").decode("utf-8-sig").strip().split(";")
    assert names == csv_header  # the template one downloads has the doc's columns, in its order
    assert [row["colonne"] for row in imports.help_rows(kind)] == names  # and so has its « aide » sheet
    for row, col in zip(rows, spec.columns, strict=True):
        assert row[1] == ("oui" if col.required else "non"), f"{kind}.{col.name} : obligatoire ?"
        assert row[2] == ("oui" if col.name in spec.key else ""), f"{kind}.{col.name} : clé ?"
        for member in col.enum or ():
            assert f"`{member.value}`" in row[3], f"{kind}.{col.name} : valeur « {member.value} » absente"


def test_the_conditional_and_limited_columns_say_their_rule() -> None:
    contracts = {code(r[0]): r[3] for r in tables(kind_sections()["marches"][1])[0]}
    assert f"`{Vehicle.CLAUSE_SOCIALE.value}`" in contracts["heures_prevues"]
    assert "ne se combine avec aucune autre" in contracts["considerations_sociales"]
    hours = {code(r[0]): r[3] for r in tables(kind_sections()["heures"][1])[0]}
    assert f"au plus {kinds.MAX_MONTHLY_HOURS}" in hours["heures"]


def test_form_only_columns_are_documented() -> None:
    rows = tables(section(read(EXCHANGE), "Colonnes de la saisie seulement"))[0]
    documented = {(code(r[0]), code(r[1])) for r in rows}
    assert documented == {(k.name, c.name) for k in kinds.KINDS.values() for c in k.form_columns}
    assert f"{eu_rule.EU_RULE_SINCE:%d/%m/%Y}" in rows[-1][2]


def test_the_checklist_doc_dates_the_eu_rule_as_the_code_does() -> None:
    assert f"obligatoire depuis le {eu_rule.EU_RULE_SINCE_WORDS}" in read(FIGURES)


def test_the_purchase_plan_columns_and_results() -> None:
    body = section(read(EXCHANGE), "`plan_achats` — Plan d'achats à évaluer")
    given, added = tables(body)[:2]
    assert [code(r[0]) for r in given] == purchase_plan.COLUMNS
    assert [code(r[0]) for r in given if r[1] == "oui"] == purchase_plan.REQUIRED
    assert [code(r[0]) for r in added] == purchase_plan.RESULT_COLUMNS
    for verdict in relevance.Verdict:
        assert f"`{verdict.value}`" in added[0][1]


def test_the_reading_rules_and_their_limits() -> None:
    rules = section(read(EXCHANGE), "Règles de lecture, pour tous les imports")
    booleans = next(p for p in rules.split("\n\n") if p.startswith("**Oui / non.**"))
    for word in (cells._TRUE | cells._FALSE) - {""}:
        assert f"`{word}`" in booleans, f"« {word} » absent des oui / non"
    for prefix in cells.FORMULA_PREFIXES:
        assert f"`{prefix}`" in rules
    for separator in exchange_csv._SEPARATORS:
        assert (f"`{separator}`" if separator != "\t" else "tabulation") in rules
    for limit in (fr(cells.MAX_ROWS) + " lignes", fr(cells.MAX_CELLS) + " de cellules", imports.MAX_UPLOAD_LABEL,
                  fr(kinds.MAX_TEXT) + " caractères", fr(xlsx_reader.MAX_PARTS) + " éléments",
                  f"{xlsx_reader.MAX_PART_BYTES // 2**20} Mo de XML", f"{xlsx_reader.MAX_TOTAL_BYTES // 2**20} Mo",
                  f"plus de {xlsx_reader.MAX_RATIO} fois", f"{xlsx_reader.RATIO_FLOOR // 2**20} Mo"):
        assert limit in rules, f"limite absente : {limit}"
    assert "XFD1048576" in rules and xlsx_reader.column_number("XFD") == xlsx_reader.MAX_COLUMNS


def test_every_long_form_of_a_value_is_documented() -> None:
    rows = tables(section(read(EXCHANGE), "Règles de lecture, pour tous les imports"))[0]
    documented = {(cells._enum_key(r[1]), code(r[2])) for r in rows}
    assert documented == {(cells._enum_key(alias), member.value)
                          for aliases in ALIASES.values() for alias, member in aliases.items()}


def test_the_decp_formats_fields_and_warnings() -> None:
    body = section(read(EXCHANGE), "Les données essentielles de la commande publique (DECP)")
    for shape in (fields.JSON_2022, fields.JSON_2019, fields.CSV_NATIONAL, fields.CSV_CONSOLIDATED):
        assert f"**{shape}**" in body
    headers = {fields.fold(h) for row in tables(body)[0] for h in re.findall(r"`([^`]+)`", row[2])}
    for header in decp_csv._CSV_FIELDS:
        assert header in headers, f"en-tête DECP absent : {header}"
    items = [line[2:] for line in body.splitlines() if line.startswith("- ")]
    for name, warning in vars(fields).items():
        if name.startswith("W_"):
            text = re.sub(r"\s*:\s*(« )?\{\}( »)?$", "", warning)
            assert any(item.startswith(text) for item in items), f"avertissement absent : {text}"
    for value in published.DECP_VALUES:
        assert value in body
    assert f"{published.NATIONAL_TARGET:.0%}".replace("%", " %") in body


def test_the_buyers_side_by_side_and_the_cpv_divisions() -> None:
    body = section(read(FIGURES), "Les acheteurs du territoire côte à côte")
    assert [tuple(r) for r in tables(body)[0]] == [(code, text, cpv_divisions.nature(code))
                                                   for code, text in cpv_divisions.DIVISIONS.items()]
    assert cpv_divisions.SOURCE in body and "45 travaux, 03 à 44 et 48" in body
    for header in BUYERS_HEADERS.values():
        assert f"`{header}`" in body, f"colonne absente : {header}"
    for key in GROUPS:
        assert f"« {key} »" in body or not key



def test_the_reconciliation_scoring_its_levels_and_reasons() -> None:
    body = section(read(FIGURES), "Rapprochement avec les DECP")
    flat = " ".join(body.split())
    weights = {row[0]: row[1] for row in tables(body)[0]}
    assert weights == {name: fr(w) for name, w in matching.WEIGHTS.items()}
    assert f"÷ {matching.DATE_WINDOW_DAYS} " in flat and f"au-delà de {matching.DATE_WINDOW_DAYS} jours" in flat
    assert f"÷ {fr(matching.AMOUNT_GAP_MAX)}," in flat and f"≥ {fr(matching.CLOSE_WORD)}" in flat
    assert f"vaut {fr(matching.NEUTRAL)}" in flat
    for name, bound in ((matching.LEVEL_SURE, matching.SURE), (matching.LEVEL_PROBABLE, matching.PROBABLE),
                        (matching.LEVEL_CHECK, matching.MIN_CONFIDENCE)):
        assert f"**« {name} »** à partir de {fr(bound)}" in flat
    assert f"en dessous de {fr(matching.MIN_CONFIDENCE)}, ce n'est pas une paire" in flat
    assert f"{fr(reconciliation.PUBLICATION_THRESHOLD)} € HT depuis 2020" in flat
    assert f"{fr(reconciliation.PUBLICATION_THRESHOLD_BEFORE_2020)} € HT avant" in flat

# --- the figures --------------------------------------------------------------------------------


def test_every_definition_is_in_the_document_word_for_word() -> None:
    rows = tables(section(read(FIGURES), "Les indicateurs"))[0]
    assert [(r[0], r[1]) for r in rows] == [(label, text.replace("\u00a0", " "))
                                            for label, text in indicators.DEFINITIONS.values()]


def test_breakdowns_privacy_marks_and_the_note() -> None:
    text = read(FIGURES)
    breakdowns = " ".join(section(text, "Les ventilations").split())
    for label in indicators.BREAKDOWNS.values():
        assert label in breakdowns, f"ventilation absente : {label}"
    protection = section(text, "Protection des personnes")
    for mark in (privacy.SMALL, privacy.HIDDEN, privacy.HIDDEN_SHARE):
        assert f"**« {mark} »**" in protection
    assert privacy.NOTE in " ".join(protection.split())


def test_the_checklist_rules_and_the_hours_formula() -> None:
    grid = section(read(FIGURES), "La grille de pertinence et le calcul des heures")
    flat = " ".join(grid.split())
    example = relevance.estimate_hours(1_000_000, 0.5, 30, 0.05)
    assert f"1 000 000 € × 50 % ÷ 30 €/h × 5 % = {round(example)} h" in flat
    etp = relevance.estimate_etp(round(example), conventions.DEFAULT_ETP_DIVISOR)
    assert f"{round(example)} h ÷ 1 607 h = {fr(round(etp, 2))} ETP" in flat
    for rule in (f"moins de {relevance.MIN_DURATION_MONTHS} mois", f"sous {fr(relevance.MIN_AMOUNT_HT)} €",
                 f"sous {relevance.MIN_LABOUR_SHARE:.0%}".replace("%", " %"), f"moins de {fr(relevance.MIN_HOURS)} h",
                 f"{relevance.MANY_STRUCTURES} structures ou plus", f"{relevance.SOME_STRUCTURES} à "
                 f"{relevance.MANY_STRUCTURES - 1} structures"):
        assert rule in flat, f"règle absente : {rule}"
    for verdict in relevance.Verdict:
        assert f"*{verdict.value}*" in flat
    defaults = {key: c.default for key, c in conventions.CONVENTIONS.items()}
    for default in (f"coût horaire chargé** ({fr(defaults[conventions.HOURLY_COST])} €/h par défaut)",
                    f"taux d'insertion** ({defaults[conventions.INSERTION_RATE]:.0%} par défaut)".replace("%", " %"),
                    f"heures annuelles d'un ETP** ({fr(defaults[conventions.ETP_DIVISOR])} par défaut)"):
        assert default in flat, f"valeur par défaut absente : {default}"
    vehicles = {r[1].split(" (")[0] for r in tables(section(grid, "Le véhicule recommandé"))[0]}
    assert vehicles >= {v.value for v in Vehicle}


# --- the configuration --------------------------------------------------------------------------


def code_files() -> list[Path]:
    return [ROOT / "server.py", ROOT / "app.py"] + [p.resolve() for d in CODE_DIRS for p in (ROOT / d).rglob("*.py")]


def environment_settings() -> set[str]:
    """Every environment variable the code reads."""
    found = {name for path in code_files() for name in ENV_READ.findall(path.read_text(encoding="utf-8"))}
    return found - SYSTEM_SETTINGS


def test_every_environment_setting_is_documented() -> None:
    read_by_code = environment_settings()
    assert {"DATABASE_URL", "PASSERELLES_DEMO", "PASSERELLES_TEST_POSTGRES"} <= read_by_code  # the scan sees them
    documented = {code(r[0]) for t in tables(section(read(CONFIG), "Variables d'environnement")) for r in t}
    assert read_by_code <= documented, f"non documentées : {sorted(read_by_code - documented)}"


def test_every_club_parameter_with_its_default_and_bounds() -> None:
    rows = tables(section(read(CONFIG), "Les paramètres du Club"))[0]

    def number(cell: str) -> float:
        return float(cell.replace(" ", "").replace(",", "."))

    documented = {code(r[0]): (r[1], r[2], number(r[3]), number(r[4]), number(r[5])) for r in rows}
    assert documented == {key: (c.label, c.unit, float(c.default), float(c.low), float(c.high))
                          for key, c in conventions.CONVENTIONS.items()}
    assert f"*{conventions.SHARE}*" in section(read(CONFIG), "Les paramètres du Club")  # the unit is explained


def commands() -> dict[str, argparse.ArgumentParser]:
    """`init`, `demo`… and `user add`: each command of `python -m core` and its parser."""
    def walk(p: argparse.ArgumentParser, prefix: str) -> dict[str, argparse.ArgumentParser]:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            return {prefix: p}
        return {k: v for name, sub in subs[0].choices.items() for k, v in walk(sub, f"{prefix} {name}".strip()).items()}
    return walk(parser(), "")


def test_every_command_and_option_is_documented() -> None:
    cli = section(read(CONFIG), "La ligne de commande")
    documented = [re.fullmatch(r"`python -m core (.+)`", h).group(1) for h in headings(cli, 3)]  # type: ignore[union-attr]
    assert sorted(documented) == sorted(commands())
    for name, sub in commands().items():
        body = section(cli, f"`python -m core {name}`")
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in body, f"{name} : option {option} absente"
            for choice in action.choices or () if not action.option_strings else ():
                assert f"`{choice}`" in body or re.search(rf"\{{[^}}]*\b{choice}\b", body), f"{name} : {choice}"


# --- the links ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [EXCHANGE, FIGURES, CONFIG, "production.md", "../README.md"])
def test_links_to_the_documents_lead_somewhere(name: str) -> None:
    source = (DOCS / name).resolve()
    for target, anchor in re.findall(r"\]\((?!https?:)([^)#\s]*)(?:#([^)\s]+))?\)", source.read_text(encoding="utf-8")):
        path = (source.parent / target).resolve() if target else source
        assert path.exists(), f"{name} : lien vers {target} introuvable"
        if anchor and path.suffix == ".md":
            titles = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
            assert anchor in {slug(t) for t in titles}, f"{name} : ancre #{anchor} absente de {path.name}"


def test_the_readme_points_at_the_three_documents() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in (EXCHANGE, FIGURES, CONFIG):
        assert f"(docs/{name})" in readme
    organisation = section(readme, "Organisation du code")
    assert re.search(r"^docs/ .*documentation", organisation, re.MULTILINE)


def test_the_code_cites_documents_that_are_in_the_repository() -> None:
    """The project's old notes (formats.md, domain.md, design.md) are not in a clone: the code cites docs/."""
    notes, cited = re.compile(r"(?<![\w/-])(?:formats|domain|design)\.md"), re.compile(r"docs/[\w-]+\.md")
    outside, missing = [], []
    for path in code_files():
        if path == Path(__file__).resolve():
            continue
        text, name = path.read_text(encoding="utf-8"), path.relative_to(ROOT)
        outside += [f"{name} : {m}" for m in notes.findall(text)]
        missing += [f"{name} : {m}" for m in cited.findall(text) if not (ROOT / m).exists()]
    assert not outside, f"notes hors du dépôt citées : {outside}"
    assert not missing, f"documents introuvables : {missing}"


def test_the_cpv_sectors_table_is_documented_as_shipped() -> None:
    body = section(read(CONFIG), "Secteurs des codes CPV")
    rows = tables(body)[0]
    assert {r[0]: r[2] for r in rows} == {d: sector.value for d, (_, sector) in conventions.CPV_DEFAULTS.items()}
