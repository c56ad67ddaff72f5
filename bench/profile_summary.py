"""Where the time goes, from a py-spy raw profile (collapsed stacks), as % of the samples.

    py-spy record --format raw --rate 100 [--subprocesses --idle] -o prof.txt -- \
        .venv/bin/python bench/bench_batch.py --child local1 --articles 1000
    .venv/bin/python bench/profile_summary.py prof.txt [--root run_batch] [--top 15]

Only stacks that pass through a frame named `--root` count (so model loading and corpus
reading before the timed part are left out); stacks of worker processes that never pass
through it (pool workers, Ray workers and Ray's own Python processes) are counted together
as 'workers', all their samples. Each sample goes to the first stage in STAGES that one of
its frames matches, so spaCy calls made by an extractor count for that extractor.
py-spy sees Python processes only: measure the others with bench/cpu_by_process.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter

# (stage, pattern on "function (file:line)"): the first stage that matches a frame wins.
STAGES = [
    ("start-up: model and resources", r"^(warm_up|load_nlp) |^ArticleCoder\.__init__ "),
    (
        "read input (JSON lines -> Article)",
        r"^(read_items|item_from_line|item_from_row|_lines) |ArticleCoder\._items",
    ),
    ("clean_article", r"^(_prepare|clean_article) "),
    ("extract: times", r"^extract_times "),
    ("extract: places", r"^extract_places "),
    ("extract: actors", r"^extract_actors "),
    ("extract: quotes", r"^extract_quotes "),
    ("extract: events", r"^extract_events "),
    ("records (CodedArticle)", r"^extract_all "),
    ("to_dict", r"^to_dict |records\.py"),
    ("json.dumps", r"^dumps |json/encoder"),
    ("Parquet write", r"^(ParquetSink|rows_table|ParquetWriter)|pyarrow/parquet"),
    ("Arrow tables", r"pyarrow"),
    ("spaCy parse (nlp.pipe)", r"spacy/|thinc/|^_apply_pipes |^_multiprocessing_pipe "),
    (
        "IPC (pipes, pickling, queues)",
        r"multiprocessing/|^(dumps|loads|_recv|_send|recv|send|get|put) |srsly",
    ),
    ("imports", r"^_call_with_frames_removed |<frozen importlib"),
    ("Ray runtime", r"[(/]ray/"),
]
PROCESS = re.compile(r"^process \d+:")


def parse(path: str):
    """(frames, count) for every line of a raw profile."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, _, count = line.rpartition(" ")
            yield stack.split(";"), int(count)


def stage_of(frames: list[str]) -> str:
    for name, pattern in STAGES:
        if any(re.search(pattern, f) for f in frames):
            return name
    if not frames or not frames[-1]:
        return "no Python frame (native code, or idle)"
    return "other (" + frames[-1].split(" (")[0] + ")"


def summarise(path: str, root: str) -> dict[str, Counter]:
    """Counts per stage: 'main' for the root's process (only stacks under the root), and
    'workers' for every process started below it, all their stacks."""
    out: dict[str, Counter] = {}
    pids: dict[str, set] = {"main": set(), "workers": set()}
    for frames, count in parse(path):
        procs = [f for f in frames if PROCESS.match(f)]
        body = [f for f in frames if not PROCESS.match(f) and not f.startswith("thread ")]
        group = "workers" if len(procs) > 1 else "main"
        if group == "main":
            at = next((i for i, f in enumerate(body) if f.split(" (")[0] == root), None)
            if at is None:
                continue
            body = body[at + 1 :]
        # A forked worker's stack begins with its parent's frames: start below the fork.
        fork = max((i for i, f in enumerate(body) if f.startswith("BaseProcess._bootstrap ")), default=-1)
        pids[group].add(procs[-1].split(":")[0] if procs else "main")
        out.setdefault(group, Counter())[stage_of(body[fork + 1 :])] += count
    return {f"{g} ({len(pids[g])} process{'es' if len(pids[g]) > 1 else ''})": c for g, c in out.items()}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("profile")
    parser.add_argument("--root", default="run_batch", help="the function whose time is counted")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--rate", type=int, default=100, help="py-spy's samples per second")
    args = parser.parse_args()
    for process, counts in summarise(args.profile, args.root).items():
        total = sum(counts.values())
        print(f"{process}: {total} samples, {total / args.rate:.1f} s of sampled time")
        for name, count in counts.most_common(args.top):
            print(f"  {100 * count / total:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
