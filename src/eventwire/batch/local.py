"""The local engine: worker processes on this machine, each running the whole pipeline.

Articles go to the workers and Arrow tables of output rows come back, so no spaCy `Doc`
crosses a process boundary. (With spaCy's own `n_process`, every parsed Doc came back to
the calling process, which deserialised it and ran every extractor alone: on 2 cores it
took half a core from the parsers.) One process codes in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import pyarrow as pa

from ..records import Article
from .inputs import Item, read_items
from .output import row_of, rows_table


def code_chunk(items: list[Item], batch_size: int) -> pa.Table:
    """The output rows of a list of articles (or input error records), in order."""
    # The pipeline (and spaCy) is imported by the processes that code, not by `batch`:
    # reading and loading batch output must not pay for the model.
    from ..pipeline import code_many

    return rows_table([row_of(r) for r in code_many(items, batch_size=batch_size)])


def _code_task(task: tuple[list[Item], int]) -> pa.Table:
    return code_chunk(*task)


def warm_up() -> None:
    """Load the model, every resource and the Arrow libraries once per process (pyarrow
    imports pandas on its first table, about a second); quick in a process forked from
    one that has them."""
    code_chunk([Article(id="warm-up", text="Warm-up.")], 1)


def iter_tables(
    files: list[str], fmt: str, processes: int, batch_size: int, published: str | None = None
) -> Iterator[pa.Table]:
    """Output rows in input order, a table of `batch_size` articles at a time (one
    `nlp.pipe` batch per task: small enough that workers finish together)."""
    items = read_items(files, fmt, published)
    chunks = iter(lambda: list(islice(items, batch_size)), [])
    if processes <= 1:
        for chunk in chunks:
            yield code_chunk(chunk, batch_size)
        return
    from ..pipeline import in_workers

    yield from in_workers(_code_task, ((chunk, batch_size) for chunk in chunks), processes, warm_up)
