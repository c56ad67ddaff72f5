"""The `eventwire` command. Each subcommand is a thin wrapper over a library function."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

from .. import __version__
from ..errors import EventwireError, UsageError
from ..records import ErrorRecord, parse_published, to_dict
from ..settings import get_settings
from .progress import Progress

EXIT_OK, EXIT_ALL_FAILED, EXIT_USAGE, EXIT_RESOURCE, EXIT_INTERNAL = 0, 1, 2, 3, 4


def _write_jsonl(records, out) -> tuple[int, int]:
    total = failed = 0
    for record in records:
        total += 1
        failed += isinstance(record, ErrorRecord)
        out.write(json.dumps(to_dict(record), ensure_ascii=False) + "\n")
    out.flush()
    return total, failed


def _tee_to_store(records, store: str | None):
    """Pass records through, writing them to the store in batches on the way."""
    if store is None:
        yield from records
        return
    from ..store import open_store, write_records

    con = open_store(store)
    batch = []
    for record in records:
        batch.append(record)
        yield record
        if len(batch) >= 200:
            write_records(con, batch)
            batch.clear()
    write_records(con, batch)
    con.close()


def cmd_code(args) -> int:
    from ..ingest import read_inputs
    from ..pipeline import code_many

    try:
        parse_published(args.published)  # fail fast on a bad date, as a usage error
    except EventwireError as exc:
        raise UsageError(str(exc).split("] ", 1)[-1]) from None
    notes: list[str] = []
    items = read_inputs(args.inputs, published=args.published, notes=notes)
    if not args.quiet:
        for note in notes:
            print(f"code: {note}", file=sys.stderr)
    progress = Progress(enabled=not args.quiet)
    records = _tee_to_store(
        progress(code_many(items, batch_size=args.batch_size, n_process=args.processes)), args.store
    )
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        total, failed = _write_jsonl(records, out)
    finally:
        if args.output:
            out.close()
    progress.finish()
    if failed:
        print(f"{failed} of {total} articles failed; see their error records.", file=sys.stderr)
    return EXIT_ALL_FAILED if total and failed == total else EXIT_OK


def demo_articles_path() -> Path:
    return Path(str(resources.files("eventwire.demo") / "articles.jsonl"))


def cmd_demo(args) -> int:
    """Ingest the bundled demo articles (once: a rerun stores nothing new), print a summary,
    then serve the dashboard over the store unless --no-serve."""
    from ..ingest.runner import ingest
    from ..store import open_store

    progress = Progress(label="coding the demo articles", every=1.0)
    con = open_store(args.store)
    report = ingest([demo_articles_path()], con, progress=progress)
    progress.finish()
    print(f"Demo articles: {report.stored} stored, {report.skipped} already in {args.store}.\n")
    print_summary(con)
    con.close()
    if args.no_serve:
        return EXIT_OK
    from .serve import cmd_serve

    print()
    return cmd_serve(args)


def _table(rows: list[dict], columns: list[str]) -> str:
    cells = [[str(row.get(c, "") if row.get(c) is not None else "") for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i][:60]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(v[:60].ljust(w) for v, w in zip(r, widths)) for r in cells]
    return "\n".join(lines)


def print_summary(con) -> None:
    from ..store import dyad_days, store_counts, top_actors, top_quotes

    counts = store_counts(con)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    print("\nEvents per dyad and day (asserted and intended, not negated):")
    print(_table(dyad_days(con), ["day", "dyad", "events", "q1", "q2", "q3", "q4", "goldstein_sum"]))
    print("\nTop actors:")
    print(_table(top_actors(con), ["actor", "code", "events"]))
    print("\nQuotes by speaker:")
    print(_table(top_quotes(con), ["speaker", "code", "quotes", "example"]))


def cmd_summary(args) -> int:
    from ..store import open_store

    print_summary(open_store(args.store, read_only=True))
    return EXIT_OK


def cmd_setup(args) -> int:
    """Build caches ahead of first use, so the first real run is fast."""
    from ..nlp import load_nlp
    from ..resources.gazetteer import build_gazetteer

    load_nlp()
    print("English model: loaded", file=sys.stderr)
    path = build_gazetteer(force=args.force)
    print(f"gazetteer: {path}", file=sys.stderr)
    from ..resources.actor_kb import build_kb

    print(f"actor knowledge base: {build_kb(force=args.force)}", file=sys.stderr)
    return EXIT_OK


def cmd_eval(args) -> int:
    from .. import evaluation

    shared = evaluation.find_shared(args.shared)
    if shared is None:
        print(
            "The evaluation sets are not here: ../shared/eval is absent; pass --shared DIR.", file=sys.stderr
        )
        return EXIT_USAGE
    progress = Progress(enabled=not args.quiet)
    results = evaluation.evaluate(args.tasks or evaluation.TASKS, shared, progress=progress)
    floors_path = Path(args.floors)
    if args.json:
        print(json.dumps({t: r["metrics"] for t, r in results.items()}, indent=2))
    else:
        for task, result in results.items():
            metrics = "  ".join(f"{k} {v:.3f}" for k, v in result["metrics"].items() if v is not None)
            print(f"{task:8} {metrics}")
        if "reliability" in results.get("gsr", {}):
            from ..reliability import format_table

            print("gsr reliability of counted events' confidence:")
            print(format_table(results["gsr"]["reliability"]))
        for seed in results.get("seed", {}).get("articles", {}).values():
            for line in seed["missing"] + seed["forbidden"]:
                print(f"  seed: {line}")
    if args.update_floors:
        floors_path.write_text(json.dumps({"floors": evaluation.floors_from(results)}, indent=2) + "\n")
        print(f"floors written to {floors_path}", file=sys.stderr)
        return EXIT_OK
    if floors_path.exists():
        failures = evaluation.below_floors(results, evaluation.load_floors(floors_path))
        for failure in failures:
            print(f"BELOW FLOOR: {failure}", file=sys.stderr)
        return EXIT_ALL_FAILED if failures else EXIT_OK
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="eventwire", description=__doc__)
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    code = sub.add_parser("code", help="code articles into contract JSON lines")
    code.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt, .html or .jsonl files, folders of them, or - for standard input "
        "(JSON Lines of articles, or one text article)",
    )
    code.add_argument(
        "--published", metavar="DATE", help="publication date where the input has none (ISO 8601)"
    )
    code.add_argument(
        "-o", "--output", metavar="FILE", help="write JSON lines here instead of standard output"
    )
    code.add_argument("--store", metavar="DUCKDB", help="also write the coded articles to this store")
    code.add_argument("--batch-size", type=int, default=settings.batch_size, help="articles per parser batch")
    code.add_argument(
        "--processes",
        type=int,
        default=1,
        help="worker processes, each running the whole pipeline (pays off from a few hundred articles)",
    )
    code.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    code.set_defaults(func=cmd_code)

    demo = sub.add_parser(
        "demo", help="ingest the bundled demo articles, summarise them, serve the dashboard"
    )
    demo.add_argument(
        "--store", default=settings.store, metavar="DUCKDB", help=f"store file (default {settings.store})"
    )
    demo.add_argument(
        "--no-serve", action="store_true", help="only code and summarise; do not start the dashboard"
    )
    demo.add_argument("--host", default="127.0.0.1", help="dashboard address (default 127.0.0.1)")
    demo.add_argument("--port", type=int, default=8765, help="dashboard port (default 8765)")
    demo.set_defaults(func=cmd_demo, log_level="warning", refresh=2.0, workers=1)

    summary = sub.add_parser("summary", help="summarise a store: events per dyad and day, actors, quotes")
    summary.add_argument("--store", default=settings.store, metavar="DUCKDB")
    summary.set_defaults(func=cmd_summary)

    setup = sub.add_parser("setup", help="build the gazetteer cache and check the model loads")
    setup.add_argument("--force", action="store_true", help="rebuild the gazetteer even if cached")
    setup.set_defaults(func=cmd_setup)

    ev = sub.add_parser("eval", help="score the dev gold sets and the seed; compare with the floors")
    ev.add_argument(
        "tasks",
        nargs="*",
        metavar="TASK",
        help="events, gsr, quotes, places, times, actors, seed (default: all)",
    )
    ev.add_argument("--shared", metavar="DIR", help="the shared folder (default: ../shared)")
    ev.add_argument(
        "--floors", default="eval/floors.json", metavar="FILE", help="floors file (default eval/floors.json)"
    )
    ev.add_argument(
        "--update-floors", action="store_true", help="write today's numbers less 0.01 as the floors"
    )
    ev.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ev.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    ev.set_defaults(func=cmd_eval)

    # Commands of other shells register themselves (ingest/watch/export, serve, batch).
    from . import actor, batch, collect, serve

    for module in (collect, serve, batch, actor):
        module.register(sub, settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except UsageError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except EventwireError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return EXIT_RESOURCE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a bug of ours must not look like "every input failed"
        import traceback

        traceback.print_exc(file=sys.stderr)
        print(
            f"eventwire: internal error ({type(exc).__name__}: {str(exc)[:300]}); this is a bug in "
            "eventwire: please report it with the command and the input.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
