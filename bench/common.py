"""What the benchmarks share: the demo store they read (built once, kept under /tmp), and timings taken in
alternation so that a noisy machine weighs on every side alike (the paired median ratio is what counts)."""

import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from core.store.engine import open_store

DEMO_TODAY = date(2026, 11, 25)


def demo_store(path: Path, scale: float = 1.0) -> Engine:
    """The store at `path`, filled with the demo (its DECP sample included) the first time."""
    fresh = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = open_store(f"sqlite:///{path}")
    if fresh:
        from core.demo.build import load_demo

        load_demo(engine, today=DEMO_TODAY, scale=scale)
    return engine


def report(title: str, runs: dict[str, Callable[[], object]], count: int) -> None:
    """Each run timed `count` times in alternation (a first round untimed): its median, and its paired median ratio
    to the first run of `runs`."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(count + 1):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) * 1000)
    base = next(iter(times.values()))[1:]
    print(title)
    for name, t in times.items():
        ratio = statistics.median(a / b for a, b in zip(t[1:], base, strict=True))
        print(f"  {name}: médiane {statistics.median(t[1:]):.1f} ms, rapport apparié {ratio:.3f}")
