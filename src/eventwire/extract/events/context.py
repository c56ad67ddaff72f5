"""Where and when an event happened, and in which quote: the time expression governing
its clause, the place nearest its trigger, the quote whose content holds it.

Built once per document from the other extractors' records (sorted by offset).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...records import Actor, Place, Quote, Time

DATE_TYPES = frozenset({"DATE", "TIME"})
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "over",
        "across",
        "along",
        "inside",
        "outside",
        "into",
        "within",
        "around",
        "throughout",
        "on",
        "off",
        "from",
    }
)


class EventContext:
    """Date, place and quote lookups for one document (sorted by offset, bisected)."""

    def __init__(
        self,
        doc: Doc,
        times: Sequence[Time],
        places: Sequence[Place],
        quotes: Sequence[Quote],
        published: dt.date | None,
        actors: Sequence[Actor] = (),
    ):
        self.doc = doc
        # A place word inside an actor mention ("the Indian Army", "Pakistani drones")
        # describes the actor, and a country acting ("urged de-escalation with India") is a
        # participant: neither is where the event happened, unless a locative preposition
        # says so ("a strike in Pakistan").
        spans = sorted((a.start, a.end) for a in actors)
        starts = [s for s, _ in spans]

        def in_actor(p: Place) -> bool:
            i = bisect_right(starts, p.start)
            return any(s <= p.start and p.end <= e for s, e in spans[max(0, i - 3) : i])

        places = [p for p in places if not in_actor(p) or self._locative(p)]
        self.times = sorted((t for t in times if t.type in DATE_TYPES), key=lambda t: t.start)
        self.places = sorted(places, key=lambda p: p.start)
        self.quotes = sorted(quotes, key=lambda q: q.content.start)
        # sorted starts (and the running end of the quotes), so lookups per event are
        # bisections, not scans: a long article has thousands of events
        self._time_starts = [t.start for t in self.times]
        self._place_starts = [p.start for p in self.places]
        self._quote_starts = [q.content.start for q in self.quotes]
        self._quote_reach = list(accumulate((q.content.end for q in self.quotes), max))
        self.published = published.isoformat() if published else None

    def _locative(self, place: Place) -> bool:
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        return span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE

    @staticmethod
    def _in(items: list, starts: list[int], sent: SpacySpan) -> list:
        """The items (sorted by start) that start inside the sentence."""
        return items[bisect_left(starts, sent.start_char) : bisect_left(starts, sent.end_char)]

    def date(self, trig: Token, sent: SpacySpan) -> tuple[str | None, str | None]:
        """The time expression attached to the trigger's clause, else the nearest one in the
        sentence that is not inside another noun phrase ("suspended the 1960 treaty" is not
        an event of 1960; "the April 22 attack" is), else the publication date."""
        best, best_score = None, None
        for t in self._in(self.times, self._time_starts, sent):
            head = self._governor(t)
            if head is not None and head.pos_ in ("NOUN", "PROPN") and not _within_noun(head, trig):
                continue
            attached = head is not None and (head == trig or head == trig.head)
            score = (0 if attached else 1, abs(t.start - trig.idx))
            if best_score is None or score < best_score:
                best, best_score = t, score
        if best is not None:
            return best.value, best.text
        return self.published, None

    def _governor(self, time: Time) -> Token | None:
        """The first verb or noun above a time expression in the parse, skipping
        prepositions and the like ("on Friday" -> the verb; "the 1960 treaty" -> "treaty")."""
        span = self.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            return None
        cur = span.root
        for _ in range(5):
            if cur.head == cur:
                return None
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
                return cur
        return None

    def place(self, trig: Token, sent: SpacySpan, source: Actor | None = None) -> Place | None:
        found = self._in(self.places, self._place_starts, sent)
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
        gap = self.doc[prev.end - 1 : sent.start + 1].text  # (not doc.text: it is rebuilt per call)
        if "\n" in gap or "\n" in prev.text:
            return None
        found = self._in(self.places, self._place_starts, prev)
        return found[-1] if found else None

    def quote(self, trig: Token) -> Quote | None:
        """The first quote (by start) whose content holds the trigger."""
        # the first quote that reaches past the trigger, if it starts at or before it
        first = bisect_right(self._quote_reach, trig.idx)
        if first < bisect_right(self._quote_starts, trig.idx):
            return self.quotes[first]
        return None


def _within_noun(token: Token, noun: Token) -> bool:
    """Whether `token` is `noun` or one of its pre-modifiers ("the April 22 Pahalgam attack")."""
    for _ in range(4):
        if token == noun:
            return True
        if token.dep_ not in ("compound", "nmod", "amod", "npadvmod", "poss", "nummod"):
            return False
        token = token.head
    return False
