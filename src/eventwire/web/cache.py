"""Answers computed on one snapshot of the store, kept until the snapshot changes.

Why: the API reads an in-memory snapshot that changes only when the store file does
(`app.StoreHandle`), so the same question asked twice on one snapshot has the same answer.
A dashboard asks the same questions over and over (every reload, every viewer of a dyad),
and a timeline is one series per dyad of which a date range is a slice. Keeping them makes
those requests cost a dictionary lookup instead of queries, Python scoring and JSON
encoding.

- `SnapshotCache`: a bounded LRU (entries and bytes) of answers keyed by the snapshot's
  generation; a new snapshot empties it.
- `DyadSeries`: a dyad's whole daily timeline with its rows encoded once; the timeline of
  any date range inside it is a slice, byte for byte what `dyad_timeline` would answer.
"""

from __future__ import annotations

import json
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

MAX_ENTRIES = 2048
MAX_BYTES = 64_000_000


def encode(data) -> bytes:
    """The API's JSON: compact, UTF-8, dates as ISO strings."""
    return json.dumps(
        data, ensure_ascii=False, allow_nan=False, default=_default, separators=(",", ":")
    ).encode()


def _default(value):
    isoformat = getattr(value, "isoformat", None)
    if isoformat is None:
        raise TypeError(f"cannot encode {type(value).__name__} as JSON")
    return isoformat()


class SnapshotCache:
    """Answers of one snapshot generation, least recently used dropped first."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.lock = threading.Lock()
        self.generation = None
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0

    def get(self, generation, key, compute: Callable[[], Any], size: Callable[[Any], int] = len):
        """The answer for `key` on snapshot `generation`, computed (outside the lock) when new."""
        with self.lock:
            if generation != self.generation:
                self.entries.clear()
                self.size, self.generation = 0, generation
            if key in self.entries:
                self.entries.move_to_end(key)
                self.hits += 1
                return self.entries[key][0]
            self.misses += 1
        value = compute()
        n = size(value)
        with self.lock:
            if generation == self.generation and n <= self.max_bytes // 8:
                if key not in self.entries:
                    self.size += n
                self.entries[key] = (value, n)
                while len(self.entries) > self.max_entries or self.size > self.max_bytes:
                    self.size -= self.entries.popitem(last=False)[1][1]
        return value


class DyadSeries:
    """The whole timeline of one dyad (or of all events) on one snapshot, for slicing.

    Only a daily series can be sliced (`daily`): a range of a longer one may be drawn in
    finer buckets, which `dyad_timeline` computes.
    """

    def __init__(self, timeline: dict):
        self.dyad = timeline["dyad"]
        days = timeline["days"]
        self.daily = timeline.get("bucket", "day") == "day"
        self.days = [d["day"] for d in days]
        self.active = [i for i, d in enumerate(days) if d["events"]]
        self.active_days = [self.days[i] for i in self.active]
        self.rows = [encode(d) for d in days]
        self.size = sum(len(r) for r in self.rows) + 100 * len(self.rows)
        self._head = encode({"dyad": self.dyad, "bucket": "day"})[:-1] + b',"days":['

    def answer(self, start: str | None, end: str | None) -> bytes:
        """The timeline from the first to the last day with events inside start..end."""
        lo = bisect_left(self.active_days, start) if start else 0
        hi = (bisect_right(self.active_days, end) if end else len(self.active_days)) - 1
        if lo > hi:
            return self._head + b"]}"
        return self._head + b",".join(self.rows[self.active[lo] : self.active[hi] + 1]) + b"]}"
