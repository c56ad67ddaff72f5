"""Where and when an event happened, and in which quote: the time expression governing
its clause, the place nearest its trigger, the quote whose content holds it.

Built once per document from the other extractors' records (sorted by offset).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Actor, Place, Quote, Time

DATE_TYPES = frozenset({"DATE", "TIME"})


class EventContext:
    """Date, place and quote lookups for one document (sorted by offset, bisected)."""

    def __init__(self, doc: Doc, times: Sequence[Time], places: Sequence[Place],
                 quotes: Sequence[Quote], published: dt.date | None, actors: Sequence[Actor] = ()):
        self.doc = doc
        # a place word inside an actor mention ("the Indian Army", "Pakistani drones")
        # describes the actor, not where the event happened
        spans = sorted((a.start, a.end) for a in actors)
        starts = [s for s, _ in spans]
        def in_actor(p: Place) -> bool:
            i = bisect_right(starts, p.start)
            return any(s <= p.start and p.end <= e and e - s > p.end - p.start
                       for s, e in spans[max(0, i - 3):i])
        places = [p for p in places if not in_actor(p)]
        self.times = sorted((t for t in times if t.type in DATE_TYPES), key=lambda t: t.start)
        self.places = sorted(places, key=lambda p: p.start)
        self.quotes = sorted(quotes, key=lambda q: q.content.start)
        self.published = published.isoformat() if published else None

    def _in(self, items, key, sent: SpacySpan):
        return [x for x in items if sent.start_char <= key(x) < sent.end_char]

    def date(self, trig: Token, sent: SpacySpan) -> tuple[str | None, str | None]:
        best, best_score = None, None
        for t in self._in(self.times, lambda t: t.start, sent):
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            attached = False
            if span is not None:
                cur = span.root
                for _ in range(5):
                    cur = cur.head
                    if cur.pos_ in ("VERB", "AUX"):
                        attached = cur is trig or cur is trig.head
                        break
            score = (0 if attached else 1, abs(t.start - trig.idx))
            if best_score is None or score < best_score:
                best, best_score = t, score
        if best is not None:
            return best.value, best.text
        return self.published, None

    def place(self, trig: Token, sent: SpacySpan, source: Actor | None = None) -> Place | None:
        found = self._in(self.places, lambda p: p.start, sent)
        if source is not None:  # "India repelled ...": the actor's own name is not the place
            found = [p for p in found if not (source.start <= p.start < source.end)]
        if found:
            return min(found, key=lambda p: abs(p.start - trig.idx))
        # a sentence that only continues the story of the one before it in the same
        # paragraph ("... drones were spotted over Khasa Cantt, Amritsar. The drones were
        # destroyed ...") happens where that one does: its last place
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        gap = self.doc[prev.end - 1:sent.start + 1].text  # (not doc.text: it is rebuilt per call)
        if "\n" in gap or "\n" in prev.text:
            return None
        found = self._in(self.places, lambda p: p.start, prev)
        return found[-1] if found else None

    def quote(self, trig: Token) -> Quote | None:
        for q in self.quotes:
            if q.content.start <= trig.idx < q.content.end:
                return q
            if q.content.start > trig.idx:
                break
        return None
