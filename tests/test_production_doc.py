"""docs/production.md says what the repository does: its Streamlit settings are the repository's, its upload limit
is the imports', its nginx headers are those the two-processes test runs behind (its links: test_docs)."""

import re
import tomllib

from core.exchange.imports import MAX_UPLOAD_MB
from tests.e2e.proxy import CONFIG as TESTED_NGINX
from tests.test_docs import ROOT, read

PRODUCTION = "production.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", read(PRODUCTION), re.MULTILINE | re.DOTALL)


def test_the_streamlit_settings_shown_are_the_repositorys() -> None:
    shown = tomllib.loads(blocks("toml")[0])
    shipped = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert shown["browser"]["gatherUsageStats"] is False and shown["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    for part, settings in shown.items():
        for key, value in settings.items():
            assert shipped[part][key] == value, f"{part}.{key}"


def test_the_units_and_the_site_say_what_production_needs() -> None:
    unit, = blocks("ini")
    start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    for option in ("run server.py", "--server.address 127.0.0.1", "--server.port %i",
                   "--server.enableXsrfProtection true", "--browser.gatherUsageStats false"):
        assert option in start, option
    assert "EnvironmentFile=/etc/passerelles/" in unit  # the secrets, outside the repository
    site, = blocks("nginx")
    assert f"client_max_body_size {MAX_UPLOAD_MB}m;" in site and "location /_stcore/stream" in site
    assert "ssl_certificate " in site and "listen 443 ssl" in site
    doc = read(PRODUCTION)
    for said in ("pg_dump", "python -m core backup", "python -m core init", "git pull", "certbot",
                 "PASSERELLES_DEMO=0"):
        assert said in doc, said


def test_the_tested_proxy_sends_the_documented_headers() -> None:
    headers = lambda conf: set(re.findall(r"proxy_set_header (\S+ \S+);", conf))  # noqa: E731
    site, = blocks("nginx")
    assert headers(site) == headers(TESTED_NGINX) and len(headers(site)) == 5
    assert "proxy_http_version 1.1;" in TESTED_NGINX and "proxy_read_timeout 1d;" in TESTED_NGINX
