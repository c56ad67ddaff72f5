"""Watching feeds: poll a list of feeds every so often and ingest what is new.

Each cycle opens the store for one feed at a time (DuckDB has one writer, and readers
such as `eventwire serve`, or an article posted to the API, get their turn in between),
ingests every feed on its own so a feed that is down, a malformed entry link or any other
failure of one feed is logged and recorded and the others go on, and logs one line.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import EventwireError, InputError, UsageError
from ..store.database import writing
from .runner import Failure, IngestReport, ingest
from .web import Fetcher, is_url

log = logging.getLogger(__name__)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """Seconds in an interval such as `15m`, `90s`, `1h` or `30` (seconds)."""
    match = _DURATION.match(value or "")
    if not match or float(match[1]) <= 0:
        raise UsageError(f"--every {value!r} is not an interval; write e.g. 15m, 90s, 1h or 30 (seconds).")
    return float(match[1]) * _UNIT_SECONDS[(match[2] or "s").lower()]


def read_feeds_file(path: str | Path) -> list[str]:
    """Feed URLs, one a line; blank lines and # comments are ignored."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no feeds file at {str(path)!r}; write one feed URL per line.")
    feeds = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise UsageError(f"{path.name}:{number}: {line!r} is not an http(s) URL; one feed URL per line.")
        feeds.append(line)
    if not feeds:
        raise UsageError(f"{path.name} lists no feeds; write one feed URL per line.")
    return feeds


@dataclass
class CycleReport:
    cycle: int
    feeds: int
    report: IngestReport
    seconds: float

    def line(self) -> str:
        down = sorted({f.origin for f in self.report.failures if f.kind in ("url", "feed")})
        text = (
            f"cycle {self.cycle}: {self.feeds} feeds, {self.report.stored} new articles, "
            f"{self.report.errors} error records, {self.report.skipped} known, "
            f"{len(self.report.failures)} failures in {self.seconds:.1f} s"
        )
        return text + (f"; down: {', '.join(down)}" if down else "")


def run_cycle(
    number: int, feeds: list[str], store: str | Path, fetcher: Fetcher, published: str | None = None
) -> CycleReport:
    """One polling cycle over all feeds."""
    started = time.monotonic()
    total = IngestReport()
    for feed in feeds:
        # The store is held for one feed at a time, so a reader or an API post waiting for
        # the file gets its turn between feeds. Whatever goes wrong with one feed (the store
        # busy, a bug on a strange entry) is that feed's failure: the next feed is still read.
        try:
            with writing(store) as con:
                report = ingest([feed], con, fetcher=fetcher, published=published)
        except Exception as exc:  # noqa: BLE001 - one feed must not starve the others
            error = exc if isinstance(exc, EventwireError) else InputError(f"{type(exc).__name__}: {exc}")
            log.warning("feed %s failed this cycle: %s", feed, error)
            total.failures.append(Failure(feed, "feed", error))
            continue
        total.stored += report.stored
        total.errors += report.errors
        total.skipped += report.skipped
        total.failures += report.failures
    return CycleReport(number, len(feeds), total, time.monotonic() - started)


def watch(
    feeds: list[str],
    store: str | Path,
    every: float,
    cycles: int | None = None,
    fetcher: Fetcher | None = None,
    sleep: Callable[[float], None] = time.sleep,
    emit: Callable[[str], None] = log.info,
) -> list[CycleReport]:
    """Poll `feeds` every `every` seconds (`cycles` times, or until interrupted)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(revalidate_feeds=True)
    reports: list[CycleReport] = []
    number = 0
    try:
        while cycles is None or number < cycles:
            number += 1
            started = time.monotonic()
            try:
                cycle = run_cycle(number, feeds, store, fetcher)
                reports.append(cycle)
                emit(cycle.line())
            except Exception as exc:  # noqa: BLE001 - a bad cycle (store busy...) must not end the watch
                emit(f"cycle {number}: failed ({type(exc).__name__}: {exc}); trying again next cycle")
            if cycles is not None and number >= cycles:
                break
            sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        if own:
            fetcher.close()
    return reports
