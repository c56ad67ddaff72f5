"""Batch output: one Parquet row per article, the contract JSON in `record`.

Every engine writes the same columns, so outputs compare row by row. The store is loaded
from this output by one writer (DuckDB allows a single writing process).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..records import ErrorRecord, Result, from_dict, to_dict

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("published", pa.string()),
        ("record", pa.string()),
        ("error", pa.string()),
        ("n_actors", pa.int32()),
        ("n_events", pa.int32()),
        ("n_quotes", pa.int32()),
        ("n_places", pa.int32()),
        ("n_times", pa.int32()),
    ]
)
COUNTED = ("actors", "events", "quotes", "places", "times")


def row_of(record: Result) -> dict:
    """The output row of a coded article or error record."""
    data = to_dict(record)
    row = {
        "id": data["id"],
        "published": data.get("published"),
        "record": json.dumps(data, ensure_ascii=False),
        "error": None,
    }
    if isinstance(record, ErrorRecord):
        row["error"] = f"{record.type}: {record.message}"
    for key in COUNTED:
        row[f"n_{key}"] = len(data.get(key) or ())
    return row


def rows_table(rows: list[dict]) -> pa.Table:
    """The Arrow table of output rows (what the engines hand to the writer)."""
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def table_counts(table: pa.Table) -> dict:
    """Articles, events and errors of a table of output rows."""
    return {
        "articles": table.num_rows,
        "events": pc.sum(table["n_events"]).as_py() or 0,
        "errors": table.num_rows - table["error"].null_count,
    }


class ParquetSink:
    """Appends tables of output rows to one Parquet file, in row groups of at least
    `group_rows` rows (engines hand over one small table per batch).

    Rows go to `PATH.partial`, renamed to PATH by `close`; `abort` (a run that failed)
    deletes it, so a failed run never leaves a file that looks like a finished output."""

    def __init__(self, path: str, group_rows: int = 1024):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._path, self._partial = path, f"{path}.partial"
        self._writer = pq.ParquetWriter(self._partial, SCHEMA)
        self._pending: list[pa.Table] = []
        self._group_rows = group_rows

    def write(self, table: pa.Table) -> None:
        # Tables from Ray may carry its schema metadata: the file keeps ours.
        self._pending.append(table if table.schema.equals(SCHEMA) else table.cast(SCHEMA))
        if sum(t.num_rows for t in self._pending) >= self._group_rows:
            self._flush()

    def _flush(self) -> None:
        table = pa.concat_tables(self._pending) if self._pending else None
        self._pending = []
        if table is not None and table.num_rows:
            self._writer.write_table(table, row_group_size=table.num_rows)

    def close(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self._partial, self._path)

    def abort(self) -> None:
        self._writer.close()
        Path(self._partial).unlink(missing_ok=True)


def output_files(output: str) -> list[str]:
    """The Parquet files of an output file or folder, in order."""
    path = Path(output)
    return [str(path)] if path.is_file() else sorted(str(p) for p in path.rglob("*.parquet"))


def read_output(output: str) -> Iterator[dict]:
    """The rows of a batch output, file by file."""
    for file in output_files(output):
        yield from pq.read_table(file).to_pylist()


def load_store(output: str, store: str, chunk: int = 500) -> int:
    """Write a batch output into the DuckDB store from this (the only writing) process."""
    from ..store import open_store, write_records

    con = open_store(store)
    count = 0
    try:
        batch: list[Result] = []
        for row in read_output(output):
            batch.append(from_dict(json.loads(row["record"])))
            if len(batch) >= chunk:
                count += write_records(con, batch)
                batch = []
        count += write_records(con, batch)
    finally:
        con.close()
    return count


def summarise(rows: Iterable[dict]) -> dict:
    """Articles, events and errors of output rows."""
    articles = events = errors = 0
    for row in rows:
        articles += 1
        events += row["n_events"] or 0
        errors += row["error"] is not None
    return {"articles": articles, "events": events, "errors": errors}
