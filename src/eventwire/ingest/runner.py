"""Ingest: sources (files, folders, URLs, feeds) -> coded articles in the store, once each.

The same article ingested twice is stored once: it is known by its canonical URL (web
articles, files that declare one) or else by the hash of its cleaned text, and known articles are skipped before
they are fetched (feed entries) or coded (everything else). A source that cannot be read
is recorded in `ingest_failures` with its reason, an article that cannot be coded is
stored as an error record, and in both cases the rest goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from ..clean import clean_article
from ..errors import EventwireError
from ..pipeline import code_many
from ..records import Article, CodedArticle, ErrorRecord
from ..store import dedup
from ..store.database import write_records
from ..store.provenance import clear_failure, hash_stored, record_failure, stored_error, url_stored
from .files import _expand, read_path
from .web import (
    Fetcher,
    FetchError,
    Page,
    article_id_for,
    canonical_url,
    declared_canonical,
    feed_entries,
    is_url,
    normalize_url,
    page_date,
    shown_url,
)

log = logging.getLogger(__name__)
WRITE_BATCH = 100


@dataclass
class Candidate:
    """An article to store, with where it came from."""

    article: Article | ErrorRecord
    origin: str
    canonical_url: str | None = None


@dataclass
class Failure:
    """A source (URL, feed, file) that could not be read at all."""

    origin: str
    kind: str  # url, feed, entry, file
    error: EventwireError


@dataclass
class IngestReport:
    stored: int = 0  # coded articles written
    errors: int = 0  # error records written (articles that could not be coded)
    skipped: int = 0  # already in the store (or twice in this run)
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.stored} stored, {self.errors} error records, {self.skipped} already stored, "
            f"{len(self.failures)} sources unreachable"
        )


class Known:
    """What the store (and this run) already holds: canonical URLs, origins, text hashes."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.urls: set[str] = set()
        self.hashes: set[str] = set()
        self.skipped = 0  # feed entries not fetched because they are stored

    def has_url(self, url: str) -> bool:
        return url in self.urls or url_stored(self.con, url)

    def has_hash(self, digest: str) -> bool:
        return digest in self.hashes or hash_stored(self.con, digest)

    def has_error(self, record: ErrorRecord) -> bool:
        """The same error already stored for the same id (so a rerun changes nothing)."""
        return stored_error(self.con, record.id) == (record.type, record.message)

    def add(self, url: str | None, digest: str | None) -> None:
        if url:
            self.urls.add(url)
        if digest:
            self.hashes.add(digest)


def sources_of(names: Iterable[str], notes: list[str] | None = None) -> list[str | Path]:
    """URLs as given, paths expanded to files, in order; UsageError for a missing path,
    raised before anything is read or fetched."""
    out: list[str | Path] = []
    for name in names:
        out.extend([name] if is_url(name) else _expand([name], notes))
    return out


def read_file_candidates(path: str | Path, published: str | None) -> Iterator[Candidate]:
    """Articles of one file; an HTML file without a date gets the date its markup declares
    (`files.dated`), else `published`."""
    stdin = path == "-"
    origin = "<stdin>" if stdin else str(path)
    for item in _stdin(published) if stdin else read_path(Path(path), published=published):
        if isinstance(item, Article):
            url = declared_canonical(item.html, item.url) or _normalized(item.url)
            yield Candidate(item, f"{origin}#{item.id}" if stdin or _many(path) else origin, url)
        else:
            yield Candidate(item, origin)


def _normalized(url) -> str | None:
    """A file article's URL as its identity; None when it has none or it is malformed (the
    article is then known by its text)."""
    if not isinstance(url, str) or not is_url(url):
        return None
    try:
        return normalize_url(url)
    except FetchError:
        return None


def _many(path: str | Path) -> bool:
    return str(path).lower().endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json", ".csv", ".tsv", ".parquet"))


def _stdin(published: str | None):
    from .files import read_inputs

    return read_inputs(["-"], published=published)


def page_candidate(
    page: Page, origin: str, feed_date: str | None = None, fallback: str | None = None
) -> Candidate:
    """An article from a fetched page (HTML or plain text). Its date: the feed's, else the
    one the page declares, else the fallback (--published)."""
    text = page.text
    html = page.content_type != "text/plain"
    url = canonical_url(page.url, text if html else None)
    declared = page_date(text, page.url) if html and not feed_date else None
    date, source = next(
        ((d, s) for d, s in ((feed_date, "feed"), (declared, "page"), (fallback, "given")) if d), (None, None)
    )
    article = Article(
        id=article_id_for(url),
        url=url,
        published=date,
        published_from=source,
        **({"html": text} if html else {"text": text}),
    )
    return Candidate(article, origin, url)


def url_candidates(
    url: str, fetcher: Fetcher, known: Known, published: str | None, failures: list[Failure]
) -> Iterator[Candidate]:
    """The article at a URL, or every new entry of the feed at it. A malformed URL (given, or
    an entry's link) is a failure of its own, like an unreachable one."""
    try:
        if known.has_url(normalize_url(url)):  # a stored article (feeds are never stored): no fetch
            known.skipped += 1
            return
        page = fetcher.fetch(url)
    except FetchError as exc:
        failures.append(Failure(url, "url", exc))
        return
    if not page.is_feed:
        yield page_candidate(page, normalize_url(url), fallback=published)
        return
    try:
        entries = feed_entries(page)
    except FetchError as exc:
        failures.append(Failure(url, "feed", exc))
        return
    for entry in entries:
        try:
            link = normalize_url(entry.link)
            if known.has_url(link):  # known entries are not fetched again
                known.skipped += 1
                continue
            entry_page = fetcher.fetch(entry.link)
        except FetchError as exc:
            failures.append(Failure(entry.link, "entry", exc))
            continue
        candidate = page_candidate(entry_page, link, entry.published, published)
        if entry.title and isinstance(candidate.article, Article):
            candidate.article = replace(candidate.article, title=entry.title)
        yield candidate


def _prepared(
    candidates: Iterable[Candidate], known: Known, report: IngestReport, provenance: dict
) -> Iterator[Article | ErrorRecord]:
    """New articles only, with their text cleaned once (and hashed) before coding."""
    for cand in candidates:
        item = cand.article
        if isinstance(item, ErrorRecord):
            if known.has_error(item):
                report.skipped += 1
                continue
            provenance[item.id] = {"origin": cand.origin}
            yield item
            continue
        if cand.canonical_url and known.has_url(cand.canonical_url):
            report.skipped += 1
            continue
        try:
            text = clean_article(item)
        except EventwireError as exc:
            record = ErrorRecord(item.id, type(exc).__name__, str(exc))
            if known.has_error(record):
                report.skipped += 1
                continue
            provenance[item.id] = {"origin": cand.origin, "canonical_url": cand.canonical_url}
            yield record
            continue
        digest = dedup.content_hash(text)
        # Identity is the canonical URL when there is one (two outlets running the same wire
        # copy are two reports, grouped later as near-duplicates), else the text itself.
        if cand.canonical_url is None and known.has_hash(digest):
            report.skipped += 1
            continue
        known.add(cand.canonical_url, None if cand.canonical_url else digest)
        provenance[item.id] = {
            "origin": cand.origin,
            "canonical_url": cand.canonical_url,
            "content_hash": digest,
        }
        # The text is already clean: code it as text, so the page is not extracted twice.
        yield replace(item, text=text, html=None)


def ingest(
    sources: Iterable[str | Path],
    con: duckdb.DuckDBPyConnection,
    *,
    fetcher: Fetcher | None = None,
    published: str | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
    batch_size: int | None = None,
) -> IngestReport:
    """Ingest files, folders, URLs and feeds into the store open (for writing) on `con`."""
    report = IngestReport()
    known = Known(con)
    provenance: dict[str, dict] = {}
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        candidates = _candidates(sources, fetcher, known, published, report.failures)
        records: Iterable[CodedArticle | ErrorRecord] = code_many(
            _prepared(candidates, known, report, provenance), batch_size=batch_size
        )
        if progress is not None:
            records = progress(records)
        batch = []
        for record in records:
            batch.append(record)
            if len(batch) >= WRITE_BATCH:
                _flush(con, batch, provenance, report)
        _flush(con, batch, provenance, report)
    finally:
        if own_fetcher:
            fetcher.close()
    report.skipped += known.skipped
    _note_failures(con, sources, report)
    return report


def _candidates(sources, fetcher, known, published, failures) -> Iterator[Candidate]:
    for source in sources:
        if isinstance(source, str) and is_url(source):
            yield from url_candidates(source, fetcher, known, published, failures)
        else:
            yield from read_file_candidates(source, published)


def _flush(con, batch: list, provenance: dict, report: IngestReport) -> None:
    if not batch:
        return
    write_records(con, batch, provenance=provenance)
    for record in batch:
        if isinstance(record, ErrorRecord):
            report.errors += 1
        else:
            report.stored += 1
        provenance.pop(record.id, None)
    batch.clear()


def _note_failures(con, sources, report: IngestReport) -> None:
    """Record unreachable sources; forget earlier failures of sources read this time."""
    failed = {f.origin for f in report.failures}
    for failure in report.failures:
        record_failure(con, failure.origin, failure.kind, type(failure.error).__name__, str(failure.error))
        log.warning("could not read %s: %s", shown_url(failure.origin), failure.error)
    for source in sources:
        if isinstance(source, str) and is_url(source) and source not in failed:
            clear_failure(con, source)
