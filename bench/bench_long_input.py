"""Time and memory of one long article: 1k, 10k and 100k tokens, as one run-on sentence and
as ordinary sentences (issue 14: work per article must stay linear in its size).

Each case runs in its own process (the model load is not timed; peak memory is the
process's own). The text is made of sentences written for this benchmark, repeated; the
run-on case is the same words without sentence ends.

    .venv/bin/python bench/bench_long_input.py [--sizes 1000,10000,100000] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

SENTENCES = [
    "Pakistan accused India of shelling villages near the Line of Control on Friday.",
    "The foreign minister of China urged both countries to show restraint and return to talks.",
    "Officials in Islamabad said three civilians were killed and seven were wounded in the attack.",
    "The United States offered to mediate, a State Department spokesman told reporters in Washington.",
    "Indian troops arrested two men in Srinagar on Saturday, police said in a statement.",
    "Protesters blocked roads in Lahore and demanded that the government expel the envoy.",
    "The United Nations Secretary-General called for an immediate ceasefire along the border.",
    "Russia and Iran said they were ready to help, and the two leaders spoke by phone on Sunday.",
]


def text_of(tokens: int, run_on: bool) -> str:
    words: list[str] = []
    i = 0
    while len(words) < tokens:
        sentence = SENTENCES[i % len(SENTENCES)]
        words += (sentence.rstrip(".").replace(",", "") if run_on else sentence).split()
        i += 1
    text = " ".join(words[:tokens])
    return text + ("" if text.endswith(".") else ".")


def run_case(tokens: int, run_on: bool) -> dict:
    """One case, in this process: code the article once (after a warm-up) and measure."""
    from eventwire.pipeline import code_many
    from eventwire.records import Article, ErrorRecord

    list(code_many([Article(id="warm-up", text=SENTENCES[0])]))
    text = text_of(tokens, run_on)
    start = time.perf_counter()
    (record,) = code_many([Article(id="long", text=text, published="2025-05-10")])
    seconds = time.perf_counter() - start
    failed = isinstance(record, ErrorRecord)
    return {
        "tokens": tokens,
        "shape": "one sentence" if run_on else "sentences",
        "seconds": round(seconds, 2),
        "us_per_token": round(seconds / tokens * 1e6, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "events": 0 if failed else len(record.events),
        "error": record.message[:90] if failed else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="token counts, comma-separated")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # internal: TOKENS:run-on|sentences
    args = parser.parse_args()
    if args.case:
        tokens, shape = args.case.split(":")
        print(json.dumps(run_case(int(tokens), shape == "run-on")))
        return
    results = []
    for shape in ("run-on", "sentences"):
        for tokens in (int(s) for s in args.sizes.split(",")):
            out = subprocess.run(
                [sys.executable, __file__, "--case", f"{tokens}:{shape}"],
                capture_output=True,
                text=True,
                check=True,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            if not args.json:
                print(json.dumps(results[-1]), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
