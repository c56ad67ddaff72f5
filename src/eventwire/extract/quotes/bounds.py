"""Where reported content ends: a learned choice among the parse's own cut points.

Content read off the parse is a whole subtree, and subtrees carry adjuncts that annotators
leave out of what was said: "praised X [at a press conference on Monday]", "said he is
partial to Y[, for whom he was scheduled to ...]", "expect him to back Clinton [when he
speaks ...]". The candidate ends are the right dependents whose subtree runs to the end of
the content (each cut removes that dependent and everything after it). A logistic model
over readable features of each dependent (its relation, its first word, a comma before it,
its entity type; weights in `resources/data/quote_bounds.tsv`, trained by
`scripts/train_quote_model.py`) says whether it is outside the content; the content ends
before the leftmost dependent it puts outside.
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc, Token

from ...resources.quote_model import BOUNDS_FILE, quote_model
from ..syntax import AUX_DEPS
from .attributions import Attribution, Piece

# Content roles whose content follows the cue and comes from a subtree.
ROLES = {"clause", "xcomp", "object", "s-object", "predicative", "adjective", "whole", "generic", "noun"}
_UNSAFE = re.compile(r'[\s"]')
_FUNCTION_POS = {"ADP", "SCONJ", "CCONJ", "PUNCT", "PART", "ADV", "PRON", "DET", "AUX"}


def _bucket(n: int) -> str:
    for limit in (1, 2, 4, 8, 16, 32):
        if n <= limit:
            return str(limit)
    return "more"


def cut_points(doc: Doc, first: int, last: int, cue: int) -> list[Token]:
    """Right dependents (of a word inside tokens [first, last] or of the cue word `cue`)
    whose subtree runs to `last`: cutting before one removes it and all that follows, and
    the kept part stays whole. Leftmost first; the first two tokens are always kept.
    Such dependents are the ancestors of the last word, so only that path is walked."""
    points = []
    tok = doc[last]
    while first <= tok.i <= last:
        head = tok.head
        if (
            head.i < tok.i
            and (first <= head.i or head.i == cue)
            and tok.left_edge.i > first + 1
            and not tok.is_punct
        ):
            points.append(tok)
        if head.i == tok.i:
            break
        tok = head
    points.sort(key=lambda t: t.left_edge.i)
    return points


def cut_features(doc: Doc, tok: Token, first: int, last: int, role: str, cue_lemma: str) -> list[str]:
    left = tok.left_edge
    before = doc[left.i - 1]
    word = tok.lower_ if tok.pos_ in _FUNCTION_POS else tok.pos_
    lead = left.lower_ if left.pos_ in _FUNCTION_POS else left.pos_
    feats = [
        "bias",
        f"dep={tok.dep_}",
        f"dep_word={tok.dep_}|{word}",
        f"lead={lead}",
        f"dep_lead={tok.dep_}|{lead}",
        f"head={tok.head.pos_}|{tok.dep_}",
        f"role={role}",
        f"role_dep={role}|{tok.dep_}",
        f"comma={before.text in (',', ';', '—', '–', '--', '(')}",
        f"comma_dep={before.text == ','}|{tok.dep_}",
        f"ent={tok.ent_type_ or left.ent_type_}",
        f"kept={_bucket(left.i - first)}",
        f"cut={_bucket(last - left.i + 1)}",
        f"cue_dep={cue_lemma}|{tok.dep_}",
        f"root_head={tok.head.i == first or tok.head.dep_}",
        f"on_cue={tok.head.i < first}",
    ]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in AUX_DEPS for t in tok.subtree):
        feats.append(f"verbal|{tok.dep_}")
    return [_UNSAFE.sub("_", f) for f in feats]


def _token_range(doc: Doc, piece: Piece) -> tuple[int, int] | None:
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end - 1


def trimmed(
    doc: Doc, att: Attribution, weights: dict[str, float] | None = None, cut: float | None = None
) -> list[Piece]:
    """The attribution's content with its end moved to the model's cut, if any (the
    trained model unless `weights` and `cut` are given)."""
    if weights is None:
        model = quote_model(BOUNDS_FILE)
        weights, cut = model.weights, model.threshold
    if not weights or cut is None or att.role not in ROLES or len(att.content) != 1:
        return att.content
    rng = _token_range(doc, att.content[0])
    if rng is None:
        return att.content
    first, last = rng
    lemma = doc[att.cue_token].lemma_.lower()
    for tok in cut_points(doc, first, last, att.cue_token):
        z = sum(weights.get(f, 0.0) for f in cut_features(doc, tok, first, last, att.role, lemma))
        if 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) >= cut:
            end = tok.left_edge.i - 1
            while end > first and (doc[end].is_punct or doc[end].dep_ == "cc" or doc[end].is_space):
                end -= 1
            return [(att.content[0][0], doc[end].idx + len(doc[end].text))]
    return att.content
