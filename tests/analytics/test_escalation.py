"""The escalation index and its jumps, on hand-made daily rows."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.analytics import escalation, fill_days, score_days

D0 = dt.date(2025, 5, 1)


def day(
    offset: int, events: int = 0, q1: int = 0, q3: int = 0, q4: int = 0, goldstein_sum: float = 0.0
) -> dict:
    return {
        "day": D0 + dt.timedelta(days=offset),
        "events": events,
        "q1": q1,
        "q2": 0,
        "q3": q3,
        "q4": q4,
        "goldstein_sum": goldstein_sum,
    }


@pytest.mark.parametrize(
    "goldstein_sum, usual, expected",
    [
        (0.0, 0.0, 0.0),  # a quiet day
        (-10.0, 0.0, 10.0),  # one attack on a pair that is rarely in the news
        (-10.0, 0.5, 10.0),  # the usual volume counts as at least one event a day
        (-40.0, 4.0, 10.0),  # four attacks where four events a day are usual
        (-40.0, 1.0, 40.0),  # ... and where one is usual: far more escalated
        (12.0, 2.0, -6.0),  # net cooperation is below zero
    ],
)
def test_escalation_is_negated_goldstein_over_usual_volume(goldstein_sum, usual, expected):
    assert escalation(goldstein_sum, usual) == expected


def test_fill_days_adds_quiet_days_inside_the_span_only():
    filled = fill_days([day(0, 1), day(3, 2)])
    assert [d["day"] for d in filled] == [D0 + dt.timedelta(days=i) for i in range(4)]
    assert filled[1]["events"] == 0
    assert [d["day"] for d in fill_days([day(0, 1), day(3, 2)], start=D0 + dt.timedelta(days=2))] == [
        D0 + dt.timedelta(days=2),
        D0 + dt.timedelta(days=3),
    ]
    assert fill_days([]) == []


def quiet_then(last: dict, quiet_days: int = 7) -> list[dict]:
    """A week of mild verbal cooperation and friction, then `last`."""
    days = [day(i, 2, q1=1, q3=1, goldstein_sum=1.0) for i in range(quiet_days)]
    return days + [{**last, "day": D0 + dt.timedelta(days=quiet_days)}]


@pytest.mark.parametrize(
    "last, jump",
    [
        (day(0, 3, q4=3, goldstein_sum=-30.0), True),  # attacks after calm
        (day(0, 1, q3=1, goldstein_sum=-2.0), False),  # one accusation: within the noise floor
        (day(0, 2, q1=1, q3=1, goldstein_sum=1.0), False),  # more of the same
        (day(0, 6, q1=6, goldstein_sum=30.0), False),  # a burst of cooperation is no escalation
        (day(0, 0), False),  # a quiet day
    ],
)
def test_jumps(last, jump):
    scored = score_days(quiet_then(last))
    assert scored[-1]["jump"] is jump
    assert not any(d["jump"] for d in scored[:-1])


def test_no_jump_without_history():
    # Three days of history are needed before a baseline exists.
    scored = score_days([day(0, 1, q1=1, goldstein_sum=3.0), day(1, 1, q4=1, goldstein_sum=-10.0)])
    assert [d["baseline"] for d in scored] == [None, None] and not scored[1]["jump"]


def test_no_jump_on_a_steadily_violent_baseline():
    days = [day(i, 2, q4=2, goldstein_sum=-20.0) for i in range(10)]
    scored = score_days(days)
    assert not any(d["jump"] for d in scored)
    assert scored[-1]["escalation"] == 10.0  # 20 of conflict weight over 2 events a usual day


def test_scored_day_fields():
    scored = score_days([day(0, 4, q1=2, q4=2, goldstein_sum=-14.0)])[0]
    assert scored == {
        "day": "2025-05-01",
        "events": 4,
        "q1": 2,
        "q2": 0,
        "q3": 0,
        "q4": 2,
        "goldstein_sum": -14.0,
        "goldstein_mean": -3.5,
        "escalation": 14.0,
        "baseline": None,
        "jump": False,
    }
    assert score_days([day(0)])[0]["goldstein_mean"] is None
