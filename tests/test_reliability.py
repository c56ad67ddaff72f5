"""The reliability table printed by `eventwire eval`: counted events binned by confidence,
each bin's observed precision judged with the shared scorer's matching."""

import json

from conftest import need_shared

from eventwire.reliability import format_table, reliability


def test_bins_count_counted_events_and_their_precision(tmp_path):
    scorer = need_shared() / "eval" / "score.py"
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    actor = {"text": "Chile", "code": "CHL", "country": "CHL", "sector": None}
    peru = {"text": "Peru", "code": "PER", "country": "PER", "sector": None}
    gold.write_text(
        json.dumps(
            {
                "id": "s1",
                "text": "Chile met Peru.",
                "events": [{"plover": "CONSULT", "source": [actor], "target": [peru]}],
            }
        )
        + "\n"
    )

    def event(plover, conf, negated=False):
        return {"plover": plover, "source": actor, "target": peru, "confidence": conf, "negated": negated}

    events = [
        event("CONSULT", 0.85),
        event("ASSAULT", 0.82),
        event("CONSULT", 0.45),
        event("CONSULT", 0.9, True),
    ]
    pred.write_text(json.dumps({"id": "s1", "text": "Chile met Peru.", "events": events}) + "\n")
    rows = {row["low"]: row for row in reliability(scorer, gold, pred)}
    assert rows[0.8]["count"] == 2 and rows[0.8]["precision"] == 0.5
    assert rows[0.4]["count"] == 1 and rows[0.4]["precision"] == 1.0
    assert rows[0.0]["count"] == 0 and rows[0.0]["precision"] is None
    assert "observed precision" in format_table(list(rows.values()))
