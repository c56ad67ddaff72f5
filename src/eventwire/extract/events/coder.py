"""Events: (source, CAMEO event, target) triples from the dependency parse.

Triggers and codes come from the predicate lexicon (frames), arguments from the
parse (arguments, participants), negation and modality from modality, date, place
and quote from context. This module expands coordinated actors into one event per
source-target pair, recodes announced intentions (03x / 13x) and refusals (12x), and
ranks the pairs: parsed ones first, guessed ones (a reciprocal partner, an actor elsewhere
in the clause or sentence) with less confidence. Which pairs and triggers are counted is
decided by `pairs` (arguments are actors; no self-pairs, no pairs inside a list; the
reporting speaker is no source) and `scope` (the sentence's main event, not background);
the others are returned with the reason in `uncounted`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ... import records
from ...errors import ResourceError
from ...records import COUNTED_MODALITIES, Actor, Event, Extent, Place, Quote, Span, Time
from ...resources import CameoCode, cameo_codebook
from ...resources.event_lexicon import EventLexicon, event_lexicon, iso3_by_iso2
from ..syntax import REPORTING_VERBS
from .arguments import ArgResolver, is_passive, np_bounds, pobjs
from .confidence import calibrated
from .context import EventContext
from .frames import (
    CONTAINERS,
    Frame,
    alternate_targets,
    expand,
    noun_frame,
    speech_request_frame,
    verb_frame,
)
from .modality import Modality, modality_of, noun_modality
from .pairs import (
    GUESSED,
    LOCATED_ROOTS,
    RECIPROCAL,
    Pair,
    actor_key,
    can_be_target,
    coordinations,
    is_location,
    owner_of,
    select_pairs,
    source_is_actor,
    target_actors,
)
from .participants import (
    acronym,
    actorish,
    agents_of,
    antecedent_of,
    first_person,
    governor,
    object_antecedent,
    sentence_actors,
    speech_subject,
    wordlike,
)
from .scope import chain_head, scope_of

# Roots whose events already are statements of intent, appeals, demands or refusals:
# an announced future one is not recoded.
_VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
# Events that partners do together: "Jordan and Britain held exercises" is each with the
# other; "Germany and France condemned the bombing" is not.
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "08", "12", "19"})
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
    uncounted: str | None = None  # why the event is kept but not counted


@cache
def _codebook() -> dict[str, CameoCode]:
    try:
        return cameo_codebook()
    except ResourceError:
        return {}


@cache
def _embed_heads(lex: EventLexicon) -> dict[str, records.Modality]:
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


# Participles that, before a noun, name a standing state rather than an act someone did.
STATE_PARTICIPLES = frozenset(
    {"dispute", "contest", "occupy", "divide", "disputed", "contested", "occupied", "divided"}
)


def _verb_entries(tok: Token, lex: EventLexicon):
    """Lexicon entries by lemma; when the lemmatizer slips ("staged" -> "stag"), by the
    regular inflection rules on the word itself."""
    entries = lex.verbs.get(tok.lemma_.lower())
    if entries or tok.lemma_.lower() == tok.lower_:
        return entries
    word = tok.lower_
    for suffix, repl in (
        ("ied", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
    ):
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
        if tok.dep_ == "amod" and tok.lemma_.lower() in STATE_PARTICIPLES:
            continue  # "the disputed border", "occupied territories": a state, not an act
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
        if tok.lemma_ in REPORTING_VERBS:
            frame = speech_request_frame(tok)
            if frame is not None:
                frames.append(frame)
    for tok in nouns:  # (organisations' names are often mis-tagged event phrases: "Pahalgam terror attack")
        if tok.i not in used_nouns and tok.ent_type_ not in ("PERSON", "GPE", "NORP", "LOC"):
            frame = noun_frame(tok, lex)
            if frame is not None and frame.code[:2] not in verb_roots.get(tok.i, ()):
                frames.append(frame)  # "provided aid": the verb's event already says it
    return frames


def _modality(trig: Token, embed: dict[str, records.Modality]) -> Modality:
    if trig.pos_ in ("VERB", "AUX"):
        return modality_of(trig, embed)
    gov = governor(trig)
    mod = modality_of(gov, embed)
    return noun_modality(gov, mod, embed) if gov != trig else mod


def _source_heads(frame: Frame, resolver: ArgResolver, lex: EventLexicon) -> list[Token]:
    trig = frame.trigger
    if frame.loose:
        frame.targets = [t for t in frame.loose if resolver.place_at(t) is not None]
        frame.sources = [t for t in frame.loose if t not in frame.targets]
    heads = agents_of(expand(frame.sources), trig, resolver, lex)
    if trig.pos_ in ("NOUN", "PROPN") and heads:
        # "the Pahalgam terror attack": a town before an event noun is where, not who
        located = [
            t
            for t in heads
            if t.dep_ == "compound" and resolver.place_at(t) is not None and resolver.actor_at(t) is None
        ]
        if located:
            heads = [t for t in heads if t not in located]
            frame.targets = frame.targets or located
    return heads


def _extra_sources(
    trig: Token,
    src_heads: list[Token],
    code: str,
    mod: Modality,
    antecedent: Token | None,
    resolver: ArgResolver,
    lex: EventLexicon,
) -> list[Token]:
    """Less certain sources, paired after the parsed ones."""
    extra: list[Token] = []
    if not src_heads and trig.pos_ == "VERB" and is_passive(trig) and code[:2] not in LOCATED_ROOTS:
        # "X was arrested in Rwanda", "inspectors were expelled from North Korea"
        extra = [t for t in pobjs(trig, ("in", "from", "by")) if t.ent_type_ in ("GPE", "ORG", "NORP")]
    if not src_heads and not extra and trig.pos_ == "VERB" and not is_passive(trig):
        # the parse lost the subject ("On a visit to X, President Y voiced ..."): the
        # nearest actor to the left of the verb
        left = [
            t
            for t in trig.sent
            if t.i < trig.i
            and t.pos_ in ("PROPN", "NOUN")
            and t.dep_ not in ("compound", "amod", "poss")
            and (actorish(t, resolver, lex) or acronym(t))
        ]
        extra = left[-1:]
    if (
        mod.reported
        and antecedent is not None
        and antecedent not in src_heads
        and (mod.modality != "asserted" or code[:2] in _VERBAL_ROOTS)
    ):
        extra.append(antecedent)  # "Taliban leaders said the fighters will ..."
    return extra


def _fallback_pairs(
    frame: Frame,
    sources: list,
    src_heads: list[Token],
    tgt_heads: list[Token],
    code: str,
    conf: float,
    antecedent: Token | None,
    resolver: ArgResolver,
    lex: EventLexicon,
) -> list[Pair]:
    """A target that is a thing ("a trade agreement", "the embassy's closure") still leaves
    room for the actor the event is directed at: the partner of a coordinated subject
    ("Canada and Britain agreed a deal"), an actor in the clause ("eased curfews in North
    Sinai"), else one elsewhere in the sentence. They come after the parsed pairs, with
    less confidence."""
    trig = frame.trigger
    pairs: list[Pair] = []
    if len(sources) > 1 and code[:2] in RECIPROCAL_ROOTS:
        pairs += [(s, t, round(conf - 0.05, 3), RECIPROCAL) for s in sources for t in sources if s != t]
    seen_heads = set(src_heads) | set(tgt_heads)
    taken = {i for h in seen_heads for i in range(*np_bounds(h))}
    alts = [
        t
        for t in alternate_targets(trig, seen_heads)
        if t.i not in taken and can_be_target(t, resolver, lex, code[:2])
    ][:4]
    for tok in alts:
        found, _ = target_actors(tok, resolver, lex, code[:2], antecedent, trig.i)
        pairs += [(s, a, round(conf - 0.1, 3), None) for s in sources for a in found]
    if not alts and trig.pos_ in ("VERB", "AUX"):
        # last resort: an actor elsewhere in the sentence ("will not end the strike until
        # the authorities ..."); least confident of all
        taken |= {t.i for h in src_heads for t in h.subtree}
        if antecedent is not None:  # who reports the event is not its target
            taken |= {t.i for t in antecedent.subtree}
        far = [
            t
            for t in sentence_actors(trig, resolver, lex)
            if t.i not in taken and can_be_target(t, resolver, lex, code[:2])
        ][:2]
        pairs += [
            (s, a, round(conf - 0.3, 3), None)
            for s in sources
            for t in far
            for a in target_actors(t, resolver, lex, code[:2], antecedent, trig.i)[0]
        ]
    return pairs


def _place_pairs(
    trig: Token,
    sources: list,
    src_heads: list[Token],
    tgt_heads: list[Token],
    conf: float,
    antecedent: Token | None,
    resolver: ArgResolver,
    root: str,
) -> list[Pair]:
    """Where it happened is sometimes what it was aimed at ("accepted refugees living in
    Greek camps"): places in the clause, well below the parsed target."""
    places = [
        t
        for t in alternate_targets(trig, set(src_heads) | set(tgt_heads))
        if t.ent_type_ in ("GPE", "LOC", "FAC") and t.head.lower_ in ("in", "to", "into", "at", "from")
    ][:2]
    return [
        (s, a, round(conf - 0.2, 3), None)
        for s in sources
        for t in places
        if not is_location(t, resolver, root)
        for a in resolver.resolve_all(t, antecedent, after=trig.i)
        if a.country  # a place stands for its country's people, when we know the country
    ]


def _confidence(frame: Frame, sources: list) -> float:
    trig = frame.trigger
    conf = frame.conf - (0.15 if frame.target_fallback else 0.0) - (0.1 if sources == [None] else 0.0)
    if trig.dep_ == "advcl" and trig.tag_ == "VB" and any(c.lower_ == "to" for c in trig.children):
        conf -= 0.15  # a purpose clause ("provided aid to support refugees"): the main verb says more
    return round(conf, 3)


def _resolve_targets(
    tgt_heads: list[Token], src_heads: list[Token], antecedent, trig: Token, code: str, resolver, lex
) -> tuple[list[Actor], bool]:
    """Target actors of the parsed heads, and whether some head is an actor itself."""
    targets: list[Actor] = []
    firm = False
    for t in tgt_heads:
        found, is_actor = target_actors(
            t, resolver, lex, code[:2], object_antecedent(t, src_heads, resolver) or antecedent, trig.i
        )
        targets += [a for a in found if a not in targets]
        firm = firm or is_actor
    return targets, firm


def _offered(pair: Pair, idx: int) -> bool:
    source, target = pair[0], pair[1]
    return (
        source is not None
        and target is not None
        and target.start <= idx < target.end
        and source.country == target.country
    )


def _candidates(
    doc: Doc, actors: Sequence[Actor], places: Sequence[Place], lex: EventLexicon
) -> list[_Candidate]:
    resolver = ArgResolver(doc, actors, places, iso3_by_iso2())
    embed = _embed_heads(lex)
    out: list[_Candidate] = []
    groups_by_sent: dict[int, list] = {}
    frames = _frames(doc, lex)
    verb_triggers = {f.trigger.i for f in frames if f.trigger.pos_ not in ("NOUN", "PROPN")}
    for frame in frames:
        trig = frame.trigger
        scope = scope_of(trig, verb_triggers - {trig.i})
        code, mod = recode(frame.code, _modality(trig, embed), lex)
        antecedent = speech_subject(trig)
        src_heads = _source_heads(frame, resolver, lex)
        extra_sources = _extra_sources(trig, src_heads, code, mod, antecedent, resolver, lex)
        heads = src_heads + extra_sources + expand(frame.targets)
        if (
            heads
            and not any(actorish(t, resolver, lex) for t in heads)
            and not (
                frame.loose and frame.targets  # "the Pahalgam attack": aimed at a place, hence its country
            )
        ):
            continue  # "the storm threatened the harvest": no political actor takes part
        tgt_heads = [t for t in expand(frame.targets) if wordlike(t)]
        sources: list[Actor | None] = [
            a
            for t in src_heads
            for a in resolver.resolve_all(t, antecedent_of(t, trig, antecedent, resolver))
            if a.code or source_is_actor(t, resolver, lex)
        ] or [None]
        if frame.wide_target:  # the light verb's own event noun is what was done, not to whom
            owners = [owner_of(t, resolver, lex) for t in tgt_heads]
            targets, firm = [a for a in owners if a is not None], False
        else:
            targets, firm = _resolve_targets(tgt_heads, src_heads, antecedent, trig, code, resolver, lex)
        conf = _confidence(frame, sources)
        thing = frame.wide_target or not firm
        pairs: list[Pair] = []
        if targets and not (frame.wide_target and len(sources) > 1):
            pairs += [(s, t, conf, None) for s in sources for t in targets]
        primary = len(pairs)
        if thing:
            pairs += _fallback_pairs(
                frame, sources, src_heads, tgt_heads, code, conf, antecedent, resolver, lex
            )
        if frame.actor_target and thing and len(pairs) == primary and not (len(sources) > 1):
            continue  # "met the spending goal", "gave the team a lead": no one is met or given to
        pairs += [(s, None, conf, None) for s in sources]
        if not thing:
            pairs += _place_pairs(trig, sources, src_heads, tgt_heads, conf, antecedent, resolver, code[:2])
        if extra_sources:
            speaker = antecedent if antecedent in extra_sources else None
            for tok in extra_sources:
                guess = tok is speaker or bool(src_heads)
                extra = resolver.resolve_all(tok)
                pairs += [
                    (s, t, round(c - 0.1, 3), GUESSED if guess else r)
                    for s in extra
                    for (_, t, c, r) in pairs[:4]
                    if t is None or s.start != t.start
                ]
        if frame.not_target is not None:
            # the thing offered is no target, even if it says whose it is ("offered US aid")
            pairs = pairs[:primary] + [p for p in pairs[primary:] if not _offered(p, frame.not_target.idx)]
        sent_key = trig.sent.start
        if sent_key not in groups_by_sent:
            groups_by_sent[sent_key] = coordinations(trig.sent)
        for source, target, pconf, reason in select_pairs(pairs, groups_by_sent[sent_key]):
            out.append(_Candidate(frame, trig.sent, source, target, code, pconf, mod, scope or reason))
    return out


def _trigger_span(doc: Doc, frame: Frame) -> Span:
    start, last = frame.trigger, frame.last
    if last.i < start.i or last.i - start.i > 4:
        last = start
    span = doc[start.i : last.i + 1]  # (doc.text would rebuild the whole text per call)
    return Span(text=span.text, start=span.start_char, end=span.end_char)


def extract_events(
    doc: Doc,
    actors: Sequence[Actor],
    quotes: Sequence[Quote],
    times: Sequence[Time],
    places: Sequence[Place],
    published: dt.date | None = None,
) -> list[Event]:
    """Coded events in text order, ids e1, e2, ...; events kept but not counted (guessed
    pairings, background clauses: see pairs and scope) carry their reason in `uncounted` and ids u1, u2, ..."""
    book = _codebook()
    if not book:
        return []
    lex = event_lexicon()
    placer = EventContext(doc, times, places, quotes, published, actors)
    seen: set[tuple] = set()
    events: list[Event] = []
    cands = sorted(
        _candidates(doc, actors, places, lex),
        key=lambda c: (c.frame.trigger.idx, c.uncounted is not None, -c.conf),
    )
    n_uncounted = 0
    triggers = {c.frame.trigger.i for c in cands if c.frame.trigger.pos_ not in ("NOUN", "PROPN")}
    for cand in cands:
        entry = book.get(cand.code) or book.get(cand.code[:3]) or book.get(cand.code[:2])
        if entry is None:
            continue
        trig = cand.frame.trigger
        quote = placer.quote(trig)
        source = cand.source
        if (
            quote is not None
            and quote.speaker is not None
            and source is not None
            and first_person(source.text)
        ):
            source = quote.speaker  # "we struck ..." inside a quote is the speaker's act
        key = (trig.i, source and source.start, cand.target and cand.target.start, entry.code)
        if key in seen:
            continue
        seen.add(key)
        if cand.uncounted is None and not cand.mod.negated and cand.mod.modality in COUNTED_MODALITIES:
            same = (chain_head(trig, triggers).i, entry.plover, actor_key(source), actor_key(cand.target))
            if same in seen:
                continue  # "agreed to lift the embargo on X": the agreement is the one event
            seen.add(same)
        date, date_text = placer.date(trig, cand.sent)
        if cand.uncounted is None:
            event_id = f"e{len(events) + 1 - n_uncounted}"
        else:
            n_uncounted += 1
            event_id = f"u{n_uncounted}"
        events.append(
            Event(
                id=event_id,
                sentence=Extent(cand.sent.start_char, cand.sent.end_char),
                trigger=_trigger_span(doc, cand.frame),
                source=source,
                target=cand.target,
                cameo=entry.code,
                cameo_root=entry.root,
                plover=entry.plover,
                plover_mode=entry.plover_mode,
                quad_class=entry.quad_class,
                goldstein=entry.goldstein,
                date=date,
                date_text=date_text,
                location=placer.place(trig, cand.sent, source),
                negated=cand.mod.negated,
                modality=cand.mod.modality,
                quote_id=quote.id if quote else None,
                confidence=calibrated(cand.conf),
                uncounted=cand.uncounted,
            )
        )
    return events
