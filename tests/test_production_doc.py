"""docs/production.md says what the repository does: its Streamlit settings are the repository's, its upload limit
is the imports', its nginx headers are those the two-processes test runs behind (its links: test_docs)."""

import re
import subprocess
import tomllib
from pathlib import Path

from core.exchange.imports import MAX_UPLOAD_MB
from tests.e2e.proxy import CONFIG as TESTED_NGINX
from tests.e2e.proxy import MISSING, NGINX
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
    assert "ssl_certificate " in site and "listen 443 ssl http2;" in site
    doc = read(PRODUCTION)
    for said in ("pg_dump", "python -m core backup", "python -m core init", "git pull", "certbot",
                 "PASSERELLES_DEMO=0"):
        assert said in doc, said


def test_the_tested_proxy_sends_the_documented_headers() -> None:
    headers = lambda conf: set(re.findall(r"proxy_set_header (\S+ \S+);", conf))  # noqa: E731
    site, = blocks("nginx")
    assert headers(site) == headers(TESTED_NGINX) and len(headers(site)) == 5
    assert "proxy_http_version 1.1;" in TESTED_NGINX and "proxy_read_timeout 1d;" in TESTED_NGINX


def test_debians_nginx_accepts_the_documented_site(tmp_path: Path) -> None:
    """`nginx -t` on the site as written (its certificate lines left out: Let's Encrypt's files are not here)."""
    if not Path(NGINX).exists():
        raise AssertionError(MISSING.format(path=NGINX))
    site, = blocks("nginx")
    assert site.count("listen 443 ssl http2;") == 1 and site.count("ssl_certificate") == 2
    site = re.sub(r"^\s*ssl_certificate.*$", "", site, flags=re.MULTILINE)
    site = site.replace("listen 443 ssl http2;", "listen 443;")
    paths = " ".join(f"{name}_temp_path {tmp_path / name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\naccess_log off;\n{paths}\n{site}\n}}\n",
                    encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0 and "test is successful" in checked.stderr, checked.stderr
