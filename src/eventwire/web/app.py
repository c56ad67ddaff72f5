"""The FastAPI application: `create_app(store_path=None, token=None)`.

The app holds one DuckDB connection for its whole life and gives each request its own
cursor (DuckDB connections are not shared across threads). DuckDB allows one writing
process: when a token is configured the app opens the store for writing, so that POST
/api/articles can store what it codes; when another process already holds the write lock
(an `eventwire watch`), or no token is set, it opens read-only and POST answers 503.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path

import duckdb
from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import StoreError
from ..settings import get_settings
from ..store import open_store
from ..store.event_index import build_event_index
from .errors import install_error_handlers
from .routes import router

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

_PLACEHOLDER = """<!doctype html><meta charset="utf-8"><title>eventwire</title>
<h1>eventwire</h1><p>The dashboard files are not installed. The API is at
<a href="/docs">/docs</a> (OpenAPI: <a href="/openapi.json">/openapi.json</a>).</p>"""


class StoreHandle:
    """The app's connection to the store, whether it may write, and a lock for writes."""

    def __init__(self, path: str | Path, want_write: bool):
        self.path = str(path)
        self.lock = threading.Lock()
        self.writable = False
        self.read_only_reason = "no API token is configured (set EVENTWIRE_API_TOKEN)"
        if want_write:
            try:
                self.con = open_store(path)
                self.writable = True
                self.refresh()
                return
            except StoreError as exc:
                self.read_only_reason = f"another process is writing to the store ({exc})"
                log.warning("store %s opened read-only: %s", path, exc)
        if not Path(path).exists():
            open_store(path).close()  # an empty store, so the dashboard has something to read
        self.con = open_store(path, read_only=True)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the search index (at start, and after this process writes)."""
        build_event_index(self.con)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.con.cursor()

    def close(self) -> None:
        self.con.close()


def create_app(store_path: str | Path | None = None, token: str | None = None) -> FastAPI:
    """The API over the store at `store_path` (default: settings `store`); POST /api/articles
    requires `Authorization: Bearer <token>` (default: settings `api_token`)."""
    settings = get_settings()
    store_path = store_path or settings.store
    token = token if token is not None else settings.api_token
    handle = StoreHandle(store_path, want_write=bool(token))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        handle.close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire",
        version=__version__,
        description="Political events, actors, quotes and places coded from news articles: "
                    "filter events, read dyad timelines with an escalation index, and code new articles.",
    )
    app.state.token = token or None
    app.state.store = handle
    install_error_handlers(app)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        index = STATIC_DIR / "index.html"
        return FileResponse(index) if index.is_file() else HTMLResponse(_PLACEHOLDER)

    return app
