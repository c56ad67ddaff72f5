"""Commands that collect news into the store: ingest, watch, export. Thin wrappers over
`eventwire.ingest` and `eventwire.store.export`."""

from __future__ import annotations

import logging
import sys

from ..errors import EventwireError, UsageError
from ..records import parse_published
from .progress import Progress

EXIT_OK, EXIT_ALL_FAILED = 0, 1
#: How long `ingest` waits for a store another process holds (serve reloading a large store).
STORE_WAIT_SECONDS = 120.0


def _check_published(value: str | None) -> None:
    try:
        parse_published(value)  # fail fast on a bad date, as a usage error
    except EventwireError as exc:
        raise UsageError(str(exc).split("] ", 1)[-1]) from None


def cmd_ingest(args) -> int:
    from ..ingest.runner import ingest, sources_of
    from ..ingest.web import Fetcher
    from ..store.database import writing

    _check_published(args.published)
    notes: list[str] = []
    sources = sources_of(args.sources, notes)
    if not args.quiet:
        for note in notes:
            print(f"ingest: {note}", file=sys.stderr)
    progress = Progress(label="ingested", enabled=not args.quiet)
    # `serve` opens the file read-only while it reloads its copy (seconds to a minute on a
    # store of a million events), and DuckDB then refuses writers: wait for it.
    with (
        writing(args.store, wait=args.wait) as con,
        Fetcher(allow_private=args.allow_private, timeout=args.timeout) as fetcher,
    ):
        report = ingest(
            sources,
            con,
            fetcher=fetcher,
            published=args.published,
            progress=progress,
            batch_size=args.batch_size,
        )
    progress.finish()
    for failure in report.failures:
        print(f"eventwire: could not read {failure.origin}: {failure.error}", file=sys.stderr)
    print(f"ingest: {report.summary()} (store {args.store})", file=sys.stderr)
    nothing_read = report.stored == report.skipped == report.errors == 0
    return EXIT_ALL_FAILED if report.failures and nothing_read else EXIT_OK


def cmd_watch(args) -> int:
    from ..ingest.watch import parse_every, read_feeds_file, watch
    from ..ingest.web import Fetcher

    every = parse_every(args.every)
    feeds = read_feeds_file(args.feeds_file)
    if args.cycles is not None and args.cycles < 1:
        raise UsageError(f"--cycles {args.cycles} must be 1 or more (or left out to run until stopped).")

    def emit(line: str) -> None:
        print(f"watch: {line}", file=sys.stderr, flush=True)

    emit(
        f"{len(feeds)} feeds every {args.every} into {args.store}"
        + (f", {args.cycles} cycles" if args.cycles else ", until stopped (Ctrl-C)")
    )
    with Fetcher(allow_private=args.allow_private, timeout=args.timeout, revalidate_feeds=True) as fetcher:
        watch(feeds, args.store, every, cycles=args.cycles, fetcher=fetcher, emit=emit)
    return EXIT_OK


def cmd_export(args) -> int:
    from ..store.database import open_store
    from ..store.export import export

    con = open_store(args.store, read_only=True)
    try:
        count = export(
            con, args.format, args.output, sys.stdout, counted_only=not args.all, header=args.header
        )
    finally:
        con.close()
    if args.output:
        print(f"export: {count} {args.format} rows to {args.output}", file=sys.stderr)
    return EXIT_OK


def register(sub, settings) -> None:
    """Add this module's subcommands to the `eventwire` parser."""
    from ..store.export import FORMATS

    logging.getLogger("eventwire.ingest").setLevel(logging.ERROR)  # failures are printed by the commands

    ing = sub.add_parser(
        "ingest", help="code files, folders, URLs and RSS/Atom feeds into the store, once each"
    )
    ing.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help=".txt, .html, .jsonl(.gz), .csv, .parquet files, folders of them, page or feed URLs",
    )
    ing.add_argument(
        "--store", default=settings.store, metavar="DUCKDB", help=f"store file (default {settings.store})"
    )
    ing.add_argument(
        "--published", metavar="DATE", help="publication date where neither input, feed nor page gives one"
    )
    ing.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch URLs on loopback and private addresses too (refused by default)",
    )
    ing.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="time limit per URL, in all (redirects and slow servers included)",
    )
    ing.add_argument("--batch-size", type=int, default=settings.batch_size, help="articles per parser batch")
    wait_help = f"wait this long for a busy store (serve reloading it); default {STORE_WAIT_SECONDS:g}"
    ing.add_argument("--wait", type=float, default=STORE_WAIT_SECONDS, metavar="SECONDS", help=wait_help)
    ing.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    ing.set_defaults(func=cmd_ingest)

    wat = sub.add_parser("watch", help="poll RSS/Atom feeds and ingest new entries")
    wat.add_argument(
        "feeds_file", metavar="FEEDS_FILE", help="text file with one feed URL per line (# comments)"
    )
    wat.add_argument("--every", default="15m", help="interval between cycles: 90s, 15m, 1h (default 15m)")
    wat.add_argument(
        "--cycles", type=int, metavar="N", help="stop after N cycles (default: run until stopped)"
    )
    wat.add_argument(
        "--store", default=settings.store, metavar="DUCKDB", help=f"store file (default {settings.store})"
    )
    wat.add_argument(
        "--allow-private", action="store_true", help="fetch feeds on loopback and private addresses"
    )
    wat.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="time limit per URL, in all (redirects and slow servers included)",
    )
    wat.set_defaults(func=cmd_watch)

    exp = sub.add_parser(
        "export", help="export the store as GDELT 2.0 rows, PLOVER JSON, Parquet, CSV or JSON Lines"
    )
    exp.add_argument("--format", required=True, choices=FORMATS)
    exp.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of standard output (required for parquet)"
    )
    exp.add_argument(
        "--store", default=settings.store, metavar="DUCKDB", help=f"store file (default {settings.store})"
    )
    exp.add_argument("--all", action="store_true", help="also negated, requested and hypothetical events")
    exp.add_argument(
        "--header", action="store_true", help="gdelt: write a header row (GDELT's files have none)"
    )
    exp.set_defaults(func=cmd_export)
