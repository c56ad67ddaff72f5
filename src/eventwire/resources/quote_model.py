"""Weights of the learned parts of the quote extractor: the attribution filter
(`data/quote_model.tsv`) and the content-end model (`data/quote_bounds.tsv`).

Each file has two columns, `feature` and `weight`; the row `__threshold__` holds the
probability above which a candidate is kept. Without the file every feature weighs 0 and
the threshold is 0, so all candidates of the rule layer are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import DATA, read_tsv

MODEL_FILE = "quote_model.tsv"
BOUNDS_FILE = "quote_bounds.tsv"


@dataclass(frozen=True, slots=True)
class QuoteModel:
    weights: dict[str, float]
    threshold: float


@cache
def quote_model(name: str = MODEL_FILE) -> QuoteModel:
    if not (DATA / name).exists():
        return QuoteModel({}, 0.0)
    weights = {row["feature"]: float(row["weight"]) for row in read_tsv(name)}
    return QuoteModel(weights, weights.pop("__threshold__", 0.5))
