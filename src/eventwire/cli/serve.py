"""The `serve` command: the REST API and the dashboard, over one store."""

from __future__ import annotations

import sys


def cmd_serve(args) -> int:
    import uvicorn

    from ..settings import get_settings
    from ..web import create_app

    # The address it listens on is a name the server answers to; a wildcard address is not
    # (clients name the machine), so EVENTWIRE_ALLOWED_HOSTS must list those names.
    hosts = get_settings().allowed_hosts
    if args.host not in ("0.0.0.0", "::", ""):
        hosts = f"{hosts},{args.host}"
    else:
        print(
            f"eventwire: listening on all addresses; only the hosts {hosts!r} are answered "
            "(set EVENTWIRE_ALLOWED_HOSTS to the names clients use)",
            file=sys.stderr,
        )
    app = create_app(args.store, refresh_seconds=args.refresh, allowed_hosts=hosts)
    mode = (
        "POST /api/articles enabled"
        if app.state.store.writable
        else "read-only: set EVENTWIRE_API_TOKEN to enable POST /api/articles"
    )
    print(f"eventwire: serving {args.store} ({mode})", file=sys.stderr)
    print(
        f"eventwire: dashboard at http://{args.host}:{args.port}/  API docs at http://{args.host}:{args.port}/docs",
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def register(sub, settings) -> None:
    """Add this module's subcommands to the `eventwire` parser."""
    serve = sub.add_parser("serve", help="serve the REST API and the dashboard over a store")
    serve.add_argument(
        "--store",
        default=settings.store,
        metavar="DUCKDB",
        help=f"store file (default {settings.store}; created empty if absent)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    serve.add_argument(
        "--refresh",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="how often to look for changes of the store file (default 2)",
    )
    serve.add_argument(
        "--log-level",
        default="warning",
        choices=["critical", "error", "warning", "info", "debug"],
        help="server log level (default warning)",
    )
    serve.set_defaults(func=cmd_serve)
