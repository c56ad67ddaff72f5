"""The evaluation gate: code the dev gold sets, score them with the shared scorer, and
compare the headline metrics with the floors pinned in the repo.

The dev sets and `score.py` live in `../shared/eval/` beside the repo (not shipped); the seed
article and its gold in `../shared/seed/`. The seed gold matches by strings and codes, so it
is checked here (`check_seed`) rather than by the scorer.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import ResourceError, UsageError
from .ingest import read_inputs
from .pipeline import code_many
from .records import Article, CodedArticle, ErrorRecord, Event, Place, Quote, Time, is_counted, to_dict
from .reliability import reliability
from .settings import get_settings

TASKS = ("events", "gsr", "quotes", "places", "times", "actors", "seed")

# Headline metrics per task: name -> path in score.py's --json output.
HEADLINES = {
    "events": {"macro_f1": "macro_f1", "pair_recall": "pair_recall", "accuracy": "accuracy"},
    "quotes": {
        "content_f1": "content.f1",
        "speaker_overlap_f1": "speaker_overlap.f1",
        "cue_overlap_f1": "cue_overlap.f1",
    },
    "places": {
        "recognition_f1": "recognition.f1",
        "acc_161km": "accuracy_at_161km_on_matched",
        "end_to_end_161km_f1": "end_to_end_161km.f1",
    },
    "times": {"value_f1": "value.f1", "relaxed_f1": "relaxed.f1", "strict_f1": "strict.f1"},
    # PLOVER gold records, exhaustive per sentence: every counted event is judged
    "gsr": {
        "triple_precision": "triples.p",
        "triple_recall": "triples.r",
        "triple_f1": "triples.f1",
        "type_f1": "types_per_sentence.f1",
    },
    "actors": {"country_accuracy": "metrics.country_accuracy", "sector_accuracy": "metrics.sector_accuracy"},
}
# Tasks scored by their own script in ../shared/eval (the others by score.py TASK).
SCORERS = {"actors": "score_actors.py"}


def find_shared(explicit: str | None = None) -> Path | None:
    """The shared folder: given, $EVENTWIRE_SHARED, or ../shared beside the repo or cwd."""
    candidates = [
        explicit,
        os.environ.get("EVENTWIRE_SHARED"),
        Path(__file__).resolve().parents[2].parent / "shared",
        Path.cwd().parent / "shared",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "eval" / "score.py").exists():
            return Path(candidate)
    if explicit:
        raise UsageError(f"{explicit!r} has no eval/score.py; point --shared at the shared folder.")
    return None


def _dig(data: dict, path: str) -> float | None:
    value: Any = data
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _gold_file(shared: Path, task: str, workdir: Path) -> Path:
    gold = shared / "eval" / f"{task}_dev.jsonl"
    if task != "quotes":
        return gold
    # The quotes target is on PolNeAR's dev split; the train split is for development.
    dev_only = workdir / "quotes_dev_split.jsonl"
    with gold.open(encoding="utf-8") as src, dev_only.open("w", encoding="utf-8") as out:
        out.writelines(line for line in src if json.loads(line).get("split") == "dev")
    return dev_only


def write_predictions(records: Iterable, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(to_dict(record), ensure_ascii=False) + "\n")
            count += 1
    return count


def score_task(shared: Path, task: str, workdir: Path, progress: Callable | None = None) -> dict:
    """Code one dev set and score it; returns the headline metrics and the full score."""
    gold = _gold_file(shared, task, workdir)
    pred = workdir / f"{task}.pred.jsonl"
    records = code_many(read_inputs([str(gold)]))
    write_predictions(progress(records, task) if progress else records, pred)
    scorer = [SCORERS[task]] if task in SCORERS else ["score.py", task]
    result = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / scorer[0]),
            *scorer[1:],
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    full = json.loads(result.stdout)
    scored = {
        "metrics": {name: _dig(full, path) for name, path in HEADLINES[task].items()},
        "score": full,
        "pred": str(pred),
    }
    if task == "gsr":
        # as many counted events as the gold has (1.0), or within 20% of it (0.8 and up)
        triples = full["triples"]
        scored["metrics"]["count_balance"] = 1 - abs(triples["pred"] / max(1, triples["gold"]) - 1)
        scored["reliability"] = reliability(shared / "eval" / "score.py", gold, pred)
    return scored


def evaluate(
    tasks: Iterable[str] = TASKS,
    shared: Path | None = None,
    workdir: Path | None = None,
    progress: Callable | None = None,
) -> dict[str, dict]:
    """Scores of each task, e.g. {"events": {"metrics": {...}, ...}, "seed": {...}}."""
    shared = shared or find_shared()
    if shared is None:
        raise UsageError(
            "cannot find the shared folder with eval/score.py; pass --shared DIR or set EVENTWIRE_SHARED."
        )
    workdir = workdir or Path(get_settings().cache_dir) / "eval"
    workdir.mkdir(parents=True, exist_ok=True)
    results = {}
    for task in tasks:
        if task not in TASKS:
            raise UsageError(f"unknown task {task!r}; choose from {', '.join(TASKS)}.")
        results[task] = score_seed(shared) if task == "seed" else score_task(shared, task, workdir, progress)
    return results


# ---------------------------------------------------------------- the seed article


def _any(value, allowed) -> bool:
    """Gold fields are a value, a list of allowed values, or null (anything)."""
    if allowed is None:
        return True
    return value in allowed if isinstance(allowed, list) else value == allowed


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _near(place: Place | None, gold: dict, default_km: float = 100.0) -> bool:
    if "near" not in gold:
        return True
    if place is None or place.lat is None:
        return False
    return _km(place.lat, place.lon, *gold["near"]) <= gold.get("km", default_km)


def event_matches(event: Event, gold: dict) -> bool:
    src = event.source.country if event.source else None
    tgt = event.target.country if event.target else None
    loc = event.location
    return (
        ("source_country" not in gold or gold["source_country"] is None or _any(src, gold["source_country"]))
        and (
            "target_country" not in gold
            or gold["target_country"] is None
            or _any(tgt, gold["target_country"])
        )
        and _any(event.plover, gold.get("plover"))
        and _any(event.cameo, gold.get("cameo"))
        and _any(event.cameo_root, gold.get("cameo_root"))
        and _any(event.date, gold.get("date"))
        and ("location_country" not in gold or (loc is not None and loc.country == gold["location_country"]))
        and ("location_near" not in gold or _near(loc, {"near": gold["location_near"]}))
    )


def _counted(event: Event) -> bool:
    """A counted event with a PLOVER type (statements, CAMEO 01, have none: gold has no such events)."""
    return is_counted(event) and event.plover is not None


def _speaker_matches(quote: Quote, gold: dict) -> bool:
    speaker = quote.speaker
    if "speaker_name" in gold:
        names = " ".join(filter(None, [speaker.name, speaker.text] if speaker else [])).lower()
        if gold["speaker_name"].lower() not in names:
            return False
    return not (
        "speaker_code" in gold and not (speaker and (speaker.code or "").startswith(gold["speaker_code"]))
    )


def quote_matches(quote: Quote, gold: dict) -> bool:
    content = quote.content.text.strip(" \"'“”‘’")
    return (
        quote.kind == gold.get("kind", quote.kind)
        and content.startswith(gold.get("content_starts", ""))
        and gold.get("content_contains", "") in content
        and _speaker_matches(quote, gold)
    )


def place_matches(place: Place, gold: dict) -> bool:
    return (
        place.text.lower() == gold["text"].lower()
        and _any(place.country, gold.get("country"))
        and ("feature" not in gold or place.feature == gold["feature"])
        and _near(place, gold)
    )


def time_matches(time: Time, gold: dict) -> bool:
    pred, text = time.text.lower(), gold["text"].lower()
    return (
        (pred in text or text in pred)
        and _any(time.value, gold.get("value"))
        and time.value.startswith(gold.get("value_prefix", ""))
        and _any(time.type, gold.get("type"))
    )


def _forbidden_text(record: CodedArticle, strings: list[str]) -> list[str]:
    spans = [a.text for a in record.actors] + [p.text for p in record.places]
    spans += [record.text[e.sentence.start : e.sentence.end] for e in record.events]
    return [s for s in spans if any(bad in s for bad in strings)]


def check_seed(record: CodedArticle, gold: dict) -> dict:
    """How the coded seed article meets its gold: required found, forbidden hits, precision."""
    report: dict = {"missing": [], "forbidden": []}
    checks: dict[str, tuple[Sequence[Any], Callable[[Any, dict], bool]]] = {
        "events": ([e for e in record.events if _counted(e)], event_matches),
        "quotes": (record.quotes, quote_matches),
        "places": (record.places, place_matches),
        "times": (record.times, time_matches),
    }
    metrics = {}
    for section, (items, matches) in checks.items():
        spec = gold.get(section, {})
        required = spec.get("required", [])
        found = [g for g in required if any(matches(item, g) for item in items)]
        report["missing"] += [
            f"{section}: {g.get('why') or g.get('text') or g.get('content_starts') or g}"
            for g in required
            if g not in found
        ]
        metrics[f"{section}_required"] = len(found) / len(required) if required else 1.0
        for bad in spec.get("forbidden", []):
            if "text_contains" in bad:
                hits = _forbidden_text(record, bad["text_contains"])
            elif section == "places":
                hits = [p.text for p in items if p.text.lower() == bad["text"].lower()]
            else:
                hits = [getattr(i, "id", "?") for i in items if matches(i, bad)]
            report["forbidden"] += [f"{section}: {bad.get('why', bad)} -> {hits}"] if hits else []
    known = gold["events"].get("required", []) + gold["events"].get("optional", [])
    counted = checks["events"][0]
    metrics["events_precision"] = (
        sum(any(event_matches(e, g) for g in known) for e in counted) / len(counted) if counted else 0.0
    )
    metrics["forbidden_hits"] = len(report["forbidden"])
    report["metrics"] = metrics
    return report


def score_seed(shared: Path) -> dict:
    """Code the seed article(s) in ../shared/seed and check each against its gold."""
    reports = {}
    for gold_path in sorted((shared / "seed").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        record = next(code_many([Article(id=gold["id"], text=text, published=gold.get("published"))]))
        if isinstance(record, ErrorRecord):
            raise ResourceError(f"the seed article {gold['id']} could not be coded: {record.message}")
        reports[gold["id"]] = check_seed(record, gold)
    # One seed today; with several, a metric is their mean.
    names = next(iter(reports.values()))["metrics"].keys()
    metrics = {n: sum(r["metrics"][n] for r in reports.values()) / len(reports) for n in names}
    return {"metrics": metrics, "articles": reports}


# ---------------------------------------------------------------- floors


def load_floors(path: Path) -> dict[str, float]:
    """Floors as {"task.metric": value}; `forbidden_hits` is a ceiling (0 means none allowed)."""
    return json.loads(path.read_text(encoding="utf-8"))["floors"]


def below_floors(results: dict, floors: dict[str, float]) -> list[str]:
    """Messages for each metric that dropped below its floor (or above a ceiling)."""
    failures = []
    for key, floor in floors.items():
        task, metric = key.split(".", 1)
        if task not in results:
            continue
        value = results[task]["metrics"].get(metric)
        worse = value is None or (value > floor if metric == "forbidden_hits" else value < floor)
        if worse:
            failures.append(f"{key} = {value} (floor {floor})")
    return failures


def floors_from(results: dict, margin: float = 0.01) -> dict[str, float]:
    """New floors: today's numbers less a small margin, rounded down to two decimals."""
    floors = {}
    for task, result in results.items():
        for metric, value in result["metrics"].items():
            if value is None:
                continue
            key = f"{task}.{metric}"
            floors[key] = (
                value if metric == "forbidden_hits" else max(0.0, math.floor((value - margin) * 100) / 100)
            )
    return floors
