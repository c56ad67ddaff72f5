"""Batch input: JSON Lines (.jsonl, .jsonl.gz) or Parquet, as a file, a folder or a glob.

Both engines turn a raw line or row into an Article (or an ErrorRecord in its place) with
the same two functions, so their output is identical. A malformed line whose id cannot be
read gets an id made of its file name and a hash of the line: the Ray engine reads lines
in parallel and cannot know line numbers, and a hash is stable across engines and reruns.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb

from ..clean.fields import safe_id
from ..errors import InputError, UsageError
from ..ingest.files import READ_ERRORS, article_from_json, decode_bytes
from ..records import Article, ErrorRecord

Item = Article | ErrorRecord
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)


def input_format(path: str) -> str:
    """'jsonl' or 'parquet' from the file name; UsageError otherwise."""
    name = path.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    raise UsageError(
        f"{path}: batch reads .jsonl, .jsonl.gz or .parquet files; convert it or "
        "use `eventwire code` for .txt and .html."
    )


def expand_input(spec: str) -> tuple[str, list[str]]:
    """The format and the sorted files of a file, folder or glob (one format per run)."""
    path = Path(spec)
    if path.is_dir():
        files = sorted(
            str(p)
            for p in path.rglob("*")
            if p.is_file() and p.name.lower().endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES)
        )
    elif any(ch in spec for ch in "*?["):
        files = sorted(glob.glob(spec, recursive=True))
    elif path.is_file():
        files = [str(path)]
    else:
        raise UsageError(f"{spec}: no such file, folder or glob; check the path.")
    if not files:
        raise UsageError(f"{spec}: no .jsonl, .jsonl.gz or .parquet files there.")
    formats = {input_format(f) for f in files}
    if len(formats) > 1:
        raise UsageError(f"{spec}: mixes JSON Lines and Parquet; run batch once per format.")
    return formats.pop(), files


def _bad_line_id(name: str, raw: str) -> str:
    digest = hashlib.sha1(raw.encode("utf-8", "replace")).hexdigest()[:10]
    return f"{name}#{digest}"


def item_from_line(raw: str, name: str, published: str | None = None) -> Item:
    """An Article from one JSON line, else an ErrorRecord that keeps its place."""
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply to read" if isinstance(exc, RecursionError) else f"not valid JSON ({exc})"
        return ErrorRecord(
            _bad_line_id(name, raw),
            "InputError",
            str(InputError(f"{name}: {reason}; each line must be one JSON object.")),
        )
    try:
        return article_from_json(obj, published, name)
    except InputError as exc:
        ident = safe_id(obj.get("id")) if isinstance(obj, dict) else None
        return ErrorRecord(
            ident if ident not in (None, "") else _bad_line_id(name, raw), "InputError", str(exc)
        )


def item_from_row(row: dict, name: str, published: str | None = None) -> Item:
    """An Article from one Parquet row (columns named as the contract's input fields)."""
    clean = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
    try:
        return article_from_json(clean, published, name)
    except InputError as exc:
        ident = clean.get("id")
        return ErrorRecord(str(ident) if ident not in (None, "") else f"{name}#row", "InputError", str(exc))


def _lines(path: str) -> Iterator[str | ErrorRecord]:
    """The non-blank lines of a JSON Lines file, decoded; a damaged (gzip) file ends with an
    error record that names the damage (the lines before it keep their records)."""
    opener = gzip.open if path.lower().endswith(".gz") else open
    name, count = Path(path).name, 0
    try:
        with opener(path, "rb") as stream:
            for raw in stream:
                try:
                    text = decode_bytes(raw).strip()
                except InputError:
                    text = raw.decode("utf-8", "replace").strip()
                if text:
                    count += 1
                    yield text
    except READ_ERRORS as exc:
        message = (
            f"{name} is damaged after {count} lines ({type(exc).__name__}: {exc}); the lines "
            "before that were read. Check or re-create the file."
        )
        yield ErrorRecord(f"{name}:damaged", "InputError", str(InputError(message)))


def read_items(files: list[str], fmt: str, published: str | None = None) -> Iterator[Item]:
    """Every article of the files in order (the local engine's reader)."""
    for path in files:
        name = Path(path).name
        if fmt == "jsonl":
            for raw in _lines(path):
                yield raw if isinstance(raw, ErrorRecord) else item_from_line(raw, name, published)
            continue
        con = duckdb.connect()
        cursor = con.execute("SELECT * FROM read_parquet(?)", [path])
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(1000):
            for row in rows:
                yield item_from_row(dict(zip(names, row)), name, published)
        con.close()
