"""The Ray engine: Ray Data reads the input, a pool of actors codes it, Parquet comes out.

Each actor loads the model and resources once (in its constructor) and returns rows of
strings and counts: spaCy objects never leave a worker. Order is preserved so the output
matches the local engine's row for row.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from .inputs import item_from_line, item_from_row

INPUT_FIELDS = ("id", "text", "html", "published", "title", "url", "source")


class ArticleCoder:
    """Ray Data callable class: a batch of raw lines or rows in, output rows out."""

    def __init__(self, fmt: str, published: str | None, batch_size: int):
        from .local import warm_up

        self.fmt, self.published, self.batch_size = fmt, published, batch_size
        warm_up()  # load the model and every resource once per worker

    def _items(self, batch: pa.Table) -> Iterator:
        paths = batch.column("path").to_pylist()
        if self.fmt == "jsonl":
            for raw, path in zip(batch.column("text").to_pylist(), paths):
                yield item_from_line(raw.strip(), Path(path).name, self.published)
            return
        names = [n for n in batch.column_names if n in INPUT_FIELDS]
        for row, path in zip(batch.select(names).to_pylist(), paths):
            yield item_from_row(row, Path(path).name, self.published)

    def __call__(self, batch: pa.Table) -> pa.Table:
        from .local import code_chunk

        return code_chunk(list(self._items(batch)), self.batch_size)


def start_ray(address: str | None, num_cpus: int | None, temp_dir: str | None = None) -> None:
    """Join a cluster at `address`, else start a local one with `num_cpus` CPUs.

    Usage statistics stay off and the session folder goes to a temporary directory (Ray
    otherwise writes under the system temp dir and ~/.ray)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(
            num_cpus=num_cpus,
            include_dashboard=False,
            log_to_driver=False,
            _temp_dir=temp_dir or tempfile.mkdtemp(prefix="eventwire-ray-"),
        )


def coded_dataset(files: list[str], fmt: str, workers: int, batch_size: int, published: str | None = None):
    """The lazy Ray dataset of output rows for the input files."""
    import ray.data

    ray.data.DataContext.get_current().execution_options.preserve_order = True
    # Reading is I/O: it takes no CPU slot, else the coding actors, one per CPU, would hold
    # every slot and the read tasks would wait forever.
    if fmt == "jsonl":
        ds = ray.data.read_text(files, include_paths=True, num_cpus=0)
    else:
        ds = ray.data.read_parquet(files, include_paths=True, num_cpus=0)
    return ds.map_batches(
        ArticleCoder,
        fn_constructor_kwargs={"fmt": fmt, "published": published, "batch_size": batch_size},
        batch_size=batch_size,
        batch_format="pyarrow",
        concurrency=workers,
        num_cpus=1,
    )


def iter_tables(
    files: list[str], fmt: str, workers: int, batch_size: int, published: str | None = None
) -> Iterator[pa.Table]:
    """Output rows streamed to this process in input order, a table at a time."""
    ds = coded_dataset(files, fmt, workers, batch_size, published)
    yield from ds.iter_batches(batch_size=None, batch_format="pyarrow")
