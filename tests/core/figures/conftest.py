"""What the figures' tests share."""

import pytest


@pytest.fixture
def adbc_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URIs ADBC's SQLite driver opens from now on (it must never open the store's own file: its SQLite library
    and the store driver's on one file drop each other's locks, a disk I/O error)."""
    import adbc_driver_sqlite.dbapi as adbc

    opened: list[str] = []
    real = adbc.connect

    def spy(uri: str, *args: object, **kwargs: object) -> object:
        opened.append(uri)
        return real(uri, *args, **kwargs)

    monkeypatch.setattr(adbc, "connect", spy)
    return opened
