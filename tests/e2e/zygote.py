"""New server processes started by a fork instead of a new interpreter: `python -m tests.e2e.zygote` imports the
libraries a server imports (Streamlit, pandas, Plotly, SQLAlchemy: seconds of CPU each time), nothing of
Passerelles, then for each line read on its standard input (JSON: the server's arguments, environment and log)
forks a child that runs `streamlit run server.py` as the command line does, and writes the child's pid back.

Each child is a new server process as far as Passerelles and Streamlit's runtime go: server.py, app.py and the
pages are imported by the child, no session has been served, Streamlit's multipage state is its import's
(tests/e2e/test_first_request.py starts two dozen of them). The children are reaped by the kernel (SIGCHLD
ignored); `Forked` stops one by its pid."""

import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PRELOAD = ("streamlit", "streamlit.web.cli", "streamlit.web.bootstrap", "streamlit.runtime.scriptrunner",
           "pandas", "plotly.graph_objects", "plotly.express", "sqlalchemy", "sqlalchemy.orm", "sqlmodel", "argon2",
           "openpyxl", "starlette", "uvicorn", "alembic.command", "alembic.config", "alembic.script", "babel.dates",
           "babel.numbers")


class Forked:
    """The part of subprocess.Popen that tests/e2e/conftest.py's Server uses, for a child of the zygote."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def poll(self) -> int | None:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return 0
        return None

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout or 0)
            time.sleep(0.05)
        return 0

    def _signal(self, number: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, number)


class Zygote:
    """The zygote process, started from the project's folder (its `sys.path` then is `python -m streamlit`'s)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen([sys.executable, "-m", "tests.e2e.zygote"], cwd=root, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        if self.process.stdout is None or self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the zygote did not start")

    def spawn(self, args: list[str], env: dict[str, str], log: Path) -> Forked:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"args": args, "env": env, "log": str(log), "cwd": str(self.root)}) + "\n")
        self.process.stdin.flush()
        return Forked(int(self.process.stdout.readline()))

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(30)


def child(request: dict) -> None:
    """In the forked child: become `streamlit run …` with the request's environment, log and folder."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.argv = ["streamlit", *request["args"]]
    code = 1
    try:
        from streamlit.web import cli
        cli.main(args=request["args"], prog_name="streamlit")
        code = 0
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the children
    print("ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request)
        print(pid, flush=True)


if __name__ == "__main__":
    main()
