"""What a figure reads that does not depend on the filters, read once per data version of a replica.

The data's last month, the first contract's month, the ETP divisor, the jobs available at a date: on the store's
DuckDB replica (core.figures.engine), which has no index, the first is a scan of every hours entry, and each is a
query more on every dashboard or filter change (bench/bench_columnar.py). On the store itself (its indexes answer
at once), or while a replica loads, they are read at every call.
"""

import weakref
from collections.abc import Callable, Hashable
from typing import Protocol, TypeVar

from sqlalchemy import Engine

_T = TypeVar("_T")


class Versioned(Protocol):
    """A replica: its engine, the store's data version its data is at (None while it loads), its memo."""

    engine: Engine
    version: str | None
    memo: tuple[str | None, dict[Hashable, object]]


_of_engine: weakref.WeakValueDictionary[int, Versioned] = weakref.WeakValueDictionary()  # by id of its engine


def register(replica: Versioned) -> None:
    """`replica.engine`'s reads memoised per `replica.version` from now on (gone with the replica)."""
    _of_engine[id(replica.engine)] = replica


def per_version(engine: Engine, key: Hashable, compute: Callable[[], _T]) -> _T:
    """`compute()` once per data version of the replica whose engine is `engine`, else at every call. A value
    computed while the replica changed version is not kept."""
    replica = _of_engine.get(id(engine))
    version = replica.version if replica is not None and replica.engine is engine else None
    if replica is None or version is None:
        return compute()
    held, values = replica.memo
    if held == version and key in values:
        return values[key]  # type: ignore[return-value]
    value = compute()
    if replica.version == version:
        if replica.memo[0] != version:
            replica.memo = (version, {})
        replica.memo[1][key] = value
    return value
