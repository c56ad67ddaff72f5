"""Query parameter parsing, without a server."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.web.errors import ApiError
from eventwire.web.params import (
    parse_bbox,
    parse_cameo_root,
    parse_day,
    parse_dyad,
    parse_plover,
    parse_quad_class,
    parse_range,
)


@pytest.mark.parametrize(
    "parse, value, expected",
    [
        (parse_dyad, "IND-PAK", ("IND", "PAK")),
        (parse_dyad, "pak-ind", ("IND", "PAK")),
        (parse_dyad, None, None),
        (parse_cameo_root, "19", "19"),
        (parse_cameo_root, "4", "04"),
        (parse_cameo_root, "", None),
        (parse_plover, "assault", "ASSAULT"),
        (parse_quad_class, "4", 4),
        (parse_bbox, "60,20,80,37", (60.0, 20.0, 80.0, 37.0)),
        (parse_bbox, "-180,-90,180,90", (-180.0, -90.0, 180.0, 90.0)),
        (lambda v: parse_day("start", v), "2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_good_values(parse, value, expected):
    assert parse(value) == expected


@pytest.mark.parametrize(
    "parse, value",
    [
        (parse_dyad, "IN-PK"),
        (parse_dyad, "IND PAK"),
        (parse_dyad, "IND-PAK-USA"),
        (parse_cameo_root, "00"),
        (parse_cameo_root, "21"),
        (parse_cameo_root, "195"),
        (parse_cameo_root, "ab"),
        (parse_plover, "FIGHT"),
        (parse_quad_class, "0"),
        (parse_quad_class, "four"),
        (parse_bbox, "1,2,3"),
        (parse_bbox, "1,2,3,4,5"),
        (parse_bbox, "nan,0,1,1"),
        (parse_bbox, "10,0,5,1"),
        (parse_bbox, "0,0,181,1"),
        (parse_bbox, "0,50,1,40"),
        (lambda v: parse_day("start", v), "2023-02-29"),
        (lambda v: parse_day("start", v), "20250510"),
        (lambda v: parse_day("start", v), "2025-05-10T10:00"),
    ],
)
def test_bad_values_are_422_naming_the_value(parse, value):
    with pytest.raises(ApiError) as info:
        parse(value)
    assert info.value.status == 422 and repr(value) in info.value.message


def test_reversed_range_is_400():
    with pytest.raises(ApiError) as info:
        parse_range("2025-05-10", "2025-05-01")
    assert info.value.status == 400
    assert parse_range("2025-05-01", "2025-05-01") == (dt.date(2025, 5, 1), dt.date(2025, 5, 1))
