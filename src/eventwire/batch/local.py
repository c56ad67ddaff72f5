"""The local engine: `code_many` with spaCy worker processes on this machine."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from ..pipeline import code_many
from .inputs import read_items
from .output import row_of


def iter_rows(files: list[str], fmt: str, processes: int, batch_size: int,
              published: str | None = None) -> Iterator[list[dict]]:
    """Output rows in input order, a batch at a time."""
    records = code_many(read_items(files, fmt, published), batch_size=batch_size,
                        n_process=processes)
    while chunk := list(islice(records, batch_size * 4)):
        yield [row_of(r) for r in chunk]
