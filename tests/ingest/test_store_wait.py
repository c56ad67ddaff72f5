"""`ingest` waits for a store that another process holds (issue 14: `serve` reloading a
large store opens it read-only, and DuckDB then refuses writers)."""

from __future__ import annotations

import subprocess
import sys
import time

from eventwire.cli.main import main
from eventwire.store import open_store

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold(store: str, seconds: float) -> subprocess.Popen:
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLD, store, str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout.readline().strip() == "holding"
    return reader


def test_ingest_waits_for_a_reader_to_let_go(tmp_path, capsys):
    store = str(tmp_path / "s.duckdb")
    open_store(store).close()
    article = tmp_path / "a.txt"
    article.write_text("Pakistan accused India of shelling villages in Kashmir on Friday.")
    reader = _hold(store, 3.0)
    try:
        started = time.monotonic()
        assert main(["ingest", str(article), "--store", store, "-q", "--wait", "60"]) == 0
        assert time.monotonic() - started >= 1.0  # it did wait
    finally:
        reader.wait(timeout=30)
    assert "1 stored" in capsys.readouterr().err


def test_ingest_gives_up_after_its_wait_with_a_clear_message(tmp_path, capsys):
    store = str(tmp_path / "s.duckdb")
    open_store(store).close()
    article = tmp_path / "a.txt"
    article.write_text("Pakistan accused India of shelling villages in Kashmir on Friday.")
    reader = _hold(store, 8.0)
    try:
        assert main(["ingest", str(article), "--store", store, "-q", "--wait", "1"]) == 3
    finally:
        reader.kill()
        reader.wait()
    assert "cannot open the store" in capsys.readouterr().err
