"""The `serve` command: the REST API and the dashboard, over one store."""

from __future__ import annotations

import sys


def load_demo(store: str) -> int:
    """Code the bundled demo articles into the store (replacing earlier copies)."""
    from ..ingest import read_inputs
    from ..pipeline import code_many
    from ..store import write_records
    from ..store.database import writing
    from .main import demo_articles_path

    records = list(code_many(read_inputs([str(demo_articles_path())])))
    with writing(store) as con:
        return write_records(con, records)


def cmd_serve(args) -> int:
    import uvicorn

    from ..web import create_app

    # `eventwire demo` calls this too, with its own options (no --demo, no --refresh).
    if getattr(args, "demo", False):
        print(f"eventwire: coding the demo articles into {args.store} ...", file=sys.stderr, flush=True)
        print(f"eventwire: {load_demo(args.store)} demo articles stored", file=sys.stderr)
    app = create_app(args.store, refresh_seconds=getattr(args, "refresh", 2.0))
    mode = ("POST /api/articles enabled" if app.state.store.writable
            else "read-only: set EVENTWIRE_API_TOKEN to enable POST /api/articles")
    print(f"eventwire: serving {args.store} ({mode})", file=sys.stderr)
    print(f"eventwire: dashboard at http://{args.host}:{args.port}/  API docs at http://{args.host}:{args.port}/docs",
          flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=getattr(args, "log_level", "warning"))
    return 0


def register(sub, settings) -> None:
    """Add this module's subcommands to the `eventwire` parser."""
    serve = sub.add_parser("serve", help="serve the REST API and the dashboard over a store")
    serve.add_argument("--store", default=settings.store, metavar="DUCKDB",
                       help=f"store file (default {settings.store}; created empty if absent)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    serve.add_argument("--demo", action="store_true", help="first code the bundled demo articles into the store")
    serve.add_argument("--refresh", type=float, default=2.0, metavar="SECONDS",
                       help="how often to look for changes of the store file (default 2)")
    serve.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"],
                       help="server log level (default warning)")
    serve.set_defaults(func=cmd_serve)
