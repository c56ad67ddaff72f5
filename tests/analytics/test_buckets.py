"""Time buckets of long series: the unit chosen for a span, bucket bounds, filling."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.analytics import buckets

D = dt.date


@pytest.mark.parametrize(
    "first, last, unit",
    [
        (D(2025, 5, 1), D(2025, 5, 1), "day"),
        (D(2023, 1, 1), D(2025, 12, 31), "day"),  # three years of days: 1,096 rows
        (D(2023, 1, 1), D(2026, 1, 31), "week"),
        (D(2010, 1, 1), D(2025, 12, 31), "week"),
        (D(1950, 1, 1), D(2025, 12, 31), "month"),
        (D(1900, 1, 1), D(2025, 12, 31), "year"),
        (D(1800, 1, 1), D(2999, 12, 31), "decade"),  # 1,200 years: 120 decades
        (D(1000, 1, 1), D(2025, 1, 1), "year"),
        (D(1, 1, 1), D(9999, 12, 31), "decade"),  # 1,000 decades
    ],
)
def test_the_finest_unit_that_fits(first, last, unit):
    assert buckets.choose_unit(first, last) == unit
    assert buckets.count(first, last, unit) <= buckets.MAX_POINTS


@pytest.mark.parametrize(
    "day, unit, start, last",
    [
        (D(2025, 5, 10), "day", D(2025, 5, 10), D(2025, 5, 10)),
        (D(2025, 5, 10), "week", D(2025, 5, 5), D(2025, 5, 11)),  # ISO weeks start on Monday
        (D(2024, 2, 10), "month", D(2024, 2, 1), D(2024, 2, 29)),
        (D(2025, 12, 31), "year", D(2025, 1, 1), D(2025, 12, 31)),
        (D(1999, 6, 1), "decade", D(1990, 1, 1), D(1999, 12, 31)),
        (D(5, 6, 1), "decade", D(1, 1, 1), D(9, 12, 31)),  # there is no year 0
        (D(9999, 12, 31), "century", D(9900, 1, 1), D(9999, 12, 31)),
        (D(1, 1, 1), "week", D(1, 1, 1), D(1, 1, 7)),
    ],
)
def test_bucket_bounds(day, unit, start, last):
    assert buckets.floor(day, unit) == start and buckets.last_day(start, unit) == last


@pytest.mark.parametrize(
    "start, unit, n, expected",
    [
        (D(2025, 5, 5), "week", 2, D(2025, 4, 21)),
        (D(2025, 3, 1), "month", 14, D(2024, 1, 1)),
        (D(1800, 1, 1), "decade", 14, D(1660, 1, 1)),
        (D(1, 3, 1), "month", 14, D(1, 1, 1)),  # never before the first day
        (D(20, 1, 1), "decade", 14, D(1, 1, 1)),
    ],
)
def test_back(start, unit, n, expected):
    assert buckets.back(start, unit, n) == expected


def test_fill_adds_empty_buckets_between():
    rows = [{"day": D(2025, 1, 1), "events": 1}, {"day": D(2025, 4, 1), "events": 2}]
    filled = buckets.fill(rows, D(2025, 1, 15), D(2025, 4, 30), "month")
    assert [r["day"].month for r in filled] == [1, 2, 3, 4] and [r["events"] for r in filled] == [1, 0, 0, 2]
    assert len(buckets.fill([], D(1, 1, 1), D(9999, 12, 31), "decade")) == 1000
