"""Debian's nginx in front of Passerelles servers, with the headers of docs/production.md, run by a test.

The test's own nginx: a configuration generated in a temporary folder, run in the foreground as a child of the
test (`-p prefix -c conf`, its pid, logs and temporary files in that folder), never the system's service.
"""

import os
import shutil
import subprocess
from pathlib import Path

from tests.e2e.conftest import free_port, healthy, stop_child

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
MISSING = ("nginx introuvable ({path}) : installez le paquet Debian nginx (apt-get install nginx ; `.ci/run` "
           "l'installe), ou indiquez son chemin dans la variable NGINX.")

# Each request logged with the process that served it ($upstream_addr): the test proves both served traffic.
CONFIG = """\
{user}worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {prefix}/access.log upstream;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream passerelles {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 50m;
        location / {{
            proxy_pass http://passerelles;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1d;
        }}
    }}
}}
"""


class Nginx:
    """nginx on a free port, round-robin over `upstreams` (ports of servers on 127.0.0.1): no stickiness, so
    that a page's requests, its WebSocket and the next page's go to one process or the other."""

    def __init__(self, folder: Path, upstreams: list[int]) -> None:
        if not Path(NGINX).exists() and not shutil.which(NGINX):
            raise RuntimeError(MISSING.format(path=NGINX))
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in upstreams)
        user = "user root;\n" if os.geteuid() == 0 else ""  # as root, its worker would drop to nobody: not our folder
        conf = folder / "nginx.conf"
        conf.write_text(CONFIG.format(user=user, prefix=folder, servers=servers, port=self.port), encoding="utf-8")
        self.log = (folder / "stderr.log").open("wb")
        self.process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")],
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def ready(self, timeout: float = 60) -> None:
        """Ready when a server answers through it."""
        if healthy(self.url, timeout, alive=lambda: self.process.poll() is None):
            return
        if self.process.poll() is not None:
            raise RuntimeError(f"nginx s'est arrêté : {(self.folder / 'error.log').read_text(errors='replace')}")
        raise RuntimeError(f"nginx ne répond pas après {timeout:.0f} s ; voir {self.folder / 'error.log'}")

    def served_by(self) -> dict[str, int]:
        """How many requests each upstream served, from the access log."""
        counts: dict[str, int] = {}
        log = self.folder / "access.log"
        for line in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
            for upstream in line.split()[-1].split(","):  # "a, b" when a first try failed over
                counts[upstream.strip()] = counts.get(upstream.strip(), 0) + 1
        return counts

    def stop(self) -> None:
        stop_child(self.process)
        self.log.close()
