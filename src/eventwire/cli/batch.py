"""The `batch` command: code JSON Lines or Parquet into Parquet, locally or on Ray.

A thin wrapper over `eventwire.batch.run_batch`."""

from __future__ import annotations

import sys
import time


def cmd_batch(args) -> int:
    from ..batch import run_batch

    last = [time.perf_counter()]

    def progress(state: dict) -> None:
        now = time.perf_counter()
        if not args.quiet and now - last[0] >= 2.0:
            last[0] = now
            print(
                f"batch: {state['articles']} articles, {state['events']} events, "
                f"{state['errors']} errors, {state['articles'] / max(state['seconds'], 1e-9):.1f} "
                "articles/s",
                file=sys.stderr,
                flush=True,
            )

    summary = run_batch(
        args.input,
        args.output,
        args.engine,
        processes=args.processes,
        batch_size=args.batch_size,
        address=args.address,
        store=args.store,
        published=args.published,
        on_progress=progress,
    )
    print(
        f"batch ({args.engine}): {summary['articles']} articles, {summary['events']} events, "
        f"{summary['errors']} errors in {summary['seconds']:.1f} s "
        f"({summary['articles_per_s']:.1f} articles/s)"
        + (f"; {summary['stored']} stored in {args.store}" if args.store else ""),
        file=sys.stderr,
    )
    return 1 if summary["articles"] and summary["errors"] == summary["articles"] else 0


def register(sub, settings) -> None:
    """Add this module's subcommands to the `eventwire` parser."""
    batch = sub.add_parser("batch", help="code JSON Lines or Parquet into Parquet, locally or on Ray")
    batch.add_argument("input", metavar="INPUT", help=".jsonl, .jsonl.gz or .parquet: a file, folder or glob")
    batch.add_argument(
        "output", metavar="OUTPUT", help="Parquet file (name ending .parquet) or folder: one row per article"
    )
    batch.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: spaCy processes here; ray: Ray Data (default local)",
    )
    batch.add_argument(
        "--address", metavar="ADDR", help="join this Ray cluster (e.g. auto or ray://host:10001)"
    )
    batch.add_argument(
        "--processes",
        type=int,
        default=None,
        help="worker processes (local) or Ray workers (default: this machine's cores)",
    )
    batch.add_argument("--batch-size", type=int, default=settings.batch_size, help="articles per batch")
    batch.add_argument("--store", metavar="DUCKDB", help="also load the output into this store (one writer)")
    batch.add_argument("--published", metavar="DATE", help="publication date where the input has none")
    batch.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    batch.set_defaults(func=cmd_batch)
