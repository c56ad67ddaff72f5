"""Calibrated confidence: a monotone map, so it never reorders two events, clamped at the ends."""

from itertools import pairwise

from eventwire.extract.events.confidence import calibrated


def test_the_map_never_reorders_events():
    raws = [i / 100 for i in range(0, 101)]
    values = [calibrated(r) for r in raws]
    assert values == sorted(values)
    assert all(a < b for a, b in pairwise(values[35:96]))  # strictly inside the table


def test_the_map_is_clamped_and_in_range():
    assert 0.0 < calibrated(-1.0) == calibrated(0.0) <= calibrated(2.0) == calibrated(1.0) <= 1.0


def test_a_raw_score_of_0_8_is_not_trusted_as_0_8():
    # on the PLOVER gold records, events the coder scored 0.8 were right about two times in three
    assert 0.6 <= calibrated(0.8) <= 0.7
