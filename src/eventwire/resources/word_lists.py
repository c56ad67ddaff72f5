"""Word lists tuned like data: the open-class words that extractors test tokens against
(`data/place_words.yaml`, `data/quote_words.yaml`, `data/places_not_names.tsv`).

Each YAML file maps a list's name to its words. Closed-class grammar (pronouns,
auxiliaries, dependency labels) stays in code, in `extract/syntax.py`.
"""

from __future__ import annotations

from functools import cache

from ..errors import ResourceError
from . import read_tsv, read_yaml


@cache
def _lists(name: str) -> dict[str, frozenset[str]]:
    data = read_yaml(name)
    if not isinstance(data, dict):
        raise ResourceError(
            f"{name} must map list names to lists of words; fix the file or reinstall eventwire."
        )
    lists = {}
    for key, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ResourceError(
                f"{name}: {key!r} must be a list of words (quote a word YAML reads as something else)."
            )
        lists[key] = frozenset(words)
    return lists


def _pick(name: str, key: str) -> frozenset[str]:
    lists = _lists(name)
    if key not in lists:
        raise ResourceError(f"{name} has no list {key!r}; it has {', '.join(sorted(lists))}.")
    return lists[key]


def place_words(key: str) -> frozenset[str]:
    """A word list of the place extractor: org_heads, person_heads, media_heads, firm_words,
    road_heads, person_titles, place_words or directions."""
    return _pick("place_words.yaml", key)


def quote_words(key: str) -> frozenset[str]:
    """A word list of the quote extractor: stance_adjectives or not_speakers."""
    return _pick("quote_words.yaml", key)


@cache
def place_not_names() -> frozenset[str]:
    """Capitalised words that are small places somewhere but in news mean the word
    ("Police", "Apple"): alone, they are no place unless NER calls them GPE or LOC."""
    return frozenset(row["word"] for row in read_tsv("places_not_names.tsv"))
