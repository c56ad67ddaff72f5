"""Quotes: direct and indirect speech with cue and speaker.

Two sources meet here: passages in quotation marks (`marks`, no parse needed) and
attributions read off the dependency parse (`attributions`: cue word, subject, content). A
quoted passage takes the attribution whose content it is ("X said, '...'"), else a cue right
after it ("'...,' X said.") or right before it ("X said: '...'"); a passage with none
continues the quote before it ("'A,' X said. 'B.'" is one quote in two fragments, as is a
quote whose next paragraph has no attribution of its own). Attributions left over are
indirect speech, after a learned layer trained on PolNeAR's train split: `bounds`
moves the end of their content off trailing adjuncts, and `scorer` keeps those likely
to be attributions (both read small TSV weight files; `scripts/train_quote_model.py`).
Speakers are resolved to the overlapping actor mention.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ...nlp import doc_text
from ...records import Actor, FragmentedSpan, Quote, Span
from .attributions import Attribution, Piece, find_attributions, speaker_span
from .bounds import trimmed
from .marks import Quoted, find_quoted
from .scorer import features, probability, threshold

# How far after a closing mark (characters) a cue may stand: "...," said the senator's
# spokeswoman, Jane Doe.
_TAIL_CHARS = 60
# Before an opening mark, only this much text may separate it from the cue ("X said:", "X
# added, "); a longer gap means the cue belongs to something else.
_HEAD_GAP_CHARS = 3
# ... or a short phrase ending with a comma or colon ("X said in a statement, ").
_HEAD_PHRASE_CHARS = 60
# A passage this short with no attribution is a scare quote or a title, not a quote; a
# longer one is kept without a speaker (the attribution may sit outside its paragraph).
_MIN_UNATTRIBUTED_WORDS = 5
# Attributions whose content holds the content of others (nested beliefs are dropped).
_OUTER_ROLES = {"clause", "reversed", "according", "colon"}
# Attributions kept when no speaker is stated ("it is expected that ...", "X reportedly").
_SPEAKERLESS = {"noun", "clause", "xcomp", "object", "reversed", "whole"}
_QUOTE_CHARS = "\"“”„«»‘’'`"


@dataclass(slots=True)
class _Draft:
    kind: str
    pieces: list[Piece]
    cue: Piece | None
    speaker: Piece | None
    speaker_token: int | None
    close_para: int = -1  # paragraph index where the quote's last piece ends
    ends_para: bool = False  # the quote (with its attribution) ends its paragraph


def _paragraph_index(text: str) -> list[int]:
    """Start offsets of the non-empty lines (paragraphs), for bisect: blank lines between
    paragraphs do not count, so the paragraph after paragraph i is i + 1."""
    starts, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    return starts or [0]


def _covered(pieces: list[Piece], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in pieces)


def _size(pieces: list[Piece]) -> int:
    return sum(e - s for s, e in pieces)


def _sentence_break(gap: str) -> bool:
    """A full stop in `gap` that ends a sentence, not an abbreviation ("Mr.", "Sen.", "J.")."""
    return any(not match.group(1) for match in _ABBREV_RE().finditer(gap))


@cache
def _ABBREV_RE() -> re.Pattern[str]:  # noqa: N802 - a cached constant
    # Group 1 catches a short capitalised word or an initial before the stop.
    return re.compile(r"(\b[A-Z][a-z]{0,3}|\b[A-Z])?\.(?=\s|$)")


def _tail_cue(
    text: str, quoted: Quoted, spoken: list[Attribution], cue_starts: list[int]
) -> Attribution | None:
    """A cue with a speaker just after the closing mark, with no quote mark in between."""
    if quoted.close_at is None:
        return None
    start = quoted.close_at + 1
    i = bisect.bisect_left(cue_starts, start)
    if i < len(spoken):
        hit = spoken[i]
        gap = text[start : hit.cue[0]]
        if (
            hit.cue[0] - start <= _TAIL_CHARS
            and "\n" not in gap
            and not any(c in gap for c in '"“”!?')
            and not _sentence_break(gap)
            and not _new_sentence(text, quoted, gap)
        ):
            return hit
    return None


def _new_sentence(text: str, quoted: Quoted, gap: str) -> bool:
    """A quote that ends with a full stop, followed by more than a short subject before
    the cue ('"I'm with her." But now she wants ...'): the cue starts a new sentence."""
    if text[quoted.end - 1 : quoted.end] != ".":
        return False
    words = gap.split()
    return len(words) > 2 or (bool(words) and words[0].strip(",").lower() in _SENTENCE_OPENERS)


_SENTENCE_OPENERS = {
    "but",
    "and",
    "now",
    "so",
    "yet",
    "then",
    "still",
    "however",
    "meanwhile",
    "later",
    "instead",
    "also",
    "in",
    "on",
    "at",
    "after",
    "before",
    "when",
    "as",
}


def _head_cue(
    text: str, quoted: Quoted, spoken: list[Attribution], cue_ends: list[int]
) -> Attribution | None:
    """A cue ending just before the opening mark ("X said:", "he added,")."""
    i = bisect.bisect_right(cue_ends, quoted.open_at) - 1
    if i >= 0:
        hit = spoken[i]
        gap = text[hit.cue[1] : quoted.open_at]
        if len(gap.strip(" \t\n:,;—–-")) == 0 and len(gap) <= _HEAD_GAP_CHARS + 2:
            return hit
        # "X said in an op-ed last year, '...'", "telling the crowd, '...'": a short
        # phrase set off by a comma or colon, in the same sentence.
        if (
            len(gap) <= _HEAD_PHRASE_CHARS
            and gap.rstrip().endswith((",", ":"))
            and "\n" not in gap
            and not any(c in gap for c in '"“”‘’!?;')
            and not _sentence_break(gap)
        ):
            return hit
    return None


def _draft_direct(
    doc: Doc,
    text: str,
    quoted: Quoted,
    attrs: list[Attribution],
    used: set[int],
    by_start: tuple[list[Attribution], list[int]],
    by_end: tuple[list[Attribution], list[int]],
) -> _Draft | None:
    region = (quoted.open_at, (quoted.close_at + 1) if quoted.close_at is not None else quoted.end)
    pieces = list(quoted.pieces)
    for k, att in enumerate(attrs):
        if not att.content or k in used or region[0] <= att.cue[0] < region[1]:
            continue  # a cue inside the quote reports someone else's words
        inside = _covered(att.content, *region)
        if not inside:
            continue
        if inside * 10 >= _size(att.content) * 6:
            used.add(k)
            return _Draft("direct", pieces, att.cue, *_outside_speaker(doc, att, region))
        # The quoted words without their closing punctuation, which the content leaves out.
        size = len(text[quoted.start : quoted.end].rstrip(",.;:!? "))
        if _covered([(quoted.start, quoted.start + size)], *_span_of(att.content)) >= size * 0.9:
            return None  # a partial quote inside indirect speech: the attribution keeps it
    hit = _tail_cue(text, quoted, *by_start) or _head_cue(text, quoted, *by_end)
    if hit is not None:
        return _Draft("direct", pieces, hit.cue, *_outside_speaker(doc, hit, region))
    return (
        _colon_intro(doc, text, quoted)
        or _tail_verb(doc, text, quoted)
        or _Draft("direct", pieces, None, None, None)
    )


# Words of a tail attribution: '"...," Toomey fumed on Tuesday.'
_TAIL_WORDS = 8


def _tail_verb(doc: Doc, text: str, quoted: Quoted) -> _Draft | None:
    """A quote ending in a comma, question or exclamation mark, followed in its sentence by
    a subject and a verb outside the cue lexicon ('"...," Toomey fumed.', '"...?" quipped
    the senator'): that verb introduces the quote, and its subject speaks."""
    if quoted.close_at is None or text[quoted.end - 1 : quoted.end] not in (",", "?", "!"):
        return None
    after = doc.char_span(
        quoted.close_at + 1, min(len(text), quoted.close_at + 120), alignment_mode="contract"
    )
    if after is None:
        return None
    for tok in after[:_TAIL_WORDS]:
        if tok.is_punct and tok.text != ",":
            return None  # the sentence ended, or another quote starts
        if tok.pos_ != "VERB":
            continue
        subject = next(
            (
                c
                for c in tok.children
                if c.dep_ == "nsubj" and c.idx > quoted.close_at and c.tag_ not in ("WDT", "WP")
            ),
            None,
        )
        if subject is None or not (subject.i < tok.i or subject.i == tok.i + 1 or tok.i == after.start):
            return None
        speaker = speaker_span(doc, subject, range(tok.i, tok.i + 1))
        return _Draft("direct", list(quoted.pieces), (tok.idx, tok.idx + len(tok.text)), speaker, subject.i)
    return None


def _outside_speaker(doc: Doc, att: Attribution, region: Piece) -> tuple[Piece | None, int | None]:
    """The attribution's speaker, unless the parser took it from inside the quote ('"We were
    wrong," Ramos told AFP'): then the words between the closing mark and the cue."""
    speaker = att.speaker
    if speaker is None or not (speaker[0] < region[1] and region[0] < speaker[1]):
        return speaker, att.speaker_token
    return _between(doc, region[1], att.cue[0]) or (None, None)


def _between(doc: Doc, start: int, end: int) -> tuple[Piece, int] | None:
    """The words between a closing mark and its cue ('"...," the mayor said'), when the
    parser put the subject inside the quote."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or len(words) > 12 or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return None
    head = max((t for t in words if t.pos_ in ("PROPN", "NOUN", "PRON")), key=lambda t: t.i)
    return (words[0].idx, words[-1].idx + len(words[-1].text)), head.i


def _colon_intro(doc: Doc, text: str, quoted: Quoted) -> _Draft | None:
    """'Cruz called them on it: "..."' (also across a paragraph break): the subject of the
    clause that the colon ends speaks; the cue runs from its verb to the colon."""
    before = text[: quoted.open_at].rstrip()
    if not before.endswith(":") or quoted.open_at - len(before) > 3:
        return None
    colon = len(before) - 1
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None:
        return None
    verb = span[0].head  # the colon hangs off the verb of the clause it ends
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.idx > colon:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    speaker = speaker_span(doc, subject, range(verb.i, verb.i + 1))
    return _Draft("direct", list(quoted.pieces), (verb.idx, colon + 1), speaker, subject.i)


def _span_of(pieces: list[Piece]) -> tuple[int, int]:
    return pieces[0][0], pieces[-1][1]


def _ends_paragraph(text: str, pos: int) -> bool:
    """Nothing but punctuation follows `pos` in its paragraph."""
    end = text.find("\n", pos)
    rest = text[pos : len(text) if end == -1 else end]
    return not rest.strip(" \t.,;:!?\"”’'")


def _direct_drafts(
    doc: Doc, text: str, quoted: list[Quoted], attrs: list[Attribution]
) -> tuple[list[_Draft], set[int]]:
    """Quotes in quotation marks with their cue and speaker, and the indices of the
    attributions they took."""
    spoken = [a for a in attrs if a.speaker is not None]  # cues a quote may take
    cue_starts = [a.cue[0] for a in spoken]
    ends_sorted = sorted(spoken, key=lambda a: a.cue[1])
    cue_ends = [a.cue[1] for a in ends_sorted]
    para_starts = _paragraph_index(text)
    used: set[int] = set()
    drafts: list[_Draft] = []
    previous: _Draft | None = None
    for q in quoted:
        draft = _draft_direct(doc, text, q, attrs, used, (spoken, cue_starts), (ends_sorted, cue_ends))
        region = (q.open_at, (q.close_at + 1) if q.close_at is not None else q.end)
        if draft is None:
            continue
        para = bisect.bisect_right(para_starts, q.start) - 1
        if draft.cue is None and previous is not None:
            # No attribution of its own: the quote goes on ("'A,' he said. 'B.'"), in the
            # same paragraph or at the start of the next one.
            gap = text[previous.pieces[-1][1] : q.open_at]
            same_para = para == previous.close_para and (
                len(gap) <= 120
                or (len(gap) <= 400 and previous.cue is not None and previous.cue[0] < q.open_at)
            )
            next_para = (
                para == previous.close_para + 1
                and previous.ends_para
                and text[para_starts[para] : q.open_at].strip() == ""
            )
            if same_para or next_para:
                previous.pieces.extend(draft.pieces)
                previous.close_para = bisect.bisect_right(para_starts, q.end) - 1
                previous.ends_para = _ends_paragraph(text, region[1])
                continue
        if draft.cue is None and len(text[q.start : q.end].split()) < _MIN_UNATTRIBUTED_WORDS:
            continue
        draft.close_para = bisect.bisect_right(para_starts, q.end) - 1
        end_of_attr = max(
            region[1], draft.cue[1] if draft.cue else 0, draft.speaker[1] if draft.speaker else 0
        )
        draft.ends_para = _ends_paragraph(text, end_of_attr)
        drafts.append(draft)
        previous = draft
    return drafts, used


def candidates(
    doc: Doc, text: str, trim: bool = True
) -> tuple[list[_Draft], list[tuple[Attribution, list[str]]]]:
    """Direct quotes, and the indirect attribution candidates with their features: those
    of the rule layer not taken by a direct quote (content ends moved by `bounds`
    unless `trim` is false)."""
    quoted = find_quoted(text)
    attrs = find_attributions(doc, text)
    drafts, used = _direct_drafts(doc, text, quoted, attrs)
    direct_regions = [(d.pieces[0][0], d.pieces[-1][1]) for d in drafts]
    marks = [(q.open_at, (q.close_at + 1) if q.close_at is not None else q.end) for q in quoted]
    outer = [(a.content[0][0], a.content[-1][1]) for a in attrs if a.content and a.role in _OUTER_ROLES]
    taken = {d.cue for d in drafts}
    pool = [
        a
        for k, a in enumerate(attrs)
        if k not in used
        and a.content
        and (a.speaker is not None or a.role in _SPEAKERLESS)
        and not (a.role == "s-object" and a.cue in taken)
    ]  # '"...?" she asked the crowd'
    if trim:
        for att in pool:
            att.content = trimmed(doc, att)
    found = []
    for att in pool:
        start, end = _span_of(att.content)
        if any(
            s < end and start < e and _covered(att.content, s, e) * 2 > _size(att.content)
            for s, e in direct_regions
        ):
            continue  # the same words are already a direct quote, or lie inside one
        if not att.speech and any(s <= att.cue[0] < e for s, e in outer):
            continue  # a belief or stance inside reported speech is part of what was said
        in_quote = any(s <= att.cue[0] < e for s, e in marks)
        found.append((att, features(doc, att, in_quote)))
    return drafts, found


def _assemble(doc: Doc, text: str) -> list[_Draft]:
    drafts, found = candidates(doc, text)
    cut = threshold()
    kept = [(probability(feats), att) for att, feats in found]
    kept = [(p, att) for p, att in kept if p >= cut]
    for _, att in _unique(kept):
        kind = "direct" if _quoted_edge(text, att.content) else "indirect"
        drafts.append(_Draft(kind, list(att.content), att.cue, att.speaker, att.speaker_token))
    drafts.sort(key=lambda d: d.pieces[0][0])
    return drafts


def _unique(scored: list[tuple[float, Attribution]]) -> list[tuple[float, Attribution]]:
    """The most probable of candidates with (almost) the same content: two cues over one
    clause ("said he wants to C" gives C twice) are one attribution."""
    out: list[tuple[float, Attribution]] = []
    kept: list[tuple[int, int, int]] = []  # (start, end, size) of the contents kept
    for p, att in sorted(scored, key=lambda x: -x[0]):
        size = _size(att.content)
        start, end = _span_of(att.content)
        if any(
            s < end and start < e and _covered(att.content, s, e) * 10 >= max(size, n) * 9 for s, e, n in kept
        ):
            continue
        out.append((p, att))
        kept.append((start, end, size))
    return out


def _quoted_edge(text: str, pieces: list[Piece]) -> bool:
    start, end = pieces[0][0], pieces[-1][1]
    return text[start] in _QUOTE_CHARS or text[end - 1] in _QUOTE_CHARS


def _resolve(doc: Doc, text: str, span: Piece, head: int | None, actors: Sequence[Actor]) -> Actor:
    """The speaker mention, carrying the id, code and name of the actor found there: the
    actor at the head word, else one overlapping the mention, else for a relative pronoun
    ("X, who said") the actor at its antecedent; a bare mention when there is none."""
    start, end = span
    head_tok = doc[head] if head is not None else None
    at = head_tok.idx if head_tok is not None else start
    found = next((a for a in actors if a.start <= at < a.end), None)
    if found is None:
        found = next((a for a in actors if a.start < end and start < a.end), None)
    if (
        found is None
        and head_tok is not None
        and head_tok.tag_ in ("WP", "WDT")
        and head_tok.head.dep_ == "relcl"
    ):
        antecedent = head_tok.head.head.idx
        found = next((a for a in actors if a.start <= antecedent < a.end), None)
    mention = text[start:end]
    if found is None:
        return Actor(id="", text=mention, start=start, end=end, code=None, country=None, sector=None)
    if (found.start, found.end) == (start, end):
        return found
    return dataclasses.replace(found, text=mention, start=start, end=end)


def _content_span(text: str, pieces: list[Piece]) -> Span:
    start, end = pieces[0][0], pieces[-1][1]
    if len(pieces) == 1:
        return Span(text[start:end], start, end)
    return FragmentedSpan(text[start:end], start, end, tuple((s, e) for s, e in pieces))


def extract_quotes(doc: Doc, actors: Sequence[Actor]) -> list[Quote]:
    """Quotes in text order, ids q1, q2, ..."""
    text = doc_text(doc)
    drafts = _assemble(doc, text)
    quotes: list[Quote] = []
    for draft in drafts:
        cue = Span(text[draft.cue[0] : draft.cue[1]], *draft.cue) if draft.cue else None
        speaker = _resolve(doc, text, draft.speaker, draft.speaker_token, actors) if draft.speaker else None
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                kind=draft.kind,
                content=_content_span(text, draft.pieces),
                cue=cue,
                speaker=speaker,
            )
        )
    return quotes
