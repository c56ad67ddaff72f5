"""Bounds on the work one article may cost, so one hostile or odd input cannot hold a
worker: the longest sentence, the time the extractors may take, the events one sentence
may yield.

Real news has sentences of at most a hundred or so words; a "sentence" of thousands of
words is a table, a list or junk, and the event coder's pairing of actors within a
sentence grows faster than its length. Each bound turns such an article into a clear error
record (or, for events, trims the excess) instead of minutes of work.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from .errors import InputError
from .records import Event

#: Events kept per sentence (the most confident); real sentences give at most about 30.
MAX_EVENTS_PER_SENTENCE = 50

# Where a sentence surely ends: final punctuation before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n")
_WORD = re.compile(r"\S+")


class TimeBudgetError(InputError):
    """The extractors ran past the per-article time budget."""


def check_sentence_lengths(text: str, max_words: int) -> None:
    """InputError when a stretch of `text` between sentence ends has over `max_words`
    words. Linear in the text, and run before parsing, so the refusal is quick."""
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        if end - start > max_words:  # a word has at least one character: skip short stretches
            words = sum(1 for _ in _WORD.finditer(text, start, end))
            if words > max_words:
                raise InputError(
                    f"a sentence of {words:,} words (characters {start:,}-{end:,}) is over the limit "
                    f"of {max_words:,}; this is not prose eventwire can code (a table, a list, run-on "
                    "text): split it into sentences, or raise EVENTWIRE_MAX_SENTENCE_WORDS."
                )
        start = match.end() if match else end


def _expired(seconds: float) -> TimeBudgetError:
    return TimeBudgetError(
        f"coding this article took over {seconds:g} s, the per-article limit; it is probably not "
        "news prose (very long, or thousands of names in a row): split it, or raise "
        "EVENTWIRE_MAX_SECONDS_PER_ARTICLE."
    )


class Deadline:
    """A per-article time budget. In the main thread an interval timer interrupts the
    extractors when it runs out; elsewhere (the web server's worker threads, where signals
    cannot be used) `check` between the extractors enforces it."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds if seconds > 0 else None

    def check(self) -> None:
        if self.ends is not None and time.monotonic() > self.ends:
            raise _expired(self.seconds)


@contextmanager
def time_budget(seconds: float) -> Iterator[Deadline]:
    """A Deadline of `seconds` (0: none), enforced by SIGALRM where this thread can."""
    deadline = Deadline(seconds)
    usable = (
        seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield deadline
        return

    def expire(signum, frame):
        raise _expired(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cap_events(events: Sequence[Event], per_sentence: int = MAX_EVENTS_PER_SENTENCE) -> list[Event]:
    """The events, keeping at most `per_sentence` per sentence (the most confident; ties
    by order), in their original order."""
    counts = Counter((e.sentence.start, e.sentence.end) for e in events)
    if not counts or max(counts.values()) <= per_sentence:
        return list(events)
    dropped: set[int] = set()
    for sentence, count in counts.items():
        if count <= per_sentence:
            continue
        members = [i for i, e in enumerate(events) if (e.sentence.start, e.sentence.end) == sentence]
        ranked = sorted(members, key=lambda i: (-events[i].confidence, i))
        dropped.update(ranked[per_sentence:])
    return [e for i, e in enumerate(events) if i not in dropped]
