"""Articles from `.txt`, `.html`, `.jsonl` (also gzipped), `.csv` and `.parquet` files and
standard input (CONTRACT.md, Input). CSV and Parquet are read by DuckDB, columns named as
the contract's input fields.

Every unreadable piece becomes an ErrorRecord in its place, so a batch never loses input.
"""

from __future__ import annotations

import gzip
import itertools
import json
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from ..clean.fields import check_article, safe_id
from ..errors import InputError, UsageError
from ..records import Article, ErrorRecord
from ..settings import get_settings

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
TABLE_SUFFIXES = {".csv", ".tsv", ".parquet"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | TABLE_SUFFIXES
ARTICLE_FIELDS = ("id", "text", "html", "published", "title", "url", "source")

Item = Article | ErrorRecord


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM; with a few bad bytes, each replaced by U+FFFD), else the
    most likely encoding; InputError if none fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    from charset_normalizer import from_bytes  # a dependency of trafilatura

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(
            "the file is not UTF-8 and its encoding could not be detected; "
            "convert it to UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8`)."
        )
    encoding = best.encoding
    # Detection cannot tell the single-byte Latin code pages apart on short texts; news in
    # English and Western European languages is overwhelmingly Windows-1252 (a superset of
    # Latin-1), so prefer it whenever it decodes the bytes.
    if encoding.startswith(("cp125", "iso8859", "latin", "mac_")):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode(encoding, errors="replace")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes (a cut or a corrupted character), not another encoding:
    more well-formed multi-byte characters than bad bytes. Text in a single-byte code page
    almost never forms a multi-byte UTF-8 character by chance, so one bad byte in a UTF-8
    file costs one character, not the whole file decoded as Windows-1252."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ch > "\x7f") - bad
    return multibyte > bad


def _read_limited(stream: BinaryIO, name: str, head: bytes = b"") -> bytes:
    """Read at most the article size limit (plus one byte to notice overflow), after the
    `head` already read from the stream."""
    limit = get_settings().max_article_bytes
    data = head + stream.read(max(0, limit + 1 - len(head)))
    if len(data) > limit:
        raise InputError(
            f"{name} is over the limit of {limit / 1e6:.1f} MB for one article; split it, "
            "or raise EVENTWIRE_MAX_ARTICLE_BYTES."
        )
    return data


def article_from_json(obj: object, published: str | None, where: str) -> Article:
    """An Article from one JSON object of the contract's input shape."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}.")
    if obj.get("id") in (None, ""):
        raise InputError(f"{where}: the article has no 'id'; every article needs one.")
    if obj.get("text") is None and obj.get("html") is None:
        raise InputError(f"{where}: the article has neither 'text' nor 'html'; give one of them.")
    fields: dict[str, Any] = {key: obj.get(key) for key in ARTICLE_FIELDS}
    fields["id"] = safe_id(fields["id"])
    try:
        return dated(check_article(Article(**fields)), published)
    except InputError as exc:
        raise InputError(f"{where}: {str(exc).split('] ', 1)[-1]}") from None


def dated(article: Article, fallback: str | None) -> Article:
    """The article with its publication date and where that came from: its own ("given"),
    else the date its HTML declares ("page", by htmldate), else `fallback` ("given": the
    caller's --published), else none."""
    if article.published:
        return article  # published_from None: given
    if article.html is not None:
        from .web import page_date  # here: web imports this module

        date = page_date(article.html, article.url)
        if date:
            return replace(article, published=date, published_from="page")
    if fallback:
        return replace(article, published=fallback)
    return article


def _suffix(path: Path) -> str:
    """The format suffix, looking through a final .gz (only JSON Lines may be gzipped)."""
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz" and suffixes[-2] in JSONL_SUFFIXES:
        return suffixes[-2]
    return path.suffix.lower()


#: What reading a damaged file raises: a corrupt or truncated gzip stream (BadGzipFile is
#: an OSError, a cut stream an EOFError, a bad block a zlib.error), a disk error.
READ_ERRORS = (OSError, EOFError, zlib.error)


def _read_jsonl(path: Path, published: str | None) -> Iterator[Item]:
    opener = gzip.open if path.suffix.lower() == ".gz" else Path.open
    count = 0
    try:
        with opener(path, "rb") as stream:
            for item in _jsonl_lines(stream, path.name, published):
                count += 1
                yield item
    except READ_ERRORS as exc:
        # The lines read so far keep their records; the rest of the file is one error record.
        yield ErrorRecord(
            f"{path.name}:damaged",
            "InputError",
            str(
                InputError(
                    f"{path.name} is damaged after {count} records ({type(exc).__name__}: {exc}); "
                    "the records before that were read. Check or re-create the file."
                )
            ),
        )
        return
    if count == 0:
        yield _empty_file(path.name)


def _empty_file(name: str) -> ErrorRecord:
    return ErrorRecord(
        name, "InputError", str(InputError(f"{name} holds no articles (it is empty or only blank lines)."))
    )


def _jsonl_lines(lines: Iterable[bytes], name: str, published: str | None) -> Iterator[Item]:
    """One record per line that is not blank. Blank and whitespace-only lines are skipped
    (JSON Lines allows them); a file with nothing else gets one record that says so."""
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if not raw.strip():
            continue
        try:
            obj = json.loads(decode_bytes(raw))
            yield article_from_json(obj, published, where)
        except (InputError, ValueError, RecursionError) as exc:
            yield ErrorRecord(_guess_id(raw) or where, "InputError", _message(exc, where))


def _is_article_json(line: bytes) -> bool:
    """The line is one JSON object with a text or html field: standard input is JSON Lines."""
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    except RecursionError:
        # Deeply nested JSON is JSON all the same: read as JSON Lines, it becomes an error
        # record in its place rather than an article made of brackets.
        return True
    return isinstance(obj, dict) and ("text" in obj or "html" in obj)


def _read_stdin(published: str | None) -> Iterator[Item]:
    """Standard input: JSON Lines of articles when its first line is one, else one text
    article (id "stdin")."""
    stream = sys.stdin.buffer
    first = stream.readline(get_settings().max_article_bytes + 1)
    if _is_article_json(first):
        yield from _jsonl_lines(itertools.chain([first], stream), "stdin", published)
        return
    try:
        text = decode_bytes(_read_limited(stream, "standard input", first))
        yield Article(id="stdin", text=text, published=published)
    except InputError as exc:
        yield ErrorRecord("stdin", "InputError", str(exc))


def _guess_id(raw: bytes) -> str | None:
    """The id of a broken JSON line, if it can still be read, so the error sits in its place."""
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return safe_id(obj["id"]) if isinstance(obj, dict) and obj.get("id") is not None else None


def _message(exc: Exception, where: str) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return str(
            InputError(f"{where}: the JSON is nested too deeply to read; each line must be one article.")
        )
    return str(InputError(f"{where}: not valid JSON ({exc}); each line must be one JSON object."))


def _read_table(path: Path, published: str | None) -> Iterator[Item]:
    """Rows of a CSV or Parquet file as articles, read by DuckDB in chunks."""
    import duckdb

    reader = (
        "read_parquet(?)"
        if path.suffix.lower() == ".parquet"
        else "read_csv(?, all_varchar = true, header = true)"
    )
    try:
        con = duckdb.connect()
        cursor = con.execute(f"SELECT * FROM {reader}", [str(path)])
        names = [d[0].lower() for d in cursor.description]
    except duckdb.Error as exc:
        yield ErrorRecord(
            path.name,
            "InputError",
            str(
                InputError(
                    f"{path.name} cannot be read as {path.suffix.lower()[1:]} ({exc}); check the file."
                )
            ),
        )
        return
    number = 0
    while rows := cursor.fetchmany(1000):
        for row in rows:
            number += 1
            obj = {k: _cell(v) for k, v in zip(names, row) if k in ARTICLE_FIELDS}
            try:
                yield article_from_json(obj, published, f"{path.name}:{number}")
            except InputError as exc:
                yield ErrorRecord(obj.get("id") or f"{path.name}:{number}", "InputError", str(exc))
    con.close()
    if number == 0:
        yield _empty_file(path.name)


def _cell(value):
    """Table cells as the strings the contract expects (dates in ISO 8601)."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def read_path(path: Path, published: str | None = None) -> Iterator[Item]:
    """Articles from one file: a .jsonl, .csv or .parquet gives many, a .txt or .html gives
    one (id = file name)."""
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, published)
        return
    if suffix in TABLE_SUFFIXES:
        yield from _read_table(path, published)
        return
    try:
        with path.open("rb") as stream:
            text = decode_bytes(_read_limited(stream, path.name))
    except (InputError, OSError, ValueError) as exc:
        yield ErrorRecord(path.name, type(exc).__name__, str(exc))
        return
    key = "html" if suffix in HTML_SUFFIXES else "text"
    yield dated(Article(id=path.name, **{key: text}), published)


def _expand(paths: list[str], notes: list[str] | None = None) -> list[str | Path]:
    """Files to read, in order; UsageError (before anything is read) for a missing path.
    What each folder gave, by kind, goes to `notes`."""
    found: list[str | Path] = []
    for name in paths:
        path = Path(name)
        if name == "-":
            found.append("-")
        elif path.is_dir():
            found += _folder(path, notes if notes is not None else [])
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(
                f"no such file or folder: {name!r}; give .txt, .html, .jsonl, .csv or .parquet files, "
                "a folder of them, or - for standard input."
            )
    return found


def _folder(path: Path, notes: list[str]) -> list[Path]:
    """The article files of a folder, sorted. Beside pages (.html, .txt), a JSON Lines file
    whose first line is no article (no "text" or "html": a crawler's index of the pages, with
    their URLs and titles) is skipped, since coding it would turn each index line into an
    error record; it is named in a note (give it by name to code it anyway)."""
    files = sorted(p for p in path.rglob("*") if p.is_file())
    candidates = [p for p in files if _suffix(p) in SUFFIXES]
    pages = any(_suffix(p) in TEXT_SUFFIXES | HTML_SUFFIXES for p in candidates)
    index = [p for p in candidates if pages and _suffix(p) in JSONL_SUFFIXES and not _holds_articles(p)]
    keep = [p for p in candidates if p not in index]
    kinds = Counter(_suffix(p) for p in keep)
    read = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    note = f"{path}/: read {read or 'no article files'}"
    if index:
        names = ", ".join(p.name for p in index[:5]) + (" ..." if len(index) > 5 else "")
        note += f"; skipped {names}: an index beside the pages, no articles (give it by name to code it)"
    if len(files) > len(candidates):
        note += f"; ignored {len(files) - len(candidates)} files of other kinds"
    notes.append(note)
    return keep


def _holds_articles(path: Path) -> bool:
    """False when the first non-blank line of a JSON Lines file is a JSON object without
    text or html (an index line); a broken file is read, so each line gets its record."""
    try:
        opener = gzip.open if path.suffix.lower() == ".gz" else Path.open
        with opener(path, "rb") as stream:
            for line in itertools.islice(stream, 100):
                if line.strip():
                    try:
                        obj = json.loads(line)
                    except (ValueError, RecursionError):
                        return True
                    return not isinstance(obj, dict) or "text" in obj or "html" in obj
    except READ_ERRORS:
        return True  # damaged: read it, so the damage gets its error record
    return True  # empty: read it, so it gets its "no articles" record


def read_inputs(
    paths: Iterable[str], published: str | None = None, notes: list[str] | None = None
) -> Iterator[Item]:
    """Articles from files, folders and `-` (standard input: JSON Lines, or one text article).

    Paths are checked before anything is read, so a typo fails fast as a usage error; what
    each folder gave goes to `notes`."""
    return _read_all(_expand(list(paths), notes), published)


def _read_all(paths: list[str | Path], published: str | None) -> Iterator[Item]:
    for path in paths:
        if path == "-":
            yield from _read_stdin(published)
        else:
            yield from read_path(Path(path), published)
