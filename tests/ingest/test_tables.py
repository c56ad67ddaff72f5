"""CSV, Parquet and gzipped JSON Lines inputs (read by DuckDB / gzip), rows as contract input."""

import gzip
import json

import duckdb
import pytest

from eventwire.ingest import read_inputs
from eventwire.records import Article, ErrorRecord


@pytest.mark.parametrize(
    "name, content, expected",
    [
        (
            "a.csv",
            "id,text,published\n1,One.,2025-05-10\n2,Two.,\n",
            [("1", "One.", "2025-05-10"), ("2", "Two.", None)],
        ),
        (
            "a.tsv",
            "ID\tTEXT\tSOURCE\nx\tTabbed.\tWire\n",
            [("x", "Tabbed.", None)],
        ),  # column names in any case
        ("a.csv", "id,html\nh,<p>Page.</p>\n", [("h", None, None)]),
        ("a.csv", "text\nno id here\n", [ErrorRecord]),
        ("a.csv", "id,title\nt,Only a title\n", [ErrorRecord]),
    ],
)
def test_csv_rows(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    items = list(read_inputs([str(path)]))
    got = [ErrorRecord if isinstance(i, ErrorRecord) else (i.id, i.text, i.published) for i in items]
    assert got == expected


def test_parquet_with_typed_columns(tmp_path):
    path = tmp_path / "a.parquet"
    duckdb.sql(
        f"COPY (SELECT 7 AS id, 'Seven.' AS text, TIMESTAMP '2025-05-10 09:30:00' AS published, "
        f"'extra' AS ignored) TO '{path}' (FORMAT parquet)"
    )
    assert list(read_inputs([str(path)])) == [Article(id="7", text="Seven.", published="2025-05-10T09:30:00")]


def test_unreadable_table_is_one_error_record(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"not parquet at all")
    (item,) = read_inputs([str(path)])
    assert isinstance(item, ErrorRecord) and item.id == "broken.parquet" and "cannot be read" in item.message


def test_gzipped_jsonl_in_a_folder(tmp_path):
    with gzip.open(tmp_path / "batch.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g", "text": "Zipped."}) + "\n")
    (tmp_path / "other.gz").write_bytes(gzip.compress(b"not an article"))  # not a known format: skipped
    assert list(read_inputs([str(tmp_path)])) == [Article(id="g", text="Zipped.")]
