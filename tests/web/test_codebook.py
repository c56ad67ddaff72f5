"""GET /api/codebook: the dashboard's CAMEO root names and counted modalities come from the
coder's own codebook file, so the page and the store never disagree."""

from __future__ import annotations

from eventwire.records import COUNTED_MODALITIES
from eventwire.resources import read_tsv


def test_codebook_lists_the_cameo_roots_of_the_codebook_file(client):
    body = client.get("/api/codebook").json()
    rows = [row for row in read_tsv("cameo.tsv") if len(row["code"]) == 2]
    assert [(r["code"], r["name"]) for r in body["cameo_roots"]] == [(r["code"], r["name"]) for r in rows]
    assert [r["code"] for r in body["cameo_roots"]] == [f"{n:02d}" for n in range(1, 21)]
    fight = body["cameo_roots"][18]
    assert (fight["name"], fight["quad_class"], fight["plover"]) == ("Fight", 4, "ASSAULT")
    assert body["counted_modalities"] == list(COUNTED_MODALITIES) == ["asserted", "intended"]
