"""Throughput of `eventwire batch` against bare spaCy, scaling from 1 to 2 workers, peak
memory per worker, and time against article length.

Same model, same machine, the same Reuters-21578 articles (../shared/corpora), each mode in
its own process so peak memory is its own:

    .venv/bin/python bench/bench_batch.py [--articles 1000] [--batch-size 64] [--json]
    .venv/bin/python bench/bench_batch.py --large    # scaling on 8,000 articles (about 20 min)

- bare1, bare2: spaCy `nlp.pipe` alone on the cleaned texts, 1 and 2 processes
- local1, local2: `run_batch` end to end (read JSON Lines, code, write Parquet), 1 and 2 processes
- ray1, ray2: the same on local Ray with 1 and 2 workers (includes Ray's start, 5-10 s here,
  so scaling on Ray needs a few thousand articles to mean anything: use --large)
- length: seconds per length quartile, to show that time grows linearly with words
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench_pipeline import CORPUS, run_modes  # the same corpus and child-process runner


def load_rows(n: int) -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(n), handle)]
    return [{k: r.get(k) for k in ("id", "text", "published", "title")} for r in rows]


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def cleaned(rows):
    from eventwire.clean import clean_article
    from eventwire.records import Article

    return [clean_article(Article(**r)) for r in rows]


def run_bare(rows, batch_size: int, processes: int) -> dict:
    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    texts = cleaned(rows)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return {"seconds": time.perf_counter() - start, "words": sum(len(t.split()) for t in texts)}


def run_engine(rows, batch_size: int, processes: int, engine: str) -> dict:
    from eventwire.batch import run_batch
    from eventwire.batch.local import warm_up

    # The model, resources and libraries load before timing, as in bare (pyarrow's first
    # table imports pandas: about 1 s once per process, 3% of a 1,000-article run).
    warm_up()
    with tempfile.TemporaryDirectory(prefix="ewb") as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows))
        start = time.perf_counter()
        summary = run_batch(
            str(source), str(Path(tmp) / "out.parquet"), engine, processes=processes, batch_size=batch_size
        )
        seconds = time.perf_counter() - start
    if engine == "ray":
        import ray

        ray.shutdown()
    return {
        "seconds": seconds,
        "events": summary["events"],
        "errors": summary["errors"],
        "words": sum(len(t.split()) for t in cleaned(rows)),
    }


def run_length(rows, batch_size: int, processes: int) -> dict:
    """Seconds per quartile of articles sorted by length: linear growth means a flat
    seconds-per-word column."""
    from eventwire import code_article, code_many
    from eventwire.records import Article

    code_article("Warm-up.")
    rows = sorted(rows, key=lambda r: len(r["text"] or ""))
    quarter = len(rows) // 4
    out = []
    for part in range(4):
        chunk = rows[part * quarter : (part + 1) * quarter]
        words = sum(len(t.split()) for t in cleaned(chunk))
        start = time.perf_counter()
        list(code_many([Article(**r) for r in chunk], batch_size=batch_size))
        seconds = time.perf_counter() - start
        out.append(
            {
                "words_per_article": words / len(chunk),
                "ms_per_article": 1000 * seconds / len(chunk),
                "us_per_word": 1e6 * seconds / words,
            }
        )
    return {"quartiles": out}


MODES = {
    "bare1": lambda rows, b: run_bare(rows, b, 1),
    "bare2": lambda rows, b: run_bare(rows, b, 2),
    "local1": lambda rows, b: run_engine(rows, b, 1, "local"),
    "local2": lambda rows, b: run_engine(rows, b, 2, "local"),
    "ray1": lambda rows, b: run_engine(rows, b, 1, "ray"),
    "ray2": lambda rows, b: run_engine(rows, b, 2, "ray"),
    "length": lambda rows, b: run_length(rows, b, 1),
}

DEFAULT_MODES = "bare1,bare2,local1,local2,ray1,ray2,length"
LARGE_MODES = "bare1,local1,local2,ray1,ray2"


def child(mode: str, n: int, batch_size: int) -> None:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    load_before = os.getloadavg()[0]  # other work on the machine skews the scaling figures
    result = MODES[mode](load_rows(n), batch_size)
    result["load_1min"] = [load_before, os.getloadavg()[0]]
    # The parent process is the only worker with one process; with two, each worker is a
    # child (a pool process or a Ray worker), and RUSAGE_CHILDREN gives the largest of them.
    result["peak_mb"] = peak_mb()
    result["peak_child_mb"] = peak_mb(resource.RUSAGE_CHILDREN)
    print(json.dumps(result))


def _rounded(value):
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return round(value, 2) if isinstance(value, float) else value


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=None, help="default 1000, or 8000 with --large")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--modes",
        default=None,
        help="comma-separated subset of "
        + ", ".join(MODES)
        + f" (default: {DEFAULT_MODES}, or {LARGE_MODES} with --large)",
    )
    parser.add_argument(
        "--large", action="store_true", help="the scaling run: enough articles to amortise Ray's start"
    )
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.articles = args.articles or (8000 if args.large else 1000)
    args.modes = args.modes or (LARGE_MODES if args.large else DEFAULT_MODES)
    results = run_modes(args, __file__, args.modes.split(","), child)
    if isinstance(results, int):
        return results
    summary = {"articles": args.articles, "modes": results}
    r = results
    if {"bare1", "local1"} <= r.keys():
        summary["ratio_to_bare_1_worker"] = r["bare1"]["seconds"] / r["local1"]["seconds"]
        summary["local1_words_per_s"] = r["local1"]["words"] / r["local1"]["seconds"]
        summary["bare1_words_per_s"] = r["bare1"]["words"] / r["bare1"]["seconds"]
    if {"bare2", "local2"} <= r.keys():
        summary["ratio_to_bare_2_workers"] = r["bare2"]["seconds"] / r["local2"]["seconds"]
    if {"local1", "local2"} <= r.keys():
        summary["scaling_efficiency_local"] = r["local1"]["seconds"] / (2 * r["local2"]["seconds"])
    if {"ray1", "ray2"} <= r.keys():
        summary["scaling_efficiency_ray"] = r["ray1"]["seconds"] / (2 * r["ray2"]["seconds"])
    if {"local1", "ray2"} <= r.keys():
        summary["ray2_speedup_over_local1"] = r["local1"]["seconds"] / r["ray2"]["seconds"]
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    for key, value in summary.items():
        if key != "modes":
            print(f"{key:28} {value:.3f}" if isinstance(value, float) else f"{key:28} {value}")
    for mode, res in results.items():
        print(f"{mode:8} " + json.dumps({k: _rounded(v) for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
