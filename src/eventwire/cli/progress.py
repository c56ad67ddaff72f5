"""Progress lines on standard error for long runs (standard output carries the records)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator

from ..records import ErrorRecord


class Progress:
    """Counts records as they pass and reports every few seconds, then a final line."""

    def __init__(self, label: str = "coded", every: float = 2.0, enabled: bool = True):
        self.label, self.every, self.enabled = label, every, enabled
        self.count = self.errors = 0
        self.started = time.perf_counter()
        self._last = self.started
        self._shown = False

    def __call__(self, records: Iterable, label: str | None = None) -> Iterator:
        if label:
            self.label = label
        for record in records:
            self.count += 1
            self.errors += isinstance(record, ErrorRecord)
            now = time.perf_counter()
            if self.enabled and now - self._last >= self.every:
                self._last = now
                self._show(end="\r" if sys.stderr.isatty() else "\n")
            yield record

    @property
    def rate(self) -> float:
        return self.count / max(time.perf_counter() - self.started, 1e-9)

    def _show(self, end: str) -> None:
        self._shown = True
        print(
            f"{self.label}: {self.count} articles, {self.errors} errors, {self.rate:.1f} articles/s",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    def finish(self) -> None:
        """The final line, shown if progress was shown or the run was long."""
        if self.enabled and (self._shown or time.perf_counter() - self.started > self.every):
            self._show(end="\n")
