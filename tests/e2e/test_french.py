"""The page before any script is French (ui.shell). Every page in every role, at 1440, 1280 and 390 px wide, reads
French too, Streamlit's own words included (ui.french): read by the tour of tests/e2e/tour.py, which opens
each page once for all its checks."""

import gzip
import urllib.request

import pytest

pytestmark = pytest.mark.e2e


def test_the_page_before_any_script_is_french(server):
    """What the browser has before Streamlit's script has drawn anything (ui.shell), from the real server, with
    compression accepted as every browser does: lang="fr", the app's name, a French word without JavaScript."""
    for address in ("/", "/marches?de=2021&a=2021", "/administration"):
        asked = urllib.request.Request(server.url + address, headers={"Accept-Encoding": "gzip, deflate, br"})
        with urllib.request.urlopen(asked, timeout=30) as answer:
            shell = answer.read()
            encoding = answer.headers.get("Content-Encoding")
        page = (gzip.decompress(shell) if encoding == "gzip" else shell).decode()
        assert '<html lang="fr"' in page and "<title>Passerelles</title>" in page, address
        assert "JavaScript" in page and "You need to enable JavaScript" not in page, address
        assert 'rel="shortcut icon" href="data:image/svg+xml' in page, address
