"""Batch coding of JSON Lines or Parquet into Parquet, on this machine or on Ray.

`run_batch` is the library function behind `eventwire batch`: both engines read the same
input shapes, call the same pipeline, and write the same Parquet rows (see `output`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError
from .inputs import expand_input
from .output import ParquetSink, load_store, row_of, table_counts

ENGINES = ("local", "ray")

__all__ = ["ENGINES", "output_path", "row_of", "run_batch"]


def output_path(output: str) -> str:
    """The Parquet file to write: OUTPUT itself if it ends in .parquet, else a part in it."""
    if output.lower().endswith(".parquet"):
        return output
    return str(Path(output) / "part-00000.parquet")


def run_batch(
    input_spec: str,
    output: str,
    engine: str = "local",
    *,
    processes: int | None = None,
    batch_size: int = 64,
    address: str | None = None,
    store: str | None = None,
    published: str | None = None,
    on_progress: Callable[[dict], None] | None = None,
) -> dict:
    """Code every article of INPUT into OUTPUT; returns the summary (articles, events,
    errors, seconds, articles_per_s, stored)."""
    if engine not in ENGINES:
        raise UsageError(f"engine={engine!r} is not one of {', '.join(ENGINES)}.")
    fmt, files = expand_input(input_spec)
    workers = processes or os.cpu_count() or 1
    started = time.perf_counter()
    if engine == "local":
        from .local import iter_tables as local_tables

        tables = local_tables(files, fmt, workers, batch_size, published)
    else:
        from .ray_engine import iter_tables as ray_tables
        from .ray_engine import start_ray

        start_ray(address, None if address else workers)
        tables = ray_tables(files, fmt, workers, batch_size, published)
    summary: dict[str, float] = {"articles": 0, "events": 0, "errors": 0}
    sink = ParquetSink(output_path(output))
    try:
        for table in tables:  # Arrow tables straight to the file: no Python rows in between
            sink.write(table)
            for key, value in table_counts(table).items():
                summary[key] += value
            if on_progress:
                on_progress({**summary, "seconds": time.perf_counter() - started})
    except BaseException:
        sink.abort()
        raise
    sink.close()
    seconds = time.perf_counter() - started
    summary.update(
        seconds=round(seconds, 2), articles_per_s=round(summary["articles"] / max(seconds, 1e-9), 2)
    )
    summary["stored"] = load_store(output_path(output), store) if store else 0
    return summary
