"""The `eventwire` command, run in-process through `main()` and once as a real subprocess."""

import json
import subprocess
import sys

import pytest

from eventwire.cli.main import main
from tests.conftest import SEED_TEXT, need_shared

ARTICLE = "India and Pakistan agreed to a ceasefire on Saturday, officials said."


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_code_text_file(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, records, _ = run(capsys, "code", str(path), "--published", "2025-05-10")
    assert code == 0
    (record,) = records
    assert record["id"] == "a.txt" and record["published"] == "2025-05-10" and record["text"] == ARTICLE
    assert set(record) >= {"actors", "events", "quotes", "places", "times", "title", "url", "source"}


def test_bad_inputs_become_error_records_in_place(tmp_path, capsys):
    (tmp_path / "1-good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "2-empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "3-binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "4-latin1.txt").write_bytes("Le ministre a déclaré que la trêve tenait.".encode("latin-1"))
    (tmp_path / "5-broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    (tmp_path / "6-lines.jsonl").write_text(
        '{"id": "j1", "text": "Pakistan accused India."}\n{oops\n', encoding="utf-8"
    )
    code, records, err = run(capsys, "code", str(tmp_path), "--quiet")
    assert code == 0  # some articles failed, not all
    assert [r["id"] for r in records] == [
        "1-good.txt",
        "2-empty.txt",
        "3-binary.txt",
        "4-latin1.txt",
        "5-broken.html",
        "j1",
        "6-lines.jsonl:2",
    ]
    failed = {r["id"]: r["error"]["type"] for r in records if "error" in r}
    assert failed == {
        "2-empty.txt": "InputError",
        "3-binary.txt": "InputError",
        "5-broken.html": "InputError",
        "6-lines.jsonl:2": "InputError",
    }
    assert "déclaré" in records[3]["text"]
    assert "4 of 7 articles failed" in err


def test_exit_codes(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert run(capsys, "code", str(empty))[0] == 1  # every input failed
    assert run(capsys, "code", str(tmp_path / "missing.txt"))[0] == 2  # usage error
    assert run(capsys, "code", str(empty), "--published", "2025-13-40")[0] == 2
    with pytest.raises(SystemExit) as exc:
        main(["code"])
    assert exc.value.code == 2


def test_store_option_writes_duckdb(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "s.duckdb"
    assert run(capsys, "code", str(path), "--store", str(store))[0] == 0
    assert run(capsys, "code", str(path), "--store", str(store))[0] == 0  # recoding replaces
    code = main(["summary", "--store", str(store)])
    assert code == 0 and "1 articles" in capsys.readouterr().out


def test_stdin_and_seed_as_subprocess(tmp_path):
    need_shared(SEED_TEXT)
    result = subprocess.run(
        [sys.executable, "-m", "eventwire.cli.main", "code", "-", "--published", "2025-05-10"],
        input=SEED_TEXT.read_bytes(),
        capture_output=True,
        check=True,
    )
    record = json.loads(result.stdout)
    assert record["id"] == "stdin" and "Also Read" not in record["text"]


def test_stdin_json_lines_are_articles():
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "published": "2025-05-10"}),
        "{broken",
        json.dumps({"id": "a2", "text": "Talks resumed in Doha.", "published": "2025-05-11"}),
    ]
    result = subprocess.run(
        [sys.executable, "-m", "eventwire.cli.main", "code", "-", "-q"],
        input="\n".join(lines).encode(),
        capture_output=True,
        check=True,
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a1", "stdin:2", "a2"]
    assert records[0]["published"] == "2025-05-10" and records[0]["text"] == ARTICLE
    assert records[1]["error"]["type"] == "InputError"


def test_demo_ingests_once_and_summarises(tmp_path, capsys):
    store = str(tmp_path / "demo.duckdb")
    assert main(["demo", "--store", store, "--no-serve"]) == 0
    first = capsys.readouterr().out
    assert "14 stored" in first and "Events per dyad and day" in first and "IND->PAK" in first
    assert main(["demo", "--store", store, "--no-serve"]) == 0
    assert "0 stored, 14 already" in capsys.readouterr().out


def test_actor_lookup_prints_the_code_and_the_row_used(capsys):
    assert main(["actor", "Jüri Ratas", "--date", "2020-05-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Jüri Ratas on 2020-05-01: ESTGOV (in office)")
    assert "row used: ESTGOV Prime Minister (2016-11-23 to 2021-01-13" in out
    assert main(["actor", "Jüri Ratas", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "latest"
    assert main(["actor", "Jüri Ratas", "--date", "1st of May"]) == 2
