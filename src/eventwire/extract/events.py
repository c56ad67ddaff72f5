"""Events: (source, CAMEO event, target) triples from the dependency parse.

Triggers and codes come from the predicate lexicon (event_frames), arguments from the
parse (event_args), negation and modality from event_modality; this module expands
coordinated actors into one event per source-target pair, recodes announced intentions
(03x / 13x) and refusals (12x), and attaches date, place and quote.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..errors import ResourceError
from ..records import Actor, Event, Extent, Place, Quote, Span, Time
from ..resources import CameoCode, cameo_codebook
from ..resources.event_lexicon import EventLexicon, event_lexicon, iso3_by_iso2
from .event_args import (
    FIRST_PERSON, PRONOUNS, SPEECH_VERBS, ArgResolver, is_passive, np_bounds, pobjs, subjects,
)
from .event_frames import (
    CONTAINERS, Frame, alternate_targets, expand, noun_frame, speech_request_frame, verb_frame,
)
from .event_modality import Modality, modality_of, noun_modality

# Roots whose events already are statements of intent, appeals, demands or refusals:
# an announced future one is not recoded.
_VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
_DATE_TYPES = frozenset({"DATE", "TIME"})
NAME_ENTITIES = frozenset({"GPE", "LOC", "ORG", "FAC", "PERSON", "WORK_OF_ART", "LAW", "NORP", "PRODUCT"})


@dataclass(slots=True)
class _Candidate:
    frame: Frame
    sent: SpacySpan
    source: Actor | None
    target: Actor | None
    code: str
    conf: float
    mod: Modality


@cache
def _codebook() -> dict[str, CameoCode]:
    try:
        return cameo_codebook()
    except ResourceError:
        return {}


@cache
def _embed_heads(lex: EventLexicon) -> dict[str, str]:
    return {lemma: e.embed for lemma, entries in lex.verbs.items() for e in entries if e.embed}


def _lookup_prefix(table: dict[str, str], code: str) -> str | None:
    for n in (len(code), 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return None


def recode(code: str, mod: Modality, lex: EventLexicon) -> tuple[str, Modality]:
    """Announced intentions become 03x/13x events, refused ones 12x ("will not lift")."""
    root = code[:2]
    if mod.negated and mod.modality == "asserted":
        refused = _lookup_prefix(lex.refused_when_negated, code)
        if refused:
            return refused, Modality(False, "asserted", mod.reported)
    if mod.modality != "intended" or root in _VERBAL_ROOTS:
        return code, mod
    if mod.negated:
        refusal = _lookup_prefix(lex.refusal, code)
        if refusal:
            return refusal, Modality(False, "asserted", mod.reported)
        return code, mod
    return _lookup_prefix(lex.intent, code) or code, mod


def _speech_subject(tok: Token) -> Token | None:
    """Subject of the nearest speech verb above `tok` ("X said it would ..." -> X)."""
    cur = tok
    for _ in range(6):
        if cur.head is cur:
            return None
        cur = cur.head
        if cur.lemma_ in SPEECH_VERBS:
            subj = [c for c in cur.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ not in PRONOUNS:
                return subj[0]
    return None


_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_QUANTITY = frozenset({"thousands", "hundreds", "dozens", "millions", "tens", "scores", "group",
                       "number", "majority", "some", "many", "all", "most", "members", "one", "two"})


def _actorish(tok: Token, resolver: ArgResolver, lex: EventLexicon) -> bool:
    """A political actor can be this argument: an actor mention, a name, a pronoun, an agent
    noun ("rebels"), a nationality-marked noun ("Chinese hackers"), "thousands of X"."""
    if tok.ent_type_ in _ACTOR_ENTS or tok.lower_ in PRONOUNS or resolver.actor_at(tok) is not None:
        return True
    if tok.lemma_.lower() in lex.agents or tok.lower_ in lex.agents:
        return True
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and (
            child.ent_type_ in _ACTOR_ENTS or (child.dep_ != "amod" and child.lemma_.lower() in lex.agents)
        ):
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and tok.lower_ in _QUANTITY:
            return any(_actorish(g, resolver, lex) for g in child.children if g.dep_ == "pobj")
    return False


def _wordlike(tok: Token) -> bool:
    """Not a hyphen or a "pro-"/"anti-" prefix split off by the tokenizer."""
    return len(tok.text) > 1 and any(ch.isalpha() for ch in tok.text) and tok.lower_ not in ("pro", "anti")


def _agents_of(heads: list[Token], trig: Token, resolver: ArgResolver, lex: EventLexicon) -> list[Token]:
    """Sources that are documents or stances ("a report accusing X", "its commitment to
    support X") stand for their author: the possessor, or the subject of the verb that
    produced them ("Amnesty put out a report accusing ...")."""
    out: list[Token] = []
    for tok in heads:
        if not _wordlike(tok):
            continue
        if _actorish(tok, resolver, lex):
            out.append(tok)
            continue
        owner = [c for c in tok.children if c.dep_ == "poss"]
        if not owner and tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            owner, _ = subjects(tok.head)
        out.extend(owner or [tok])
    return out


def _sentence_actors(trig: Token, resolver: ArgResolver, lex: EventLexicon) -> list[Token]:
    """Heads of actor-like noun phrases in the trigger's sentence, nearest first."""
    heads = [t for t in trig.sent if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod")
             and t is not trig and _actorish(t, resolver, lex)]
    return sorted(heads, key=lambda t: abs(t.i - trig.i))


def _first_person(text: str) -> bool:
    """"we", "our air defence units" (but not "US officials")."""
    word = text.split(" ", 1)[0]
    return word.lower() in FIRST_PERSON and (word == "I" or not word.isupper())


def _antecedent(tok: Token, trig: Token, default: Token | None, resolver: ArgResolver) -> Token | None:
    """Who a possessive pronoun stands for when nothing else says: "The United States
    completed its withdrawal" -> the subject of the clause."""
    if default is not None or tok.lower_ not in ("its", "their", "his", "her") or resolver.actor_at(tok):
        return default
    subj = subjects(_governor(trig))[0]
    return subj[0] if subj and subj[0] is not tok and subj[0].lower_ not in PRONOUNS else None


def _governor(tok: Token) -> Token:
    """The verb whose modality a noun trigger shares ("called for sanctions")."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _verb_entries(tok: Token, lex: EventLexicon):
    """Lexicon entries by lemma; when the lemmatizer slips ("staged" -> "stag"), by the
    regular inflection rules on the word itself."""
    entries = lex.verbs.get(tok.lemma_.lower())
    if entries or tok.lemma_.lower() == tok.lower_:
        return entries
    word = tok.lower_
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix):
            entries = lex.verbs.get(word[: -len(suffix)] + repl)
            if entries:
                return entries
    return None


def _frames(doc: Doc, lex: EventLexicon) -> list[Frame]:
    frames: list[Frame] = []
    used_nouns: set[int] = set()
    verb_roots: dict[int, set[str]] = {}  # object token -> roots of the verb events over it
    nouns: list[Token] = []
    noun_keys = lex.noun_keys
    for tok in doc:
        pos = tok.pos_
        if pos in ("NOUN", "PROPN"):
            if tok.lemma_.lower() in noun_keys or tok.lower_ in noun_keys or tok.lemma_ in CONTAINERS:
                nouns.append(tok)
            continue
        if pos not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
            continue
        if tok.ent_type_ in NAME_ENTITIES:
            continue  # "Operation Desert Storm": part of a name
        if tok.is_title and tok.i > 0 and doc[tok.i - 1].text == "-":
            continue  # "Pakistan-Occupied Kashmir": a verb inside a hyphenated name
        entries = _verb_entries(tok, lex)
        if entries:
            frame = verb_frame(tok, entries, lex)
            if frame is not None:
                frames.append(frame)
                if frame.noun is not None:
                    used_nouns.add(frame.noun.i)
                objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
                if tok.dep_ == "amod":
                    objs.append(tok.head)  # "the repelled attacks"
                for child in objs:
                    verb_roots.setdefault(child.i, set()).add(frame.code[:2])
        if tok.lemma_ in SPEECH_VERBS:
            frame = speech_request_frame(tok)
            if frame is not None:
                frames.append(frame)
    for tok in nouns:  # (organisations' names are often mis-tagged event phrases: "Pahalgam terror attack")
        if tok.i not in used_nouns and tok.ent_type_ not in ("PERSON", "GPE", "NORP", "LOC"):
            frame = noun_frame(tok, lex)
            if frame is not None and frame.code[:2] not in verb_roots.get(tok.i, ()):
                frames.append(frame)  # "provided aid": the verb's event already says it
    return frames


def _candidates(doc: Doc, actors: Sequence[Actor], places: Sequence[Place], lex: EventLexicon) -> list[_Candidate]:
    resolver = ArgResolver(doc, actors, places, iso3_by_iso2())
    embed = _embed_heads(lex)
    out: list[_Candidate] = []
    for frame in _frames(doc, lex):
        trig = frame.trigger
        if trig.pos_ in ("VERB", "AUX"):
            mod = modality_of(trig, embed)
        else:
            gov = _governor(trig)
            mod = modality_of(gov, embed)
            if gov is not trig:
                mod = noun_modality(gov, mod, embed)
        code, mod = recode(frame.code, mod, lex)
        antecedent = _speech_subject(trig)
        if frame.loose:
            frame.targets = [t for t in frame.loose if resolver.place_at(t) is not None]
            frame.sources = [t for t in frame.loose if t not in frame.targets]
        src_heads = _agents_of(expand(frame.sources), trig, resolver, lex)
        if trig.pos_ in ("NOUN", "PROPN") and src_heads:
            # "the Pahalgam terror attack": a town before an event noun is where, not who
            located = [t for t in src_heads if t.dep_ == "compound" and resolver.place_at(t) is not None
                       and resolver.actor_at(t) is None]
            if located:
                src_heads = [t for t in src_heads if t not in located]
                frame.targets = frame.targets or located
        extra_sources: list[Token] = []
        if not src_heads and trig.pos_ == "VERB" and is_passive(trig):
            # "X was arrested in Rwanda", "inspectors were expelled from North Korea"
            extra_sources = [t for t in pobjs(trig, ("in", "from", "by")) if t.ent_type_ in ("GPE", "ORG", "NORP")]
        if not src_heads and not extra_sources and trig.pos_ == "VERB" and not is_passive(trig):
            # the parse lost the subject ("On a visit to X, President Y voiced ..."): the
            # nearest actor to the left of the verb
            left = [t for t in trig.sent if t.i < trig.i and t.pos_ in ("PROPN", "NOUN")
                    and t.dep_ not in ("compound", "amod", "poss") and _actorish(t, resolver, lex)]
            extra_sources = left[-1:]
        if mod.reported and antecedent is not None and antecedent not in src_heads:
            extra_sources.append(antecedent)  # "Taliban leaders said the fighters will ..."
        heads = src_heads + extra_sources + expand(frame.targets)
        if heads and not any(_actorish(t, resolver, lex) for t in heads) and not (
            frame.loose and frame.targets  # "the Pahalgam attack": aimed at a place, hence its country
        ):
            continue  # "the storm threatened the harvest": no political actor takes part
        tgt_heads = [t for t in expand(frame.targets) if _wordlike(t)]
        sources = [a for t in src_heads for a in resolver.resolve_all(t, _antecedent(t, trig, antecedent, resolver))] or [None]
        targets = [a for t in tgt_heads for a in resolver.resolve_all(t, antecedent, after=trig.i)]
        conf = frame.conf - (0.15 if frame.target_fallback else 0.0) - (0.1 if sources == [None] else 0.0)
        if trig.dep_ == "advcl" and trig.tag_ == "VB" and any(c.lower_ == "to" for c in trig.children):
            conf -= 0.15  # a purpose clause ("provided aid to support refugees"): the main verb says more
        conf = round(conf, 3)
        # A target that is a thing ("a trade agreement", "the embassy's closure") still
        # leaves room for the actor the event is directed at: the partner of a coordinated
        # subject ("Canada and Britain agreed a deal") or an actor in the clause ("eased
        # curfews in North Sinai"). Those pairs come second, with less confidence.
        thing = frame.wide_target or frame.target_fallback or not any(_actorish(t, resolver, lex) for t in tgt_heads)
        pairs: list[tuple[Actor | None, Actor | None, float]] = []
        if targets and not (frame.wide_target and len(sources) > 1):
            pairs += [(s, t, conf) for s in sources for t in targets]
        primary = len(pairs)
        if thing and len(sources) > 1:
            pairs += [(s, t, round(conf - 0.05, 3)) for s in sources for t in sources if s is not t]
        if thing:
            seen_heads = set(src_heads) | set(tgt_heads)
            taken = {i for h in seen_heads for i in range(*np_bounds(h))}
            alts = [t for t in alternate_targets(trig, seen_heads)
                    if t.i not in taken and _actorish(t, resolver, lex)][:4]
            pairs += [(s, a, round(conf - 0.1, 3)) for s in sources for t in alts
                      for a in resolver.resolve_all(t, antecedent, after=trig.i)]
            if not alts and trig.pos_ in ("VERB", "AUX"):
                # last resort: an actor elsewhere in the sentence ("will not end the strike
                # until the authorities ..."); least confident of all
                taken |= {t.i for h in src_heads for t in h.subtree}
                far = [t for t in _sentence_actors(trig, resolver, lex) if t.i not in taken][:2]
                pairs += [(s, a, round(conf - 0.3, 3)) for s in sources for t in far
                          for a in resolver.resolve_all(t, antecedent, after=trig.i)]
        if not pairs:
            pairs = [(s, None, conf) for s in sources]
            primary = len(pairs)
        elif not thing:
            # where it happened is often what it was aimed at ("accepted refugees living in
            # Greek camps"): places in the clause, well below the parsed target
            places = [t for t in alternate_targets(trig, set(src_heads) | set(tgt_heads))
                      if t.ent_type_ in ("GPE", "LOC", "FAC") and t.head.lower_ in ("in", "to", "into", "at", "from")][:2]
            pairs += [(s, a, round(conf - 0.2, 3)) for s in sources for t in places
                      for a in resolver.resolve_all(t, antecedent, after=trig.i)]
        if extra_sources:
            extra = [a for t in extra_sources for a in resolver.resolve_all(t)]
            pairs += [(s, t, round(c - 0.1, 3)) for s in extra for (_, t, c) in pairs[:4]
                      if t is None or s.start != t.start]
        for n, (source, target, pconf) in enumerate(pairs):
            if source is not None and target is not None and source.start == target.start:
                continue
            if n >= primary and source is not None and target is not None and \
                    source.country is not None and source.country == target.country:
                continue  # a guessed target of the source's own country ("offered US aid")
            out.append(_Candidate(frame, trig.sent, source, target, code, pconf, mod))
    return out


class _Placer:
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
        self.times = sorted((t for t in times if t.type in _DATE_TYPES), key=lambda t: t.start)
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
        if "\n" in self.doc.text[prev.end_char:sent.start_char] or "\n" in prev.text:
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


def _trigger_span(doc: Doc, frame: Frame) -> Span:
    start, last = frame.trigger, frame.last
    if last.i < start.i or last.i - start.i > 4:
        last = start
    span = doc[start.i:last.i + 1]  # (doc.text would rebuild the whole text per call)
    return Span(text=span.text, start=span.start_char, end=span.end_char)


def extract_events(
    doc: Doc,
    actors: Sequence[Actor],
    quotes: Sequence[Quote],
    times: Sequence[Time],
    places: Sequence[Place],
    published: dt.date | None = None,
) -> list[Event]:
    """Coded events in text order, ids e1, e2, ..."""
    book = _codebook()
    if not book:
        return []
    lex = event_lexicon()
    placer = _Placer(doc, times, places, quotes, published, actors)
    seen: set[tuple] = set()
    events: list[Event] = []
    cands = sorted(_candidates(doc, actors, places, lex), key=lambda c: (c.frame.trigger.idx, -c.conf))
    for cand in cands:
        entry = book.get(cand.code) or book.get(cand.code[:3]) or book.get(cand.code[:2])
        if entry is None:
            continue
        trig = cand.frame.trigger
        quote = placer.quote(trig)
        source = cand.source
        if quote is not None and quote.speaker is not None and source is not None and _first_person(source.text):
            source = quote.speaker  # "we struck ..." inside a quote is the speaker's act
        key = (trig.i, source and source.start, cand.target and cand.target.start, entry.code)
        if key in seen:
            continue
        seen.add(key)
        date, date_text = placer.date(trig, cand.sent)
        events.append(Event(
            id=f"e{len(events) + 1}",
            sentence=Extent(cand.sent.start_char, cand.sent.end_char),
            trigger=_trigger_span(doc, cand.frame),
            source=source, target=cand.target,
            cameo=entry.code, cameo_root=entry.root, plover=entry.plover,
            plover_mode=entry.plover_mode, quad_class=entry.quad_class, goldstein=entry.goldstein,
            date=date, date_text=date_text, location=placer.place(trig, cand.sent, source),
            negated=cand.mod.negated, modality=cand.mod.modality,
            quote_id=quote.id if quote else None, confidence=cand.conf,
        ))
    return events
