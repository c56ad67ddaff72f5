"""The `serve` command: the REST API and the dashboard, over one store."""

from __future__ import annotations

import json
import os
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
    options = {"host": args.host, "port": args.port, "log_level": args.log_level, "access_log": False}
    if args.workers <= 1:
        uvicorn.run(app, **options)
        return 0
    # Several processes, each with its own snapshot, share the port: uvicorn starts each from
    # the factory below, which reads what this process decided from the environment.
    app.state.store.close()
    os.environ[SERVE_OPTIONS] = json.dumps(
        {"store": str(args.store), "refresh": args.refresh, "hosts": hosts}
    )
    # A process loading its snapshot of a large store can be slow to answer uvicorn's
    # health check (5 s by default), which would kill and restart it again and again.
    uvicorn.run(
        f"{__name__}:app_from_environment",
        factory=True,
        workers=args.workers,
        timeout_worker_healthcheck=120,
        **options,
    )
    return 0


SERVE_OPTIONS = "EVENTWIRE_SERVE_OPTIONS"


def app_from_environment():
    """The app of one `serve --workers N` process."""
    from ..web import create_app

    options = json.loads(os.environ[SERVE_OPTIONS])
    return create_app(options["store"], refresh_seconds=options["refresh"], allowed_hosts=options["hosts"])


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
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes (default 1); each keeps its own copy of the store in memory, "
        "so N processes need N times the memory; use one per core for the most requests per second",
    )
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
