"""The pages' modules load without the export libraries: python-pptx, XlsxWriter and rustpy-xlsxwriter wait for
the first export, DuckDB for the first replica (core.figures.engine: a store over 100 000 hours entries).

A new server process imports them with the first page it runs; a visitor who only reads the dashboard should
not wait for them (bench/bench_startup.py)."""

import subprocess
import sys

from tests.pages.conftest import ROOT

EXPORT_LIBRARIES = ("pptx", "xlsxwriter", "rustpy_xlsxwriter", "duckdb")


def test_the_frame_and_the_dashboard_modules_leave_the_export_libraries_unloaded():
    probe = ("import sys\n"
             "import server, ui.data, ui.exports, ui.texts, ui.charts, ui.components, ui.filters, ui.session\n"
             f"print(sorted(m for m in {EXPORT_LIBRARIES!r} if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"

