"""Near-duplicate articles and event corroboration."""

import pytest

import eventwire
from eventwire.records import ErrorRecord
from eventwire.store import open_store, write_records
from eventwire.store.dedup import content_hash, minhash, similarity

BASE = (
    "Pakistani troops opened fire on Indian posts along the Line of Control in the Kupwara sector "
    "late on Friday, and Indian soldiers responded, an Indian Army spokesman said on Saturday. "
    "There were no casualties, he said."
)


@pytest.mark.parametrize(
    "other, duplicate",
    [
        (BASE, True),
        (BASE.upper().replace(". ", ".\n\n"), True),  # case and layout do not matter
        (BASE + " The army said the situation was under control and talks were planned.", True),  # an update
        (BASE.replace("Friday", "Thursday").replace("no casualties", "two casualties"), False),  # edited text
        ("The finance ministry raised fuel prices on Monday, citing the cost of imports.", False),
    ],
)
def test_minhash_similarity(other, duplicate):
    assert (similarity(minhash(BASE), minhash(other)) >= 0.7) is duplicate


def test_empty_text_has_no_signature_and_hash_ignores_layout():
    assert minhash("  ... ") is None
    assert content_hash("A  b\nC") == content_hash("a b c")


def _code(article_id, text, source, published="2025-05-10"):
    return eventwire.code_article(
        eventwire.Article(id=article_id, text=text, published=published, source=source)
    )


def test_wire_copies_group_and_events_corroborate(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    text = "Pakistan accused India of shelling villages in Kashmir on Friday. " + BASE
    records = [
        _code("w1", text, "Wire A"),
        _code("w2", text + " More to follow.", "Wire B"),
        _code("w3", text, "Wire A"),
    ]
    write_records(con, records)
    groups = dict(con.execute("SELECT id, dup_group FROM articles").fetchall())
    assert groups == {"w1": "w1", "w2": "w1", "w3": "w1"}
    rows = con.execute(
        "SELECT mentions, articles, article_groups, sources, first_article_id FROM event_clusters "
        "WHERE counted ORDER BY mentions DESC"
    ).fetchall()
    assert rows and all(r[1:] == (3, 1, 2, "w1") for r in rows)
    evidence = con.execute(
        "SELECT article_id, sentence FROM event_evidence WHERE cluster_id = "
        "(SELECT cluster_id FROM event_clusters WHERE counted LIMIT 1) ORDER BY 1"
    ).fetchall()
    assert sorted({e[0] for e in evidence}) == ["w1", "w2", "w3"] and all(
        e[1] in text + " More to follow." for e in evidence
    )
    firsts = con.execute("SELECT count(*) FROM corroborated_events WHERE is_first").fetchone()[0]
    assert firsts == con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]
    # Replacing an article by an error record recounts its clusters.
    write_records(con, [ErrorRecord("w3", "InputError", "gone")])
    assert {r[0] for r in con.execute("SELECT articles FROM event_clusters WHERE counted").fetchall()} == {2}
