"""The ingest, watch and export commands, end to end against a loopback web server."""

import http.server
import threading

import pytest

from eventwire.cli.main import main
from eventwire.store import open_store

from .helpers import PAGE, rss

STORY = "India and Pakistan agreed to a ceasefire on Saturday, the foreign ministry in New Delhi said."


@pytest.fixture
def server():
    """A loopback server with a feed and one story (port chosen by the system)."""
    pages: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path not in pages:
                self.send_error(404)
                return
            ctype, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_port}"
    pages["/feed.xml"] = (
        "application/rss+xml",
        rss([("Ceasefire", f"{base}/story", "Sat, 10 May 2025 18:00:00 +0530")]).encode(),
    )
    pages["/story"] = (
        "text/html",
        PAGE.format(title="Ceasefire", canonical=f"{base}/story", date="2025-05-10", body=STORY).encode(),
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_ingest_feed_from_loopback_needs_allow_private(server, tmp_path, capsys):
    store = str(tmp_path / "s.duckdb")
    assert main(["ingest", f"{server}/feed.xml", "--store", store, "-q"]) == 1  # refused, nothing read
    assert "non-public" in capsys.readouterr().err
    assert main(["ingest", f"{server}/feed.xml", "--store", store, "-q", "--allow-private"]) == 0
    assert "1 stored" in capsys.readouterr().err
    assert main(["ingest", f"{server}/feed.xml", "--store", store, "-q", "--allow-private"]) == 0
    assert "0 stored" in capsys.readouterr().err
    con = open_store(store, read_only=True)
    assert con.execute("SELECT count(*) FROM ingest_failures").fetchone()[0] == 0  # the refusal was cleared
    assert con.execute("SELECT published FROM articles").fetchone()[0] == "2025-05-10T18:00:00+05:30"


def test_watch_and_export_commands(server, tmp_path, capsys):
    store = str(tmp_path / "s.duckdb")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{server}/feed.xml\n{server}/missing.xml\n", encoding="utf-8")
    assert (
        main(["watch", str(feeds), "--every", "1s", "--cycles", "2", "--store", store, "--allow-private"])
        == 0
    )
    err = capsys.readouterr().err
    assert "cycle 1: 2 feeds, 1 new articles" in err and "cycle 2: 2 feeds, 0 new articles" in err
    assert f"down: {server}/missing.xml" in err
    out = tmp_path / "events.tsv"
    assert main(["export", "--format", "gdelt", "--store", store, "-o", str(out)]) == 0
    assert all(len(line.split("\t")) == 61 for line in out.read_text().splitlines())


@pytest.mark.parametrize(
    "argv, message",
    [
        (["watch", "feeds.txt", "--every", "soon"], "not an interval"),
        (["watch", "nofile.txt"], "no feeds file"),
        (["ingest", "nofile.txt"], "no such file"),
        (["ingest", "x.txt", "--published", "yesterday"], "not an ISO 8601 date"),
    ],
)
def test_usage_errors(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feeds.txt").write_text("https://n.example/feed\n")
    (tmp_path / "x.txt").write_text("Text.")
    assert main(argv + ["--store", str(tmp_path / "s.duckdb")]) == 2
    assert message in capsys.readouterr().err
