"""The FastAPI application: `create_app(store_path=None, token=None)`.

The app serves an in-memory snapshot of the store (`store.snapshot`), so it never keeps
the store file open: `eventwire watch` or `ingest` can write to it while the dashboard is
up. Before a request, at most once per `refresh_seconds`, the app checks whether the file
changed and copies it again if so (a request that finds a writer busy serves the previous
snapshot). Each request gets its own cursor (DuckDB connections are not shared across
threads). POST /api/articles, allowed when a token is configured, opens the file for
writing just long enough to store the article, then reloads the snapshot.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Iterable
from contextlib import asynccontextmanager
from pathlib import Path

import duckdb
from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import StoreError
from ..records import Result
from ..settings import get_settings
from ..store import write_records
from ..store.database import SCHEMA_VERSION, schema_version, writing
from ..store.snapshot import load_snapshot, read_record, signature
from .cache import SnapshotCache
from .errors import install_error_handlers
from .guards import Guard, parse_hosts
from .routes import router

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"

_PLACEHOLDER = """<!doctype html><meta charset="utf-8"><title>eventwire</title>
<h1>eventwire</h1><p>The dashboard files are not installed (run <code>make demo</code>, or
<code>npm ci && python scripts/vendor_js.py</code>). The API is described by
<a href="/openapi.json">/openapi.json</a>.</p>"""


# Swagger UI from our own copy, started by static/docs.js: no inline script, so the page
# keeps the Content Security Policy of the dashboard.
_DOCS = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>eventwire API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui.css"><link rel="icon" href="data:,"></head>
<body><div id="swagger-ui"></div><script src="/static/vendor/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>"""


def _is_current(path: str) -> bool:
    """False when the store's schema is older than this eventwire's (or cannot be read now)."""
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error:
        return True  # a writer holds it: it migrates stores itself
    try:
        return schema_version(con) >= SCHEMA_VERSION
    finally:
        con.close()


class StoreHandle:
    """The snapshot of one store file, kept fresh, and the way to write to the file."""

    def __init__(self, path: str | Path, writable: bool, refresh_seconds: float = 2.0, wait: float = 5.0):
        self.path = str(path)
        self.writable = writable
        self.refresh_seconds = refresh_seconds
        self.lock = threading.Lock()  # one reload or write at a time
        self.con = duckdb.connect(":memory:")
        self.loaded_signature: tuple | None = None
        self.loaded_at = 0.0
        # Bumped whenever a new snapshot is swapped in: the cache keeps answers per generation.
        self.generation = 0
        self.cache = SnapshotCache()
        self.checked_at = 0.0
        self.closed = False
        self._loader: threading.Thread | None = None
        # A new store is created empty (so the dashboard has something to read) and an old
        # one migrated, both by opening it for writing once.
        if not Path(path).exists() or not _is_current(self.path):
            with writing(path):
                pass
        deadline = time.monotonic() + wait
        while not self._reload():
            if time.monotonic() >= deadline:
                # A long `eventwire ingest` holds the file: serve an empty store now, and the
                # store itself as soon as the writer lets go (refresh keeps trying).
                log.warning(
                    "the store %s is held by a writer; serving an empty store until it is free", self.path
                )
                self._load_empty()
                break
            time.sleep(0.5)

    def _load_empty(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            empty = Path(folder) / "empty.duckdb"
            with writing(empty):
                pass
            load_snapshot(self.con, empty)
        self.generation += 1

    def _reload(self) -> bool:
        """Copy the file into the snapshot; False when a writer holds the file right now."""
        sig = signature(self.path)
        try:
            load_snapshot(self.con, self.path)
        except StoreError as exc:
            if "schema version" in str(exc):
                raise
            log.info("store busy, keeping the previous snapshot: %s", exc)
            return False
        self.loaded_signature, self.loaded_at = sig, time.time()
        self.generation += 1
        return True

    def refresh(self, force: bool = False) -> None:
        """Reload if the file changed (checked at most once per refresh_seconds).

        A change found while serving a request is loaded in a background thread, so no
        request waits for the copy (2-3 s for a million events): requests meanwhile read
        the previous snapshot. `force` reloads now, in the caller's thread.
        """
        now = time.monotonic()
        if not force and now - self.checked_at < self.refresh_seconds:
            return
        if not self.lock.acquire(blocking=force):
            return  # a reload or write is under way: serve the current snapshot
        self.checked_at = now
        if not force and signature(self.path) == self.loaded_signature:
            self.lock.release()
            return
        if force:
            try:
                self._reload()
            finally:
                self.lock.release()
            return
        self._loader = threading.Thread(target=self._reload_and_release, name="eventwire-reload", daemon=True)
        self._loader.start()

    def _reload_and_release(self) -> None:
        try:
            if not self.closed:
                self._reload()
        except Exception:
            log.exception("reloading the store %s failed", self.path)
        finally:
            self.lock.release()

    def write(self, records: list[Result]) -> None:
        """Store records in the file (waiting for a busy writer), then reload the snapshot."""
        with self.lock, writing(self.path) as con:
            write_records(con, records)
        self.refresh(force=True)

    def record(self, article_id: str, wait: float = 10.0) -> dict | None:
        """One article's stored record, read from the file (the snapshot leaves records on
        disk); waits up to `wait` seconds for a busy writer."""
        deadline = time.monotonic() + wait
        while True:
            with self.lock:
                try:
                    return read_record(self.con, self.path, article_id)
                except StoreError:
                    if time.monotonic() >= deadline:
                        raise
            time.sleep(0.2)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        self.refresh()
        return self.con.cursor()

    def close(self) -> None:
        self.closed = True
        if self._loader is not None:
            self._loader.join()
        self.con.close()


def create_app(
    store_path: str | Path | None = None,
    token: str | None = None,
    refresh_seconds: float = 2.0,
    allowed_hosts: str | Iterable[str] | None = None,
) -> FastAPI:
    """The API over the store at `store_path` (default: settings `store`); POST /api/articles
    requires `Authorization: Bearer <token>` (default: settings `api_token`). The snapshot
    follows changes of the file within `refresh_seconds`. Requests must name one of
    `allowed_hosts` in their Host header (default: settings `allowed_hosts`)."""
    settings = get_settings()
    store_path = store_path or settings.store
    token = token if token is not None else settings.api_token
    hosts = parse_hosts(allowed_hosts if allowed_hosts is not None else settings.allowed_hosts)
    handle = StoreHandle(store_path, writable=bool(token), refresh_seconds=refresh_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        handle.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # served below from our own copy of Swagger UI, not a CDN
        redoc_url=None,
        title="eventwire",
        version=__version__,
        description="Political events, actors, quotes and places coded from news articles: "
        "filter events, read dyad timelines with an escalation index, and code new articles.",
    )
    app.state.token = token or None
    app.state.store = handle
    install_error_handlers(app)
    app.add_middleware(
        Guard, allowed_hosts=hosts, max_body=settings.max_request_bytes, token=lambda: app.state.token
    )
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        index = STATIC_DIR / "index.html"
        return FileResponse(index) if index.is_file() else HTMLResponse(_PLACEHOLDER)

    @app.get("/docs", include_in_schema=False)
    def docs():
        if not (VENDOR_DIR / "swagger-ui-bundle.js").is_file():
            return HTMLResponse(_PLACEHOLDER)
        return HTMLResponse(_DOCS)

    return app
