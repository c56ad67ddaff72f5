"""Fast inserts: rows go to DuckDB as one list per column (`INSERT ... SELECT unnest(...)`).

Row-at-a-time `executemany` costs about a millisecond per statement in DuckDB; a whole
batch of articles has thousands of child rows, so the writer sends columns instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

#: Rows per statement: large enough to amortise the call, small enough to bound memory.
CHUNK = 20_000


_TYPES: dict[str, dict[str, str]] = {}


def column_types(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> list[str]:
    """The declared SQL type of each column (so an all-NULL column still has a type).
    Cached per table: every store of one schema version declares the same types."""
    types = _TYPES.get(table)
    if types is None or any(c not in types for c in columns):
        types = _TYPES[table] = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()
        )
    return [types[c] for c in columns]


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[Sequence]
) -> None:
    """Insert `rows` (tuples in `columns` order) into `table`."""
    if not rows:
        return
    types = column_types(con, table, columns)
    select = ", ".join(f"unnest(?::{t}[])" for t in types)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select}"
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        con.execute(sql, [list(values) for values in zip(*chunk)])


def delete_where_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]) -> None:
    """Delete the rows whose `column` is one of `values`, in one statement."""
    if values:
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [list(values)])
