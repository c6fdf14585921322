"""The parts of core and the one way their imports run (README, « Organisation du code »).

Every import is read from the source, those inside functions and under TYPE_CHECKING included: an
arrow that runs back, a cycle between two modules, or core reaching for Streamlit or the pages fails here.
"""

import ast
import re
from pathlib import Path

from core.config import ROOT

CORE = ROOT / "core"

# Each part may import the parts of a lower rank, never one of its own rank or above.
RANKS = {
    "base": 0,  # core.config, core.formatting, core.months, core.palette
    "store": 1,
    "accounts": 2,
    "conventions": 3,
    "exchange": 4,
    "figures": 5, "clauses": 5, "decp": 5,
    "exports": 6, "prospecting": 6,
    "demo": 7,
    "cli": 8,  # core.__main__
}
BASE = {"config", "formatting", "months", "palette", "__init__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part(module: str) -> str:
    first = module.split(".")[1] if "." in module else "__init__"
    if first in BASE:
        return "base"
    if first == "__main__":
        return "cli"
    return first


def imported(path: Path) -> set[str]:
    """The modules `path` imports, as dotted names (`from core.figures import indicators`: core.figures.indicators)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                names.add(candidate if _exists(candidate) else node.module)
    return names


def _exists(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def graph() -> dict[str, set[str]]:
    return {module_name(path): imported(path) for path in CORE.rglob("*.py") if "migrations" not in path.parts}


def test_every_part_is_a_documented_package():
    for package in CORE.iterdir():
        if package.is_dir() and package.name != "__pycache__":
            init = package / "__init__.py"
            assert init.exists(), f"{package.name} n'est pas un paquet"
            assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{package.name} sans docstring"
            assert package.name in RANKS, f"{package.name} : une partie sans rang dans RANKS"


def test_imports_run_one_way():
    back = []
    for module, targets in graph().items():
        for target in targets:
            if not target.startswith("core.") or target == "core":
                continue
            source, destination = part(module), part(target)
            if source != destination and RANKS[destination] >= RANKS[source]:
                back.append(f"{module} → {target} ({source} ne peut importer {destination})")
    assert not back, "\n".join(sorted(back))


def test_no_cycle_between_modules():
    edges = {m: {t for t in ts if t.startswith("core.") and t != m} for m, ts in graph().items()}
    cycles = []
    state: dict[str, str] = {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" → ".join(stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target, stack + [target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_core_never_reaches_for_the_interface():
    for module, targets in graph().items():
        reached = {t for t in targets if t.split(".")[0] in ("streamlit", "ui", "pages", "app", "server")}
        assert not reached, f"{module} importe {sorted(reached)}"


def test_the_guard_sees_an_arrow_that_runs_back(tmp_path, monkeypatch):
    """The walk reads imports inside functions too: the kind a cycle hid behind before the packages."""
    source = tmp_path / "late.py"
    source.write_text("def f():\n    from core.exports import workbook\n    return workbook\n", encoding="utf-8")
    assert "core.exports.workbook" in imported(source)
    assert part("core.store.engine") == "store" and RANKS[part("core.exports.workbook")] > RANKS["store"]


def test_the_readme_names_every_part_in_its_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    organisation = re.split(r"^## ", readme.split("## Organisation du code", 1)[1], flags=re.MULTILINE)[0]
    rows = [line for line in organisation.splitlines() if line.startswith("| `core/")]
    named = [re.findall(r"`core/(\w+)", row) for row in rows]
    ranks = [{RANKS.get(part(f"core.{name}"), -1) for name in names} for names in named]
    assert all(len(r) == 1 for r in ranks), "une ligne du README mêle des parties de rangs différents"
    assert [r.pop() for r in ranks] == sorted(set(RANKS.values())), "le README ne suit pas l'ordre des parties"
    parts = {part(f"core.{name}") for names in named for name in names}
    assert parts == set(RANKS), f"parties absentes du README : {sorted(set(RANKS) - parts)}"
