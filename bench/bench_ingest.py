"""Ingest rate: Reuters-21578 articles (../shared/corpora) from a JSON Lines file into a new
store, end to end (read, clean, parse, extract, near-duplicate check, corroboration, write),
then the same file again (everything is already stored: the idempotent rerun).

Reports articles/s for both runs and how much of the first run the store side took
(writing, MinHash, clusters, known-article lookups) against coding.

    .venv/bin/python bench/bench_ingest.py [--articles 2000] [--batch-size 64] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "reuters21578.jsonl.gz"


def write_subset(n: int, folder: Path) -> Path:
    """The first n articles as a gzipped JSON Lines file in the contract's input shape."""
    path = folder / "reuters.jsonl.gz"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, gzip.open(path, "wt", encoding="utf-8") as dst:
        for _, line in zip(range(n), src):
            row = json.loads(line)
            dst.write(json.dumps({k: row[k] for k in ("id", "text", "published", "title")}) + "\n")
    return path


def timed(func, totals: dict, key: str):
    """`func`, adding the time spent in it to totals[key] (a plain function, so it also
    works as a method)."""
    totals[key] = 0.0

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            totals[key] += time.perf_counter() - start

    return wrapper


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(
            f"{CORPUS} is absent (the shared corpora sit beside the repo); nothing to measure.",
            file=sys.stderr,
        )
        return 2

    from eventwire.ingest import runner
    from eventwire.nlp import load_nlp
    from eventwire.store.database import open_store

    load_nlp()  # model load is not ingest
    with tempfile.TemporaryDirectory() as tmp:
        source = write_subset(args.articles, Path(tmp))
        con = open_store(Path(tmp) / "bench.duckdb")
        # Time the store side of the run: writes (with MinHash and cluster refresh) and lookups.
        totals: dict[str, float] = {}
        runner.write_records = timed(runner.write_records, totals, "write")
        runner.Known.has_hash = timed(runner.Known.has_hash, totals, "lookup")
        runner.Known.has_error = timed(runner.Known.has_error, totals, "lookup_errors")
        start = time.perf_counter()
        first = runner.ingest([source], con, batch_size=args.batch_size)
        first_s = time.perf_counter() - start
        store_s = sum(totals.values())
        start = time.perf_counter()
        second = runner.ingest([source], con, batch_size=args.batch_size)
        second_s = time.perf_counter() - start
        groups = con.execute(
            "SELECT count(DISTINCT dup_group), count(*) FROM articles WHERE error_type IS NULL"
        ).fetchone()
        clusters = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE articles > 1) FROM event_clusters"
        ).fetchone()
        con.close()
    result = {
        "articles": args.articles,
        "stored": first.stored,
        "error_records": first.errors,
        "skipped_as_copies": first.skipped,
        "seconds": round(first_s, 2),
        "articles_per_s": round(args.articles / first_s, 1),
        "store_seconds": round(store_s, 2),
        "store_share": round(store_s / first_s, 3),
        "store_split": {k: round(v, 2) for k, v in totals.items()},
        "rerun_seconds": round(second_s, 2),
        "rerun_articles_per_s": round(args.articles / second_s, 1),
        "rerun_stored": second.stored,
        "rerun_skipped": second.skipped,
        "near_duplicate_groups": groups[0],
        "articles_in_store": groups[1],
        "event_clusters": clusters[0],
        "clusters_in_several_articles": clusters[1],
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"ingest of {args.articles} Reuters articles: {result['articles_per_s']} articles/s "
            f"({result['seconds']} s; store side {result['store_seconds']} s = {result['store_share']:.1%})"
        )
        print(
            f"  {first.stored} stored, {first.errors} error records, {first.skipped} exact copies skipped; "
            f"{groups[1] - groups[0]} near-duplicates in {groups[0]} groups; "
            f"{clusters[0]} event clusters, {clusters[1]} reported by several articles"
        )
        print(
            f"rerun (all known): {result['rerun_articles_per_s']} articles/s ({result['rerun_seconds']} s), "
            f"{second.stored} stored, {second.skipped} skipped"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
