"""Loader for the time-expression word lists (data/time_words.yaml), cached per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import read_yaml


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, int]]  # word -> (TIMEX3 unit letter, multiplier)
    time_units: frozenset[str]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    holidays: dict[str, tuple[int, ...]]
    references: dict[str, str]
    sets: dict[str, str]
    vague_durations: dict[str, str]


@cache
def time_lexicon() -> TimeLexicon:
    raw = read_yaml("time_words.yaml")
    return TimeLexicon(
        months={str(k): int(v) for k, v in raw["months"].items()},
        weekdays={str(k): int(v) for k, v in raw["weekdays"].items()},
        numbers={str(k): float(v) for k, v in raw["numbers"].items()},
        vague_numbers=frozenset(raw["vague_numbers"]),
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        units={str(k): (str(v[0]), int(v[1])) for k, v in raw["units"].items()},
        time_units=frozenset(raw["time_units"]),
        seasons={str(k): str(v) for k, v in raw["seasons"].items()},
        day_parts={str(k): str(v) for k, v in raw["day_parts"].items()},
        holidays={str(k): tuple(int(x) for x in v) for k, v in raw["holidays"].items()},
        references={str(k): str(v) for k, v in raw["references"].items()},
        sets={str(k): str(v) for k, v in raw["sets"].items()},
        vague_durations={str(k): str(v) for k, v in raw["vague_durations"].items()},
    )
