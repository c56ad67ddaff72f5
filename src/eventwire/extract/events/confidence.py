"""Calibrated event confidence: the coder's raw score mapped to how often such events are right.

The raw score (frame confidence, less for guessed arguments) orders events well but says
0.8 where the PLOVER gold records find 0.65. `data/event_confidence.tsv` holds a monotone
piecewise-linear map from raw score to the observed precision of the counted events on
`gsr_dev.jsonl` (pooled where neighbouring bins disagreed, so the map never decreases); the
map is strictly increasing, so it never reorders two events.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from ...errors import ResourceError
from ...resources import data_path

CONFIDENCE_FILE = "event_confidence.tsv"


@cache
def _knots() -> tuple[tuple[float, ...], tuple[float, ...]]:
    raw, calibrated = [], []
    for line in data_path(CONFIDENCE_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            raw.append(float(fields[0]))
            calibrated.append(float(fields[1]))
        except (IndexError, ValueError) as err:
            raise ResourceError(f"{CONFIDENCE_FILE}: bad line {line!r}: want raw<TAB>calibrated") from err
    if raw != sorted(raw) or calibrated != sorted(calibrated):
        raise ResourceError(f"{CONFIDENCE_FILE}: both columns must increase, so no two events swap order")
    return tuple(raw), tuple(calibrated)


def calibrated(score: float) -> float:
    """The calibrated confidence of a raw score (clamped to the table's ends)."""
    raw, cal = _knots()
    if score <= raw[0]:
        return cal[0]
    if score >= raw[-1]:
        return cal[-1]
    i = bisect_right(raw, score) - 1
    share = (score - raw[i]) / (raw[i + 1] - raw[i])
    return round(cal[i] + share * (cal[i + 1] - cal[i]), 3)
