"""Attributions read off the dependency parse: a cue word from the lexicon, its speaker (the
subject) and its content (a clause, a to-infinitive or an object).

"X said (that) C", "C, X said", "C, said X", "X told reporters C", "according to X, C",
"X wants to C", "X called for C", "X reported having C", "X sees C as D", "X is convinced
that C", "X is critical of C". Offsets are character offsets into `doc.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...nlp import doc_text
from ...resources.quote_lexicon import Cue, cues_by_lemma
from ...resources.word_lists import quote_words
from ..syntax import NOMINAL_SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS

Piece = tuple[int, int]

# A cue that hangs off another verb takes that verb's subject: "and added", "saying ...",
# "wants to say", "is ready to endorse".
_INHERIT_DEPS = {"conj", "xcomp", "advcl", "acomp"}
# Objects that stand for the content rather than state it ("said it", "denied this").
_EMPTY_OBJECTS = {
    "it",
    "this",
    "that",
    "so",
    "what",
    "which",
    "something",
    "anything",
    "nothing",
    "everything",
    "one",
    "them",
    "him",
    "her",
    "me",
    "us",
    "you",
}
_TRIM = {"punct", "cc", "prep", "mark"}
_EDGE_PUNCT = set(",;:-–—()[]")


@dataclass(slots=True)
class Attribution:
    cue: Piece
    cue_token: int  # token index of the cue word
    speaker: Piece | None
    speaker_token: int | None  # head token of the speaker
    content: list[Piece]
    role: str  # clause, xcomp, object, s-object, predicative, adjective, reversed, according,
    #            noun, generic, whole, colon, bare
    speech: bool = False  # the cue reports speech (not a belief, intention or stance)


def _subject(verb: Token) -> Token | None:
    """The subject of the cue verb, climbing through coordinated, participial and purpose
    verbs ("and added", "..., saying", "before explaining", "took the stage to assail",
    "went on to endorse"); a participle on a named group speaks for it ("the super PAC
    supporting Bush"). A passive subject counts only on a verb climbed to ("X was booed after
    telling ..."): on the cue itself it is what was reported."""
    tok = verb
    for step in range(4):
        for child in tok.children:
            if child.dep_ in NOMINAL_SUBJECT_DEPS and (step or child.dep_ not in PASSIVE_SUBJECT_DEPS):
                return child
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG":
            tok = tok.head  # "before explaining": up to the preposition, then its verb
            if tok.head.i == tok.i:
                return None
            quoted = _quoted_as(tok)
            if quoted is not None:
                return quoted
            tok = tok.head
            continue
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.i < tok.i and _named_group(tok.head):
            return tok.head
        if tok.dep_ == "acl" and _infinitive(tok):  # "Turkey's refusal to acknowledge"
            return next((c for c in tok.head.children if c.dep_ == "poss"), None)
        if _coordinated_report(tok):
            tok = tok.head.head  # "X said C and criticized Y", parsed as a conjunct inside C
            continue
        if tok.dep_ not in _INHERIT_DEPS or tok.head.i == tok.i:
            return None
        if tok.dep_ == "advcl" and tok.tag_ != "VBG" and not _infinitive(tok):
            return None  # "because he said": no inheritance; "..., saying" yes
        tok = tok.head
    return None


def _quoted_as(prep: Token) -> Token | None:
    """The object of "cited/quoted X as saying": X speaks, not the one who cites."""
    verb = prep.head
    if prep.lower_ != "as" or verb.lemma_.lower() not in ("cite", "quote"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _cue_verb(tok: Token, cue_class: str | None = None) -> bool:
    return tok.pos_ == "VERB" and any(
        c.pos == "verb" and (cue_class is None or cue_class in c.classes)
        for c in cues_by_lemma().get(tok.lemma_.lower(), ())
    )


def _speech_verb(tok: Token) -> bool:
    return _cue_verb(tok, "speech")


def _coordinated_report(tok: Token) -> bool:
    """A cue verb with no subject of its own that the parser coordinated with a verb of
    another cue's content: in "she said he was wrong and criticized him", "criticized"
    reports what *she* did, not part of what she said; in "he urged them to wait and called
    on X", a past-tense verb cannot be the infinitive's conjunct."""
    if tok.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    head = tok.head
    if head.dep_ == "ccomp":
        return _speech_verb(tok) and _speech_verb(head.head)
    return (
        head.dep_ == "xcomp"
        and _infinitive(head)
        and tok.tag_ in ("VBD", "VBZ")
        and _cue_verb(tok)
        and _cue_verb(head.head)
    )


def _infinitive(verb: Token) -> bool:
    return any(t.dep_ == "aux" and t.lower_ == "to" for t in verb.lefts)


def _named_group(noun: Token) -> bool:
    return noun.pos_ == "PROPN" or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Token range [first, last] without punctuation or conjunctions at its edges."""
    while first <= last and (doc[first].is_punct or doc[first].dep_ == "cc" or doc[first].is_space):
        first += 1
    while last >= first and (
        (doc[last].is_punct and doc[last].text not in "\"”’'") or doc[last].is_space or doc[last].dep_ == "cc"
    ):
        last -= 1
    return (first, last) if first <= last else None


def _chars(doc: Doc, first: int, last: int) -> Piece:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def speaker_span(doc: Doc, head: Token, avoid: range) -> Piece:
    """The subject's noun phrase (its subtree, which keeps appositions: "Matt Latimer, a
    speechwriter"), cut back to the head's own phrase when it runs into the cue or content."""
    first, last = head.left_edge.i, head.right_edge.i
    if first in avoid or last in avoid or (first < avoid.start and last >= avoid.stop):
        first = min(t.i for t in head.subtree if t.i <= head.i and t.i not in avoid)
        last = head.i
        for t in head.rights:  # keep flat names to the right ("Kristan Hawkins" heads)
            if t.dep_ in ("compound", "flat", "appos") and t.i not in avoid:
                last = max(last, t.right_edge.i if t.right_edge.i not in avoid else t.i)
            else:
                break
    # A speaker never runs over a paragraph break (a dateline or a heading above it): keep
    # the part in the cue's paragraph.
    anchor = avoid.start if len(avoid) and first <= avoid.start <= last + 1 else head.i
    for i in range(min(anchor, last + 1) - 1, first - 1, -1):
        if "\n" in doc[i].text_with_ws:
            first = i + 1
            break
    for i in range(max(anchor, first), last):
        if "\n" in doc[i].text_with_ws:
            last = i
            break
    span = _trim(doc, first, last) or (head.i, head.i)
    return _chars(doc, *span)


def _subtree_pieces(doc: Doc, tok: Token, drop_mark: bool) -> list[Piece]:
    first, last = tok.left_edge.i, tok.right_edge.i
    report = next((c for c in tok.rights if _coordinated_report(c)), None)
    if report is not None:
        last = report.left_edge.i - 1
    if drop_mark and doc[first].dep_ == "mark" and doc[first].lower_ in ("that", "whether", "if"):
        first += 1
    span = _trim(doc, first, last)
    return [_chars(doc, *span)] if span else []


def _minus(doc: Doc, head: Token, cut: Token) -> list[Piece]:
    """The head's subtree without the cue's subtree, as runs of contiguous tokens: "C1, X
    said, C2" gives [C1, C2]."""
    inner = range(cut.left_edge.i, cut.right_edge.i + 1)
    pieces = []
    for first, last in ((head.left_edge.i, inner.start - 1), (inner.stop, head.right_edge.i)):
        span = _trim(doc, first, last) if first <= last else None
        if span and span[1] - span[0] >= 1:
            pieces.append(_chars(doc, *span))
    return pieces


def _particle(verb: Token, cue: Cue) -> Token | None:
    for child in verb.children:
        if child.lower_ == cue.particle and child.dep_ in ("prep", "prt", "dative", "agent"):
            return child
    return None


def _set_off(doc: Doc, verb: Token) -> bool:
    """The cue's clause is set off by a comma or dash from what comes before it."""
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ != "ccomp":
        return False
    first = verb.left_edge.i
    return first > 0 and doc[first - 1].text in (",", "—", "–", "--", "''", "”", '"')


_AFTER_OBJECT = {"oprd", "ccomp", "xcomp", "prep", "dative", "advmod", "npadvmod", "acomp"}


def _predicative(obj: Token) -> list[Token]:
    """What follows an object inside the verb phrase and says something of it ("called him
    'a stiff'", "blamed the media for its failure", "described it as a hoax"): the
    contiguous run of complements after the object, up to a comma or a new clause."""
    verb = obj.head
    out = []
    for child in verb.rights:
        if child.i <= obj.i or (child.dep_ == "punct" and child.is_quote):
            continue  # "calling them 'baseless'": the quote marks are no end
        if child.dep_ not in _AFTER_OBJECT:
            break
        out.append(child)
    return out


def _content(doc: Doc, verb: Token, cue: Cue, drop_mark: bool) -> tuple[list[Piece], str, Token | None]:
    """Content pieces, the role that gave them, and the particle token of a two-word cue."""
    particle = None
    if cue.particle:
        particle = _particle(verb, cue)
        if particle is None:
            # "calling for X to resign": the parser makes "for" the mark of the clause.
            clause = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in ("advcl", "ccomp")
                    and c.i > verb.i
                    and any(t.dep_ == "mark" and t.lower_ == cue.particle for t in c.lefts)
                ),
                None,
            )
            if clause is None:
                return [], "", None
            marker = next(t for t in clause.lefts if t.dep_ == "mark" and t.lower_ == cue.particle)
            span = _trim(doc, marker.i + 1, clause.right_edge.i)
            return ([_chars(doc, *span)] if span else []), "object", marker
        if particle.dep_ == "prep":
            objects = [
                c for c in particle.children if c.dep_ in ("pobj", "pcomp") and c.lower_ not in _EMPTY_OBJECTS
            ]
            if objects:
                last = max([objects[0].right_edge.i] + [c.right_edge.i for c in _predicative(particle)])
                span = _trim(doc, objects[0].left_edge.i, last)
                return ([_chars(doc, *span)] if span else []), "object", particle
            return [], "", None
    children = list(verb.children)
    if "clause" in cue.roles:
        for child in children:
            if child.dep_ == "ccomp" or (child.dep_ == "dobj" and child.tag_.startswith("VB")):
                return _subtree_pieces(doc, child, drop_mark), "clause", particle
    if "xcomp" in cue.roles:
        for child in children:
            if child.dep_ == "xcomp" and _infinitive(child):
                return _subtree_pieces(doc, child, False), "xcomp", particle
    if "object" in cue.roles:
        for child in children:
            if child.dep_ == "dobj" and (child.lower_ not in _EMPTY_OBJECTS or _predicative(child)):
                # "called him 'a total stiff'", "described it as a hoax": the object and
                # what is said of it.
                last = max([child.right_edge.i] + [c.right_edge.i for c in _predicative(child)])
                span = _trim(doc, child.left_edge.i, last)
                return ([_chars(doc, *span)] if span else []), "object", particle
    if "predicative" in cue.roles:
        for child in children:
            said = _predicative(child) if child.dep_ == "dobj" else []
            if said and (said[0].dep_ in ("oprd", "xcomp", "ccomp", "acomp") or said[0].lower_ == "as"):
                # "sees him as a threat", "considers the deal a mistake"
                span = _trim(doc, child.left_edge.i, max(c.right_edge.i for c in said))
                return ([_chars(doc, *span)] if span else []), "predicative", particle
    if (
        "speech" in cue.classes
        and verb.dep_ == "advcl"
        and verb.head.i != verb.i
        and any(t.dep_ == "mark" and t.lower_ == "as" for t in verb.lefts)
    ):
        # "As the Post reported, C": the clause the cue's as-clause modifies.
        return _minus(doc, verb.head, verb), "reversed", particle
    if (
        "clause" in cue.roles
        and "speech" in cue.classes
        and verb.head.i != verb.i
        and (verb.head.i < verb.i or verb.dep_ == "parataxis")
        and verb.head.pos_ in ("VERB", "AUX")
        and _set_off(doc, verb)
    ):
        # "C, X said": the parser often hangs the cue under the content's verb, as a
        # parataxis or a complement; a comma before the cue's clause tells the two apart
        # from "he said [they wrote]".
        return _minus(doc, verb.head, verb), "reversed", particle
    return [], "", particle


# Prepositions after a speech verb that introduce what was said: "asked about X", "wrote on X".
_SPEECH_PREPS = {"about", "on", "of"}


def _speech_object(doc: Doc, verb: Token) -> list[Piece]:
    """The object, gerund or to-infinitive, or about-phrase of a speech verb that has no
    clause."""
    for child in verb.rights:
        if child.dep_ == "dobj" and child.lower_ not in _EMPTY_OBJECTS:
            last = max([child.right_edge.i] + [c.right_edge.i for c in _predicative(child)])
        elif child.dep_ == "xcomp" and (child.tag_ == "VBG" or _infinitive(child)):
            last = child.right_edge.i
        elif child.dep_ == "prep" and child.lower_ in _SPEECH_PREPS:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                continue
            child, last = obj, obj.right_edge.i
        else:
            continue
        span = _trim(doc, child.left_edge.i, last)
        return [_chars(doc, *span)] if span else []
    return []


def _according(doc: Doc, tok: Token) -> Attribution | None:
    """'according to X, C' / 'C, according to X'."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        to = doc[tok.i + 1]
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    clause = tok.head
    while clause.dep_ not in ("ROOT",) and clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # "A had 37 percent and B 13 percent, according to X": all of it
    pieces = _minus(doc, clause, tok) if clause.i != tok.i else []
    if not pieces:
        return None
    speaker = speaker_span(doc, source, range(0))
    cue = (tok.idx, to.idx + len(to.text))
    return Attribution(cue, tok.i, speaker, source.i, pieces, "according", True)


# Prepositions that introduce the object of a stance noun: "support for", "criticism of".
_NOUN_OBJECT_PREPS = {"for", "of", "against", "on", "to"}


def _noun_cue(doc: Doc, noun: Token, entries: tuple[Cue, ...], drop_mark: bool) -> Attribution | None:
    """'X's claim that C', 'a statement by X that C', 'his promise to C', 'her support for C'."""
    roles = set().union(*(c.roles for c in entries if c.pos == "noun"))
    if not roles:
        return None
    content = None
    for child in noun.children:
        if (
            child.dep_ in ("acl", "ccomp", "relcl")
            and "clause" in roles
            and any(t.dep_ == "mark" and t.lower_ == "that" for t in child.lefts)
        ) or (child.dep_ in ("acl", "xcomp") and "xcomp" in roles and _infinitive(child)):
            content = child
        elif child.dep_ == "prep" and "object" in roles and child.lower_ in _NOUN_OBJECT_PREPS:
            content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if content is not None:
            break
    if content is None:
        return None
    pieces = _subtree_pieces(doc, content, drop_mark)
    if not pieces:
        return None
    speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
    if speaker is None:
        # "criticism of X" names what was criticised; "a statement of X" names the speaker.
        preps = ("by", "from") if content.head.dep_ == "prep" else ("by", "from", "of")
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                speaker = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if speaker is not None:
                    break
    if speaker is None and content.head.dep_ == "prep":
        return None  # "support for X" with nobody's support: a topic, not an attribution
    span = speaker_span(doc, speaker, range(noun.i, noun.i + 1)) if speaker is not None else None
    return Attribution(
        (noun.idx, noun.idx + len(noun.text)),
        noun.i,
        span,
        speaker.i if speaker is not None else None,
        pieces,
        "noun",
    )


def _generic(doc: Doc, verb: Token, drop_mark: bool) -> Attribution | None:
    """A verb outside the lexicon with a subject and a that-clause ("they learned that C")."""
    clause = next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp"
            and c.i > verb.i
            and any(t.dep_ == "mark" and t.lower_ == "that" for t in c.lefts)
        ),
        None,
    )
    subject = _subject(verb)
    if clause is None or subject is None:
        return None
    pieces = _subtree_pieces(doc, clause, drop_mark)
    if not pieces:
        return None
    speaker = speaker_span(doc, subject, range(verb.i, verb.i + 1))
    return Attribution((verb.idx, verb.idx + len(verb.text)), verb.i, speaker, subject.i, pieces, "generic")


_STANCE_ADJECTIVES = quote_words("stance_adjectives")
_STANCE_PREPS = {"of", "about", "to", "toward", "towards", "with"}
_EMPTY_SUBJECTS = {"it", "there", "this", "that", "which"}


def _adjective_cue(doc: Doc, adjective: Token, drop_mark: bool) -> Attribution | None:
    """'X is convinced that C', 'X is eager to C', 'X is critical of Y': a predicate
    adjective with a clause, an infinitive, or (for a stance adjective) an object."""
    verb = adjective.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in _EMPTY_SUBJECTS:
        return None
    content = None
    for child in adjective.rights:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and _infinitive(child)):
            content = _subtree_pieces(doc, child, drop_mark)
        elif (
            child.dep_ == "prep"
            and child.lower_ in _STANCE_PREPS
            and adjective.lemma_.lower() in _STANCE_ADJECTIVES
        ):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            span = _trim(doc, obj.left_edge.i, obj.right_edge.i) if obj is not None else None
            content = [_chars(doc, *span)] if span else None
        if content:
            break
    if not content:
        return None
    speaker = speaker_span(doc, subject, range(adjective.i, adjective.i + 1))
    return Attribution(
        (adjective.idx, adjective.idx + len(adjective.text)),
        adjective.i,
        speaker,
        subject.i,
        content,
        "adjective",
    )


# "NAME: words" at a paragraph start: an interview transcript line or a headline that
# gives its source ("Clinton: I support statehood"). The name is one to five capitalised
# words; labels that are not speakers are listed.
_COLON_NAME_RE = re.compile(
    r"^[ \t]*((?:[A-Z][\w.’'-]*|of|the|de|van|von)(?:[ \t]+(?:[A-Z][\w.’'-]*|of|the|de|van|von)){0,4}):[ \t]+(?=\S)",
    re.MULTILINE,
)
_NOT_SPEAKERS = quote_words("not_speakers")


def colon_attributions(doc: Doc, text: str) -> list[Attribution]:
    """'NAME: content' lines; content runs to the end of the paragraph."""
    found = []
    for match in _COLON_NAME_RE.finditer(text):
        name = match.group(1)
        if name.lower().strip(" .") in _NOT_SPEAKERS or name.lower() == name:
            continue
        start = match.end()
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start < 3:
            continue
        colon = match.end(1)
        head = doc.char_span(match.start(1), colon, alignment_mode="expand")
        found.append(
            Attribution(
                (colon, colon + 1),
                head.root.i if head is not None else 0,
                (match.start(1), colon),
                head.root.i if head is not None else None,
                [(start, end)],
                "colon",
                True,
            )
        )
    return found


def _cue_entries(by_lemma: dict, tok: Token) -> tuple[Cue, ...] | None:
    """The lexicon's cues for a token. The lemmatizer drops a final e from some verb forms
    ("hoping" -> "hop") and adds one to others ("retweeted" -> "retweete")."""
    lemma = tok.lemma_.lower()
    return by_lemma.get(lemma) or (
        (by_lemma.get(lemma + "e") or (by_lemma.get(lemma[:-1]) if lemma.endswith("e") else None))
        if tok.pos_ == "VERB"
        else None
    )


def _verb_cue(doc: Doc, tok: Token, entries: tuple[Cue, ...], drop_mark: bool) -> Attribution | None:
    """The attribution of a cue verb: its first verb entry that finds content."""
    for cue in entries:
        if cue.pos != "verb":
            continue
        if "whole" in cue.roles:
            return _whole_clause(doc, tok)
        pieces, role, particle = _content(doc, tok, cue, drop_mark)
        if not pieces:
            if cue.particle is None and "speech" in cue.classes:
                # "X reported having $1m", "X tweeted an image", "asked about the row":
                # what a speech verb takes when it has no clause; with nothing, "X
                # said." after a quote is kept without content so the quote can take it.
                pieces = _speech_object(doc, tok)
                role = "s-object" if pieces else "bare"
            else:
                continue
        subject = _subject(tok)
        cue_end = particle if particle is not None and particle.i == tok.i + 1 else tok
        cue_span = (tok.idx, cue_end.idx + len(cue_end.text))
        speaker = None
        if subject is not None:
            avoid = range(tok.i, tok.i + 1)
            speaker = speaker_span(doc, subject, avoid)
            if any(s < speaker[1] and speaker[0] < e for s, e in pieces):
                speaker = _chars(doc, subject.i, subject.i)
        return Attribution(
            cue_span,
            tok.i,
            speaker,
            subject.i if subject is not None else None,
            pieces,
            role,
            "speech" in cue.classes,
        )
    return None


def _token_cue(doc: Doc, tok: Token, by_lemma: dict, drop_mark: bool) -> Attribution | None:
    """The attribution a token cues, by its part of speech: "according to", an adverb
    ("reportedly"), a stance adjective, a verb outside the lexicon, a cue noun or verb."""
    if tok.lower_ == "according":
        return _according(doc, tok)
    entries = _cue_entries(by_lemma, tok)
    if entries and tok.pos_ == "ADV":
        return _adverb_cue(doc, tok, entries)
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp":
        return _adjective_cue(doc, tok, drop_mark)
    if tok.pos_ == "VERB" and not entries:
        return _generic(doc, tok, drop_mark)
    if entries and tok.pos_ == "NOUN":
        return _noun_cue(doc, tok, entries, drop_mark)
    if not entries or tok.pos_ != "VERB":
        return None
    return _verb_cue(doc, tok, entries, drop_mark)


def find_attributions(
    doc: Doc, text: str | None = None, drop_mark: bool = False, classes: frozenset[str] | None = None
) -> list[Attribution]:
    """Attributions in token order of their cue word."""
    by_lemma = cues_by_lemma(classes) if classes else cues_by_lemma()
    found = [hit for tok in doc if (hit := _token_cue(doc, tok, by_lemma, drop_mark))]
    text = doc_text(doc) if text is None else text
    for att in found:
        att.content = _clip_to_paragraph(text, att.cue, att.content)
    found.extend(colon_attributions(doc, text))
    found.sort(key=lambda a: a.cue[0])
    return found


def _clip_to_paragraph(text: str, cue: Piece, pieces: list[Piece]) -> list[Piece]:
    """Reported content stays in the cue's paragraph (the parser sometimes links across
    a paragraph break; quotes running over paragraphs come from the quote marks instead)."""
    start = text.rfind("\n", 0, cue[0]) + 1
    end = text.find("\n", cue[1])
    end = len(text) if end == -1 else end
    clipped = [(max(s, start), min(e, end)) for s, e in pieces]
    return [(s, e) for s, e in clipped if e - s > 1]


def _clause_start(verb: Token) -> int:
    """Where a judged clause starts: at its subject, leaving out adjuncts before it ("In
    the past few days, X seemed ..."), else at its left edge."""
    subject = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return subject.left_edge.i if subject is not None else verb.left_edge.i


def _whole_clause(doc: Doc, verb: Token) -> Attribution | None:
    """'Indiana appears to be a break from the norm': a judgement with no stated source;
    the content is the whole clause."""
    if not any(c.dep_ in ("xcomp", "acomp", "attr", "ccomp", "oprd") for c in verb.children):
        return None
    span = _trim(doc, _clause_start(verb), verb.right_edge.i)
    if span is None or span[1] - span[0] < 2:
        return None
    return Attribution(
        (verb.idx, verb.idx + len(verb.text)), verb.i, None, None, [_chars(doc, *span)], "whole"
    )


def _adverb_cue(doc: Doc, adverb: Token, entries: tuple[Cue, ...]) -> Attribution | None:
    """'X reportedly did Y': the clause the adverb modifies, with no stated source."""
    if not any(c.pos == "adverb" for c in entries):
        return None
    head = adverb.head
    if head.i == adverb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    span = _trim(doc, _clause_start(head), head.right_edge.i)
    if span is None:
        return None
    return Attribution(
        (adverb.idx, adverb.idx + len(adverb.text)), adverb.i, None, None, [_chars(doc, *span)], "whole"
    )
