"""Read-only resources (codebook, lexicons, dictionaries, gazetteer), loaded once per process.

Data files live in `resources/data/`; each loader below is cached, so extractors can call
them freely. This is the only place that reads those files.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources as _importlib_resources
from pathlib import Path

import yaml

from ..errors import ResourceError

DATA = Path(str(_importlib_resources.files(__package__) / "data"))


def data_path(name: str) -> Path:
    path = DATA / name
    if not path.exists():
        raise ResourceError(f"missing data file {name!r} in {DATA}; reinstall eventwire.")
    return path


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header; lines starting with # are comments."""
    with data_path(name).open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


def read_yaml(name: str):
    with data_path(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@cache
def cameo_codebook() -> dict[str, CameoCode]:
    """CAMEO event codes: code -> name, Goldstein value, QuadClass, PLOVER type and mode."""
    return {
        row["code"]: CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=row["plover"] or None,
            plover_mode=row["plover_mode"] or None,
        )
        for row in read_tsv("cameo.tsv")
    }


def cameo_roots() -> list[CameoCode]:
    """The 20 CAMEO root codes (01-20) in order, with their names and weights."""
    return [code for key, code in sorted(cameo_codebook().items()) if len(key) == 2]
