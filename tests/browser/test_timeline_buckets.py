"""A long timeline comes in decades (or weeks, months, years): the dashboard draws it with
bucket labels, and a click on a bar narrows the dates to that bucket. The timeline answer is
replaced in the browser, so the rest of the page runs against the real app."""

from __future__ import annotations

import json


def _decades() -> dict:
    days = []
    for i, year in enumerate(range(1800, 3000, 10)):
        events = 1 if year in (1800, 2990) else 0
        days.append(
            {
                "day": f"{year}-01-01",
                "last": f"{year + 9}-12-31",
                "events": events,
                "q1": 0,
                "q2": 0,
                "q3": 0,
                "q4": events,
                "goldstein_sum": -10.0 * events,
                "goldstein_mean": -10.0 if events else None,
                "escalation": 10.0 * events,
                "baseline": None if i < 3 else 0.0,
                "jump": False,
            }
        )
    return {"dyad": "IND-PAK", "bucket": "decade", "days": days}


def test_a_decade_timeline_is_drawn_and_a_bar_zooms_in(page, live_server):
    page.route(
        "**/api/timeline*",
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(_decades())),
    )
    page.goto(f"{live_server}/?dyad=IND-PAK")
    page.wait_for_selector("#timeline[data-state=ready] svg rect.bar")
    assert page.locator("#timeline svg g.day").count() == 120
    assert page.locator("#timeline svg rect.bar").count() == 2
    texts = page.locator("#timeline svg text").all_text_contents()
    assert "events / decade" in texts and "1800s" in texts
    assert "Peak decade" in page.locator("#timeline-summary").text_content()
    page.locator("#timeline svg g.day[data-day='1800-01-01']").dispatch_event("click")
    page.wait_for_function("location.search.includes('start=1800-01-01')")
    assert "end=1809-12-31" in page.url and "day=" not in page.url
    assert page.locator("#f-start").input_value() == "1800-01-01"
    assert page.console_errors == []
