"""The replica's SQLAlchemy dialect: duckdb_engine's, with SQLAlchemy's compiled cache on.

duckdb_engine turns the cache off (`supports_statement_cache = False`), so every figure's statement was compiled
anew on each call: some 2 ms a statement, tens of them a dashboard (bench/bench_columnar.py). Nothing it adds to
PostgreSQL's compiler varies from one execution to the next (its values are bound parameters, `$1`…), and the
replica's figures are checked against the store's with the cache on (tests/core/figures/test_columnar.py).
Imported only when a replica's engine is made (core.figures.engine): it imports DuckDB.
"""

from duckdb_engine import Dialect


class CachedDialect(Dialect):
    supports_statement_cache = True
