"""Exports: GDELT 2.0 columns, PLOVER fields, Parquet, CSV and JSON Lines."""

import io
import json

import duckdb
import pytest

import eventwire
from eventwire.errors import UsageError
from eventwire.store import open_store, write_records
from eventwire.store.export import GDELT_COLUMNS, export

TEXT = (
    "Pakistani troops fired on Indian posts in Kupwara on Friday, the Indian Army said. "
    "India summoned Pakistan's envoy in New Delhi on Saturday to protest."
)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = open_store(tmp_path_factory.mktemp("export") / "s.duckdb")
    write_records(
        con,
        [
            eventwire.code_article(
                eventwire.Article(
                    id="x", text=TEXT, published="2025-05-10", source="Wire", url="https://n.example/x"
                )
            )
        ],
    )
    return con


def test_gdelt_rows_have_the_61_columns(con):
    out = io.StringIO()
    count = export(con, "gdelt", None, out, header=True)
    lines = out.getvalue().splitlines()
    assert len(GDELT_COLUMNS) == 61 and lines[0].split("\t") == list(GDELT_COLUMNS)
    assert count == len(lines) - 1 >= 1
    row = dict(zip(GDELT_COLUMNS, lines[1].split("\t")))
    assert row["SQLDATE"].startswith("2025") and row["EventRootCode"] == row["EventCode"][:2]
    assert (
        row["QuadClass"] in "1234" and row["NumMentions"] == "1" and row["SOURCEURL"] == "https://n.example/x"
    )


def test_plover_records_use_the_spec_field_names(con):
    out = io.StringIO()
    export(con, "plover", None, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records
    for record in records:
        assert {"id", "date", "source", "target", "event", "eventText", "mode", "context", "text"} <= set(
            record
        )
        assert record["event"] in {
            "AGREE",
            "CONSULT",
            "SUPPORT",
            "CONCEDE",
            "COOPERATE",
            "AID",
            "RETREAT",
            "REQUEST",
            "ACCUSE",
            "REJECT",
            "THREATEN",
            "PROTEST",
            "SANCTION",
            "MOBILIZE",
            "COERCE",
            "ASSAULT",
        }
        assert record["eventText"] in record["text"] and record["publication"] == "Wire"


def test_parquet_csv_and_jsonl(con, tmp_path):
    assert export(con, "parquet", tmp_path / "e.parquet", io.StringIO()) >= 1
    columns = [r[0] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / 'e.parquet'}'").fetchall()]
    assert {"cameo", "mentions", "sources", "cluster_id"} <= set(columns)
    out = io.StringIO()
    export(con, "csv", None, out)
    assert out.getvalue().splitlines()[0].startswith("article_id,event_id,")
    out = io.StringIO()
    assert export(con, "jsonl", None, out) == 1
    assert json.loads(out.getvalue())["text"] == TEXT


@pytest.mark.parametrize(
    "fmt, output, message", [("xml", None, "unknown export format"), ("parquet", None, "needs --output")]
)
def test_bad_export_requests(con, fmt, output, message):
    with pytest.raises(UsageError, match=message):
        export(con, fmt, output, io.StringIO())
