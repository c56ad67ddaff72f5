"""Quoted passages found from quotation marks alone, on the raw text (no parse needed).

Marks are paired per paragraph (a non-empty line). Curly and guillemet marks say which way
they face; a straight `"` (or a doubled apostrophe `''`, as some newspapers print quotes)
faces by its neighbours, and when that is unclear it toggles. Single quotes count only at
word boundaries, so apostrophes ("don't", "Sanders' campaign" with no opening mark) never
start or end a quote. An opening mark left unclosed at the end of a paragraph continues into
the next paragraph when that paragraph opens with a mark (the newspaper convention for a
quote running over paragraphs); otherwise the quote ends with its paragraph. Odd numbers of
marks never raise: a stray closing mark is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_OPENERS = {"“", "„", "«", "``"}
_CLOSERS = {"”", "»"}
_AMBIGUOUS = {'"', "''"}
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
# Characters after which a straight mark opens a quote.
_OPEN_BEFORE = set(" \t([{—–-/:;,")
# The longest single-quoted passage we accept: real ones are short (titles, nested words);
# longer runs are usually an apostrophe paired with a possessive by accident.
_MAX_SINGLE_CHARS = 200


@dataclass(frozen=True, slots=True)
class Quoted:
    """A passage inside quotation marks: `pieces` are (start, end) content offsets without
    the marks, one per paragraph; `open_at` / `close_at` the offsets of the outer marks
    (`close_at` is None when the passage ends unclosed at a paragraph end)."""

    pieces: tuple[tuple[int, int], ...]
    open_at: int
    close_at: int | None

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@cache
def _mark_re() -> re.Pattern[str]:
    return re.compile(r"''|``|[\"“”„«»]")


@cache
def _single_re() -> re.Pattern[str]:
    return re.compile(r"[‘’']")


def _facing(text: str, pos: int, size: int) -> str:
    """'open', 'close' or '?' for a straight mark at `pos` from its neighbours."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + size] if pos + size < len(text) else " "
    if before in _OPEN_BEFORE or before == "\n":
        return "open" if not after.isspace() else "?"
    if after.isspace() or after in ".,;:!?)]}—–-" or after == "\n":
        return "close"
    return "?"


def _double_pieces(
    text: str, start: int, end: int
) -> tuple[list[tuple[int, int, int, int]], tuple[int, int] | None]:
    """Paired double marks in one paragraph: (content start, content end, open mark, close
    mark) tuples, and (mark offset, mark size) of a quote left open at the paragraph end."""
    pairs: list[tuple[int, int, int, int]] = []
    open_mark: int | None = None
    open_size = 0
    for match in _mark_re().finditer(text, start, end):
        mark, pos = match.group(), match.start()
        size = len(mark)
        facing = "open" if mark in _OPENERS else "close" if mark in _CLOSERS else _facing(text, pos, size)
        if open_mark is None:
            if facing != "close":
                open_mark, open_size = pos, size
            continue
        if facing == "open" and mark in _OPENERS:
            # A second explicit opener: the first one was never closed; restart here.
            open_mark, open_size = pos, size
            continue
        pairs.append((open_mark + open_size, pos, open_mark, pos))
        open_mark = None
    return pairs, (None if open_mark is None else (open_mark, open_size))


def _single_pairs(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Single-quoted passages at word boundaries inside one paragraph."""
    pairs = []
    open_mark: int | None = None
    for match in _single_re().finditer(text, start, end):
        pos = match.start()
        before = text[pos - 1] if pos > start else " "
        after = text[pos + 1] if pos + 1 < end else " "
        opens = not before.isalnum() and after.isalpha()
        closes = not after.isalnum() and not before.isspace() and pos > start
        if match.group() == _SINGLE_OPEN:
            closes = False
        if match.group() == "'" and before in "sS" and after.isspace():
            closes = closes and open_mark is not None  # a plural possessive closes only a real quote
        if open_mark is not None and closes and pos - open_mark <= _MAX_SINGLE_CHARS:
            if pos > open_mark + 1:
                pairs.append((open_mark + 1, pos, open_mark, pos))
            open_mark = None
        elif opens:
            open_mark = pos
        elif open_mark is not None and pos - open_mark > _MAX_SINGLE_CHARS:
            open_mark = None
    return pairs


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside(pairs: list[tuple[int, int, int, int]], pos: int) -> bool:
    return any(open_at <= pos <= close_at for _, _, open_at, close_at in pairs)


def _clean(pieces: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    return tuple(p for p in pieces if p[0] < p[1])


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted passage in `text`, in text order; empty passages are skipped."""
    found: list[Quoted] = []
    running: list[tuple[int, int]] | None = None  # pieces of a quote still open
    running_open = 0
    for para_start, para_end in _paragraphs(text):
        pairs, left_open = _double_pieces(text, para_start, para_end)
        if running is not None:
            lead = para_start + len(text[para_start:para_end]) - len(text[para_start:para_end].lstrip())
            if pairs and pairs[0][2] == lead:
                # The paragraph opens with a mark: the running quote continues into it and
                # ends where that first pair closes.
                content_start, content_end, _, close_at = pairs.pop(0)
                running.append(_strip(text, content_start, content_end))
                found.append(Quoted(_clean(running), running_open, close_at))
                running = None
            elif not pairs and left_open is not None and left_open[0] == lead:
                # Opens with a mark and stays open: one more paragraph of the same quote.
                running.append(_strip(text, left_open[0] + left_open[1], para_end))
                continue
            else:
                found.append(Quoted(_clean(running), running_open, None))
                running = None
        for content_start, content_end, open_at, close_at in pairs:
            piece = _strip(text, content_start, content_end)
            if piece[0] < piece[1]:
                found.append(Quoted((piece,), open_at, close_at))
        for content_start, content_end, open_at, close_at in _single_pairs(text, para_start, para_end):
            if not _inside(pairs, open_at):
                piece = _strip(text, content_start, content_end)
                if piece[0] < piece[1]:
                    found.append(Quoted((piece,), open_at, close_at))
        if left_open is not None:
            running = [_strip(text, left_open[0] + left_open[1], para_end)]
            running_open = left_open[0]
    if running is not None:
        found.append(Quoted(_clean(running), running_open, None))
    found = [q for q in found if q.pieces]
    found.sort(key=lambda q: q.start)
    return found
