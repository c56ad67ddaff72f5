"""How far an event's `confidence` can be trusted: a reliability table on exhaustive gold.

For the PLOVER gold records (`gsr_dev.jsonl`, every event of each sentence annotated) the
counted events are binned by confidence and each bin's observed precision is the share of
its events that match a gold (source, type, target) triple, judged by the shared scorer's own
matching function so the table agrees with `score.py gsr`. A calibrated coder's events of
confidence c are right about c of the time.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType

# Bin edges of the table: [0, 0.4), [0.4, 0.5), ... [0.8, 1.0].
EDGES = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0001)


@cache
def _scorer(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("eventwire_shared_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reliability(scorer: Path, gold: Path, pred: Path) -> list[dict]:
    """Rows {"low", "high", "count", "precision"} of counted events binned by confidence."""
    score = _scorer(str(scorer))
    golds = {str(g["id"]): g for g in map(json.loads, gold.read_text(encoding="utf-8").splitlines()) if g}
    counts = [[0, 0] for _ in EDGES[:-1]]
    for line in pred.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold_events = (golds.get(str(record.get("id"))) or {}).get("events") or []
        for event in score.counted_events(record, {}, Counter()):
            conf = float(event.get("confidence") or 0.0)
            k = next(i for i in range(len(EDGES) - 1) if conf < EDGES[i + 1])
            counts[k][0] += 1
            counts[k][1] += any(score.gsr_event_match(g, event) for g in gold_events)
    return [
        {"low": EDGES[i], "high": min(1.0, EDGES[i + 1]), "count": n, "precision": hits / n if n else None}
        for i, (n, hits) in enumerate(counts)
    ]


def format_table(rows: list[dict]) -> str:
    lines = ["confidence   events  observed precision"]
    for row in rows:
        prec = "-" if row["precision"] is None else f"{row['precision']:.2f}"
        lines.append(f"{row['low']:.1f}-{row['high']:.1f}    {row['count']:6d}  {prec}")
    return "\n".join(lines)
