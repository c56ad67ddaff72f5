"""Throughput of eventwire's end-to-end `code_many` against bare spaCy `nlp.pipe`.

Same model, same machine, same 2,000 Reuters-21578 articles (../shared/corpora), each mode
in its own process so peak memory is its own. Also times each extractor on the parsed docs,
to show what each stage adds to the parse.

    .venv/bin/python bench/bench_pipeline.py [--articles 2000] [--batch-size 64] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "reuters21578.jsonl.gz"


def load_articles(n: int):
    from eventwire.records import Article

    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(n), handle)]
    return [Article(id=r["id"], text=r["text"], published=r["published"], title=r["title"]) for r in rows]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bare(articles, batch_size: int) -> dict:
    """spaCy alone: the same model and tokenizer on the same cleaned texts."""
    from eventwire.clean import clean_article
    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    texts = [clean_article(a) for a in articles]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return {"seconds": time.perf_counter() - start, "words": sum(len(t.split()) for t in texts)}


def run_full(articles, batch_size: int) -> dict:
    """eventwire end to end: cleaning, parsing, every extractor, records."""
    from eventwire import code_article, code_many
    from eventwire.records import ErrorRecord

    code_article(articles[0])  # load the model and every resource before timing
    start = time.perf_counter()
    records = list(code_many(articles, batch_size=batch_size))
    seconds = time.perf_counter() - start
    words = sum(len(r.text.split()) for r in records if not isinstance(r, ErrorRecord))
    return {
        "seconds": seconds,
        "words": words,
        "errors": sum(isinstance(r, ErrorRecord) for r in records),
        "events": sum(len(r.events) for r in records if not isinstance(r, ErrorRecord)),
    }


def run_stages(articles, batch_size: int) -> dict:
    """Seconds per extractor over already parsed docs, beside the parse itself."""
    from eventwire import code_article
    from eventwire.clean import clean_article
    from eventwire.extract.actors import extract_actors
    from eventwire.extract.events import extract_events
    from eventwire.extract.places import extract_places
    from eventwire.extract.quotes import extract_quotes
    from eventwire.extract.times import extract_times
    from eventwire.nlp import load_nlp
    from eventwire.records import parse_published

    code_article(articles[0])
    nlp = load_nlp()
    texts = [clean_article(a) for a in articles]
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    seconds = {"parse": time.perf_counter() - start}
    dates = [parse_published(a.published) for a in articles]

    def timed(name, fn):
        begin = time.perf_counter()
        out = [fn(doc, i) for i, doc in enumerate(docs)]
        seconds[name] = time.perf_counter() - begin
        return out

    times = timed("times", lambda d, i: extract_times(d, dates[i]))
    places = timed("places", lambda d, i: extract_places(d))
    actors = timed("actors", lambda d, i: extract_actors(d, dates[i]))
    quotes = timed("quotes", lambda d, i: extract_quotes(d, actors[i]))
    timed("events", lambda d, i: extract_events(d, actors[i], quotes[i], times[i], places[i], dates[i]))
    return seconds


MODES = {"bare": run_bare, "full": run_full, "stages": run_stages}


def run_children(script: str, modes, articles: int, batch_size: int) -> dict | None:
    """Run `script --child MODE` for each mode, each in its own process (so peak memory is
    its own); their last output line is a JSON result. None if one of them failed."""
    results = {}
    for mode in modes:
        print(f"running {mode} on {articles} articles ...", file=sys.stderr, flush=True)
        out = subprocess.run(
            [
                sys.executable,
                script,
                "--child",
                mode,
                "--articles",
                str(articles),
                "--batch-size",
                str(batch_size),
            ],
            capture_output=True,
            text=True,
        )
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            return None
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    return results


def run_modes(args, script: str, modes, run_child) -> dict | int:
    """In a child process (`--child MODE`), run that mode and give exit code 0; in the
    parent, run each mode in its own process and give their results, or an exit code (2 if
    the corpus is absent, 1 if a mode failed)."""
    if args.child:
        run_child(args.child, args.articles, args.batch_size)
        return 0
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: the benchmark needs ../shared/corpora beside the repo.", file=sys.stderr)
        return 2
    return run_children(script, modes, args.articles, args.batch_size) or 1


def child(mode: str, n: int, batch_size: int) -> None:
    result = MODES[mode](load_articles(n), batch_size)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    results = run_modes(args, __file__, MODES, child)
    if isinstance(results, int):
        return results
    bare, full, stages = results["bare"], results["full"], results["stages"]
    summary = {
        "articles": args.articles,
        "bare_articles_per_s": args.articles / bare["seconds"],
        "bare_words_per_s": bare["words"] / bare["seconds"],
        "bare_peak_mb": bare["peak_mb"],
        "eventwire_articles_per_s": args.articles / full["seconds"],
        "eventwire_words_per_s": full["words"] / full["seconds"],
        "eventwire_peak_mb": full["peak_mb"],
        "ratio_to_bare": bare["seconds"] / full["seconds"],
        "events": full["events"],
        "errors": full["errors"],
        "stage_share_of_parse": {
            k: v / stages["parse"] for k, v in stages.items() if k not in ("parse", "peak_mb")
        },
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"{args.articles} Reuters-21578 articles, batch size {args.batch_size}, 1 process")
    print(f"{'':24}{'articles/s':>12}{'words/s':>10}{'peak MB':>10}")
    print(
        f"{'bare spaCy nlp.pipe':24}{summary['bare_articles_per_s']:12.1f}{summary['bare_words_per_s']:10.0f}{bare['peak_mb']:10.0f}"
    )
    print(
        f"{'eventwire code_many':24}{summary['eventwire_articles_per_s']:12.1f}{summary['eventwire_words_per_s']:10.0f}{full['peak_mb']:10.0f}"
    )
    print(
        f"ratio eventwire / bare spaCy: {summary['ratio_to_bare']:.2f}  ({full['events']} events, {full['errors']} errors)"
    )
    print(
        "extractor time as a share of the parse time: "
        + ", ".join(f"{k} {v:.1%}" for k, v in summary["stage_share_of_parse"].items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
