"""Benchmark of issue 9: ready in seconds, from the first request.

Run by hand, never in CI (see bench/README.md):

    /work/main/.venv/bin/python -m bench.bench_startup [--cold-runs 3] [--visits 7] [--no-write]

(a) Cold start: `git clone` of this repository into a temporary directory (the venv is reused, so no install
    is timed; no data/passerelles.db), then `streamlit run server.py` there; timed from the command to the
    dashboard's figures visible in headless Chromium (already started: a newcomer's browser is open).
(b) First view of a visitor on a running server: a new browser context, goto, figures visible; beside a bare
    Streamlit page (four st.metric and one Plotly chart) served by another server in the same run, alternating.

"Figures visible": every `[data-testid="stMetricValue"]` of the page holds a digit (at least four of them)
and a Plotly chart is drawn.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STREAMLIT = Path(sys.executable).parent / "streamlit"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIGURES_VISIBLE = """() => {
    const values = [...document.querySelectorAll('[data-testid="stMetricValue"]')];
    return values.length >= 4 && values.every(v => /[0-9]/.test(v.textContent))
        && document.querySelector('.js-plotly-plot .main-svg') !== null;
}"""
BARE_PAGE = '''"""The floor: a bare Streamlit page with four metrics and one Plotly chart."""
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
st.title("Tableau de bord")
for column, (label, value) in zip(st.columns(4), [("Heures", "240 100 h"), ("ETP", "149,1"),
                                                   ("Marchés", "245"), ("Entreprises", "151")]):
    column.metric(label, value, "+3 %")
st.plotly_chart(go.Figure(go.Bar(x=list(range(2016, 2026)), y=[38, 71, 104, 142, 128, 184, 203, 219, 231, 240])))
'''
TARGET_COLD_S, TARGET_RATIO = 10.0, 1.5
SECTION = "## Démarrage (issue 9)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run SCRIPT` in `cwd`; its terminal lines are kept with the second each arrived."""

    def __init__(self, script: str, cwd: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.started = time.perf_counter()
        self.lines: list[tuple[float, str]] = []
        self.process = subprocess.Popen(
            [str(STREAMLIT), "run", script, "--server.headless", "true", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append((time.perf_counter() - self.started, line.rstrip()))

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def wait_healthy(self, timeout: float = 180) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.healthy():
                return time.perf_counter() - self.started
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("the server did not start:\n" + "\n".join(line for _, line in self.lines))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PASSERELLES_DEMO")}
    return env | {"PYTHONDONTWRITEBYTECODE": "0"}


def clone(into: Path, rev: str | None = None) -> Path:
    target = into / "passerelles"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    if rev:
        subprocess.run(["git", "-C", str(target), "checkout", "-q", rev], check=True)
    assert not (target / "data" / "passerelles.db").exists()
    return target


def view(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    """A visitor's first view: new context, goto, figures visible; seconds."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function(FIGURES_VISIBLE, timeout=180_000, polling=50)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def cold_start(browser, workdir: Path, rev: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    """(a) From `streamlit run server.py` on a fresh clone (at `rev`, else HEAD) to the dashboard's figures."""
    repo = clone(workdir, rev)
    server = Server("server.py", repo, clean_env())
    try:
        healthy = server.wait_healthy()
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(server.url)
        page.wait_for_function(FIGURES_VISIBLE, timeout=180_000, polling=50)
        total = time.perf_counter() - server.started
        context.close()
    finally:
        server.stop()
    ready = next((t for t, line in server.lines if "prête" in line), None)
    said = [line for _, line in server.lines if line.startswith("Passerelles")]
    shutil.rmtree(repo)
    return {"total_s": total, "healthy_s": healthy, "store_ready_s": ready, "said": said}


def first_views(browser, workdir: Path, visits: int) -> dict:  # type: ignore[no-untyped-def]
    """(b) New visitors on running servers: the dashboard beside a bare page, in alternation."""
    bare_dir = workdir / "bare"
    bare_dir.mkdir()
    (bare_dir / "bare.py").write_text(BARE_PAGE, encoding="utf-8")
    env = clean_env() | {"DATABASE_URL": f"sqlite:///{workdir / 'passerelles.db'}"}
    app, bare = Server("server.py", ROOT, env), Server("bare.py", bare_dir, clean_env())
    try:
        app.wait_healthy()
        bare.wait_healthy()
        cold = {"app": view(browser, app.url), "bare": view(browser, bare.url)}  # each server's first visitor
        samples: dict[str, list[float]] = {"app": [], "bare": []}
        for _ in range(visits):
            samples["app"].append(view(browser, app.url))
            samples["bare"].append(view(browser, bare.url))
    finally:
        app.stop()
        bare.stop()
    return {"cold": cold, "samples": samples}


def fr(seconds: float, digits: int = 2) -> str:
    return f"{seconds:.{digits}f}".replace(".", ",")


def report(cold: list[dict], views: dict, command: str, before: list[dict], rev: str | None) -> str:
    totals = [r["total_s"] for r in cold]
    total = statistics.median(totals)
    healthy = statistics.median(r["healthy_s"] for r in cold)
    ready = [r["store_ready_s"] for r in cold if r["store_ready_s"] is not None]
    app, bare = (statistics.median(views["samples"][k]) for k in ("app", "bare"))
    visits = len(views["samples"]["app"])
    said_ready = fr(statistics.median(ready), 1) if ready else "—"
    rows = [
        (f"(a) `streamlit run server.py` sur un clone neuf (sans base) → chiffres du tableau de bord, "
         f"{len(cold)} démarrages", f"{fr(total, 1)} s",
         f"démarrages : {' / '.join(fr(t, 1) for t in totals)} s ; « base prête » à "
         f"{said_ready} s, serveur prêt (`/_stcore/health`) à {fr(healthy, 1)} s",
         f"≤ {fr(TARGET_COLD_S, 0)} s", "tenu" if total <= TARGET_COLD_S else "manqué"),
        (f"(b) premier affichage d'un nouveau visiteur du tableau de bord, {visits} visites", f"{fr(app)} s",
         f"premier visiteur du serveur (cache froid) : {fr(views['cold']['app'])} s", "—", "—"),
        (f"(b) page Streamlit nue (4 `st.metric`, 1 graphique Plotly), en alternance, {visits} visites",
         f"{fr(bare)} s", f"premier visiteur : {fr(views['cold']['bare'])} s", "—", "—"),
        ("(b) rapport tableau de bord ÷ page nue", fr(app / bare), "", f"< {fr(TARGET_RATIO, 1)}",
         "tenu" if app / bare < TARGET_RATIO else "manqué"),
    ]
    if before:
        old = [r["total_s"] for r in before]
        rows.insert(1, (f"(a) le même, au commit `{rev}` (avant), en alternance", f"{fr(statistics.median(old), 1)} s",
                        f"démarrages : {' / '.join(fr(t, 1) for t in old)} s ; rapport après ÷ avant "
                        f"{fr(total / statistics.median(old))}", "—", "—"))
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    table = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    return f"""{SECTION}

```bash
{command}
```

Mesure du {time.strftime("%d/%m/%Y %H:%M")} au commit `{head}`, machine partagée à 2 cœurs
(charge {fr(os.getloadavg()[0], 1)} au départ) ; Chromium sans fenêtre déjà lancé ; « chiffres visibles » :
chaque valeur `[data-testid="stMetricValue"]` porte un chiffre (quatre au moins) et un graphique Plotly est dessiné.

| mesure | médiane | détail | cible | verdict |
|---|---:|---|---:|---|
{table}
"""


def write_section(text: str, path: Path) -> None:
    """Replace this benchmark's section of RESULTS.md (up to the next `## ` heading), or append it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(SECTION) + r".*?(?=^## |\Z)", re.S | re.M)
    new = pattern.sub(lambda _: text + "\n", old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts on a fresh clone (a)")
    parser.add_argument("--visits", type=int, default=7, help="timed first views of each page (b); 0: skip (b)")
    parser.add_argument("--compare", metavar="REV", help="alternate the cold starts with this commit's")
    parser.add_argument("--skip-cold", action="store_true", help="only (b)")
    parser.add_argument("--no-write", action="store_true", help="print, do not update bench/RESULTS.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    command = "/work/main/.venv/bin/python -m bench.bench_startup"
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="passerelles-startup-") as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cold: list[dict] = []
        before: list[dict] = []
        for i in range(0 if args.skip_cold else args.cold_runs):
            if args.compare:
                before.append(cold_start(browser, Path(tmp), args.compare))
                print(f"(a) {args.compare} run {i + 1}: {before[-1]}", flush=True)
            cold.append(cold_start(browser, Path(tmp)))
            print(f"(a) run {i + 1}: {cold[-1]}", flush=True)
        views = first_views(browser, Path(tmp), args.visits) if args.visits else None
        print(f"(b) {views}", flush=True)
        browser.close()
    if not cold or views is None:
        return  # (a) or (b) alone: printed above
    if args.compare:
        command += f" --compare {args.compare}"
    text = report(cold, views, command, before, args.compare)
    print("\n" + text)
    if not args.no_write:
        write_section(text, ROOT / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
