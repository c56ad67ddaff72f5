"""Attribution candidates beyond the cue lexicon, for the learned filter to judge.

The lexicon (`quote_parse`) is the first layer. PolNeAR-style attribution also uses a long
tail of words no list covers ("blasts", "is eager", "pleaded guilty", "is looking for"), so
every verb that the lexicon did not take and that governs a clause, a to-infinitive or an
object becomes a candidate here, and every noun with a that-clause or to-infinitive. Most
of them are not attributions; `quote_scorer` keeps the ones its weights favour.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .quote_parse import Attribution, _chars, _subject, _subtree_pieces, speaker_span

# Objects that are no content of their own ("did it", "made that").
_EMPTY = {"it", "this", "that", "so", "what", "which", "something", "anything", "nothing",
          "everything", "them", "him", "her", "me", "us", "you", "one"}


def _has_to(tok: Token) -> bool:
    return any(t.dep_ == "aux" and t.lower_ == "to" for t in tok.lefts)


def _verb_candidate(doc: Doc, verb: Token) -> Attribution | None:
    """The first content-like dependent of a verb: a clause, a to-infinitive, an object."""
    content, role = None, ""
    for child in verb.children:
        if child.dep_ == "ccomp":
            content, role = child, "g-clause"
            break
        if child.dep_ == "xcomp" and _has_to(child):
            content, role = child, "g-xcomp"
            break
    if content is None:
        for child in verb.children:
            if child.dep_ == "dobj" and child.lower_ not in _EMPTY:
                content, role = child, "g-object"
                break
    if content is None:
        return None
    pieces = _subtree_pieces(doc, content, drop_mark=True)
    if not pieces:
        return None
    subject = _subject(verb)
    speaker = None
    if subject is not None:
        speaker = speaker_span(doc, subject, range(verb.i, verb.i + 1))
        if any(s < speaker[1] and speaker[0] < e for s, e in pieces):
            speaker = _chars(doc, subject.i, subject.i)
    return Attribution((verb.idx, verb.idx + len(verb.text)), verb.i, speaker,
                       subject.i if subject is not None else None, pieces, role)


def _noun_candidate(doc: Doc, noun: Token) -> Attribution | None:
    """'the idea that C', 'his push to C', with the owner as speaker when there is one."""
    content = None
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and (
                _has_to(child) or any(t.dep_ == "mark" and t.lower_ == "that" for t in child.lefts)):
            content = child
            break
    if content is None:
        return None
    pieces = _subtree_pieces(doc, content, drop_mark=True)
    if not pieces:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    speaker = speaker_span(doc, owner, range(noun.i, noun.i + 1)) if owner is not None else None
    return Attribution((noun.idx, noun.idx + len(noun.text)), noun.i, speaker,
                       owner.i if owner is not None else None, pieces, "g-noun")


def extra_attributions(doc: Doc, taken: set[int]) -> list[Attribution]:
    """Candidates for verbs and nouns whose token index is not in `taken` (the cue tokens
    of the rule layer)."""
    found = []
    for tok in doc:
        if tok.i in taken:
            continue
        if tok.pos_ == "VERB":
            hit = _verb_candidate(doc, tok)
        elif tok.pos_ == "NOUN":
            hit = _noun_candidate(doc, tok)
        else:
            continue
        if hit is not None:
            found.append(hit)
    return found

