"""A live eventwire server over a store of the bundled demo articles, and a headless
Chromium (Debian's /usr/bin/chromium driven by Playwright) for the dashboard tests.

Every fixture skips with the reason when something the browser test needs is missing,
so the rest of the suite still runs on a machine without a browser.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
STATIC = REPO / "src" / "eventwire" / "web" / "static"
VENDOR = STATIC / "vendor"
ARTIFACTS = REPO / "artifacts"
# Flags for a quiet, offline, root-run headless browser (no sandbox: CI runs as root).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _need_vendor() -> None:
    """The page's libraries and map come from npm; copy them in if node_modules has them."""
    if all((VENDOR / name).is_file() for name in ("countries-50m.json", "swagger-ui-bundle.js")):
        return
    if (REPO / "node_modules" / "world-atlas").is_dir():
        import importlib.util

        spec = importlib.util.spec_from_file_location("vendor_js", REPO / "scripts" / "vendor_js.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.vendor(REPO / "node_modules", VENDOR)
        return
    pytest.skip(
        f"{VENDOR} is empty: run `npm ci && python scripts/vendor_js.py` to install the dashboard's libraries"
    )


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    """A store coded from the bundled demo articles (about 3 s)."""
    import eventwire
    from eventwire.ingest.files import read_inputs
    from eventwire.store import open_store, write_records

    demo = Path(eventwire.__file__).parent / "demo" / "articles.jsonl"
    path = tmp_path_factory.mktemp("dashboard") / "demo.duckdb"
    con = open_store(path)
    write_records(con, eventwire.code_many(read_inputs([str(demo)])))
    con.close()
    return path


# Module scope: the server and the browser end with the dashboard tests instead of
# idling through the rest of the suite.
@pytest.fixture(scope="module")
def live_server(demo_store) -> str:
    """The real app (eventwire.web.create_app) served by uvicorn on a free loopback port."""
    try:
        from eventwire.web.app import create_app
    except ImportError as exc:
        pytest.skip(f"the web app is not importable ({exc})")
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(store_path=demo_store), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the eventwire server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    _need_vendor()
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, live_server):
    """A fresh 1440x1000 page; records console errors and any request that leaves the server."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.console_errors = []
    page.foreign_requests = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))

    def guard(route):
        # The dashboard must work offline: anything not for our server is recorded and refused.
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            page.foreign_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.set_default_timeout(15000)
    yield page
    context.close()
