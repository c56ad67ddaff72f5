"""The attribution cue lexicon (`data/quote_cues.tsv`): words that introduce reported speech,
beliefs, intentions and stances, with where each one's reported content sits."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import read_tsv

CLASSES = ("speech", "belief", "intention", "stance", "evidence")
CONTENT_ROLES = ("clause", "xcomp", "object", "predicative", "whole")
# Classes used by default: all of them. Stance and evidence cues ("supported X", "a poll
# showed X") are attributions in the broad sense that political-news corpora annotate
# (PolNeAR); on that corpus each class adds more right attributions than wrong ones.
DEFAULT_CLASSES = frozenset(CLASSES)


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: `lemma` plus an optional particle or preposition ("call for", "point out");
    `roles` the content roles it takes, `classes` what kind of attribution it marks."""

    lemma: str
    particle: str | None
    pos: str
    classes: frozenset[str]
    roles: frozenset[str]


def _parse_row(row: dict[str, str]) -> Cue:
    words = row["cue"].strip().lower().split()
    if not words or len(words) > 2:
        raise ValueError(f"quote_cues.tsv: cue {row['cue']!r} must be a lemma or 'lemma particle'")
    klass = row["class"].strip()
    roles = frozenset(r.strip() for r in row["content"].split(",") if r.strip())
    if klass not in CLASSES or not roles <= set(CONTENT_ROLES):
        raise ValueError(
            f"quote_cues.tsv: cue {row['cue']!r} has class {klass!r} / content {row['content']!r}; "
            f"classes are {CLASSES}, content roles {CONTENT_ROLES}"
        )
    return Cue(words[0], words[1] if len(words) > 1 else None, row["pos"].strip(), frozenset({klass}), roles)


@cache
def quote_cues(classes: frozenset[str] = DEFAULT_CLASSES) -> dict[tuple[str, str | None, str], Cue]:
    """(lemma, particle or None, pos) -> Cue, for cues of the given classes. A cue listed
    twice (in two classes) gets the union of its roles."""
    table: dict[tuple[str, str | None, str], Cue] = {}
    for row in read_tsv("quote_cues.tsv"):
        cue = _parse_row(row)
        if not cue.classes & classes:
            continue
        key = (cue.lemma, cue.particle, cue.pos)
        if key in table:
            old = table[key]
            cue = Cue(cue.lemma, cue.particle, cue.pos, old.classes | cue.classes, old.roles | cue.roles)
        table[key] = cue
    return table


@cache
def cues_by_lemma(classes: frozenset[str] = DEFAULT_CLASSES) -> dict[str, tuple[Cue, ...]]:
    """Lemma -> its cues, two-word cues ("call for") before the bare verb ("call")."""
    grouped: dict[str, list[Cue]] = {}
    for (lemma, _, _), cue in quote_cues(classes).items():
        grouped.setdefault(lemma, []).append(cue)
    return {lemma: tuple(sorted(cues, key=lambda c: c.particle is None)) for lemma, cues in grouped.items()}
