"""`eventwire serve`: registered, documented, prints its address, hands the app to uvicorn."""

from __future__ import annotations

import pytest

from eventwire.cli.main import build_parser, main


def test_serve_is_registered_with_its_options():
    args = build_parser().parse_args(["serve", "--store", "x.duckdb", "--port", "9000"])
    assert (args.command, args.store, args.host, args.port) == ("serve", "x.duckdb", "127.0.0.1", 9000)


@pytest.mark.parametrize("argv", [["serve", "--port", "eighty"], ["serve", "--log-level", "loud"]])
def test_serve_rejects_bad_options(argv, capsys):
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(argv)
    assert info.value.code == 2


def test_serve_prints_its_address_and_runs_uvicorn(tmp_path, monkeypatch, capsys):
    import uvicorn

    from eventwire.settings import get_settings

    monkeypatch.delenv("EVENTWIRE_API_TOKEN", raising=False)
    get_settings.cache_clear()
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    store = tmp_path / "new.duckdb"
    assert main(["serve", "--store", str(store), "--port", "8911"]) == 0
    out = capsys.readouterr()
    assert "http://127.0.0.1:8911/" in out.out and "read-only" in out.err
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8911
    assert store.exists()  # an empty store is created so the dashboard can start
    seen["app"].state.store.close()
    get_settings.cache_clear()


def test_demo_command_hands_over_to_serve(tmp_path, monkeypatch, capsys):
    """`eventwire demo` ingests, summarises, then calls this module's cmd_serve."""
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    assert main(["demo", "--store", str(tmp_path / "d.duckdb"), "--port", "8912"]) == 0
    assert "http://127.0.0.1:8912/" in capsys.readouterr().out and seen["port"] == 8912
    from fastapi.testclient import TestClient

    assert "IND-PAK" in {d["dyad"] for d in TestClient(seen["app"]).get("/api/dyads").json()}
    seen["app"].state.store.close()


def test_serve_answers_to_the_name_it_listens_on(tmp_path, monkeypatch):
    import uvicorn
    from fastapi.testclient import TestClient

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    assert main(["serve", "--store", str(tmp_path / "h.duckdb"), "--host", "box.lan"]) == 0
    assert TestClient(seen["app"], base_url="http://box.lan:8765").get("/api/health").status_code == 200
    assert TestClient(seen["app"], base_url="http://other.example").get("/api/health").status_code == 400
    seen["app"].state.store.close()


def test_serve_with_workers_hands_uvicorn_a_factory(tmp_path, monkeypatch):
    import uvicorn
    from fastapi.testclient import TestClient

    from eventwire.cli import serve

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv(serve.SERVE_OPTIONS, "")  # so the value serve sets is undone afterwards
    store = tmp_path / "w.duckdb"
    assert main(["serve", "--store", str(store), "--workers", "2", "--host", "box.lan"]) == 0
    assert seen["app"] == "eventwire.cli.serve:app_from_environment"
    assert seen["factory"] is True and seen["workers"] == 2
    app = serve.app_from_environment()  # what each worker process runs
    assert app.state.store.path == str(store)
    assert TestClient(app, base_url="http://box.lan").get("/api/health").status_code == 200
    app.state.store.close()
