"""The DECP files of tests/core/fixtures/decp: one per shape that published files take (see shared/decp)."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "decp"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
