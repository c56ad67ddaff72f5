"""The dashboard in headless Chromium against the real app over the demo store: the map
and a timeline are drawn, filtering to IND-PAK narrows the table, and an opened event shows
its evidence sentence with source, trigger and target highlighted. Saves
artifacts/dashboard.png for a person to look at."""

from __future__ import annotations

import json

from .conftest import ARTIFACTS

DYAD_COUNTRIES = ("IND", "PAK")


def _ready(page) -> None:
    page.wait_for_selector("body[data-state=ready]")
    page.wait_for_selector("#events[data-state=ready]")


def test_dashboard_map_timeline_filter_and_evidence(page, live_server):
    page.goto(f"{live_server}/")
    _ready(page)

    # The base map (Natural Earth countries) and event points are drawn.
    assert page.locator("#map svg path.country").count() > 100
    assert page.locator("#map svg circle.event-point").count() > 0
    # A timeline is drawn: stacked bars and the escalation line.
    assert page.locator("#timeline svg rect.bar").count() > 0
    assert len(page.locator("#timeline svg path.escalation").get_attribute("d") or "") > 10

    # Filter to the IND-PAK dyad: the choice is offered, the address records it, and every
    # row's actors belong to the two countries.
    assert page.locator("#f-dyad option[value='IND-PAK']").count() == 1
    page.select_option("#f-dyad", "IND-PAK")
    page.wait_for_selector("#events[data-state=ready]")
    page.wait_for_function("document.querySelector('#timeline-title').textContent.includes('IND')")
    assert "dyad=IND-PAK" in page.url
    assert "dyad=IND-PAK" in page.locator("#events-json").get_attribute("href")
    rows = page.locator("#events-body tr.event-row")
    assert rows.count() > 0
    for codes in rows.evaluate_all(
        "rs => rs.map(r => [...r.querySelectorAll('.code')].map(c => c.textContent))"
    ):
        assert codes and all(code[:3] in DYAD_COUNTRIES for code in codes), codes
    page.wait_for_selector("#timeline svg rect.bar")

    # Open the first event: its evidence shows source, trigger and target highlighted,
    # and the highlighted trigger is the row's trigger.
    first = rows.first
    trigger_text = first.locator(".trigger").text_content()
    first.click()
    evidence = page.locator(".evidence-row .evidence")
    evidence.wait_for()
    for role in ("source", "trigger", "target"):
        assert evidence.locator(f"mark[data-role~='{role}']").count() > 0, role
    marked = evidence.locator("mark[data-role~='trigger']").evaluate_all(
        "ms => ms.map(m => m.textContent).join('')"
    )
    assert marked == trigger_text
    assert first.get_attribute("aria-expanded") == "true"
    place = first.locator("td.place").text_content()
    if place != "–":  # the event's place is ringed on the map
        assert page.locator("#map circle.event-point.focused").get_attribute("data-place") == place

    # The whole article can be read with the evidence sentence marked in it.
    sentence = evidence.locator(".sentence").text_content()
    evidence.get_by_role("button", name="Show the article").click()
    assert evidence.locator(".article-text .hl-sentence").text_content() == sentence

    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # the sticky filter bar belongs at the top of the picture
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_quotes_by_speaker(page, live_server):
    page.goto(f"{live_server}/")
    _ready(page)
    page.wait_for_selector("#quotes[data-state=ready]")
    speakers = page.locator("#q-speaker option")
    assert speakers.count() > 1
    name = speakers.nth(1).get_attribute("value")
    page.select_option("#q-speaker", name)
    page.wait_for_function(
        "name => [...document.querySelectorAll('#quotes .speaker')].every(s => s.dataset.speaker.includes(name))"
        " && document.querySelectorAll('#quotes .speaker').length > 0",
        arg=name,
    )
    assert page.locator("#quotes li.quote").count() > 0


HOSTILE = '<img src=x onerror="document.body.dataset.pwned=1"><b>bold</b>'


def _hostile_events(route):
    """One event whose every text field carries markup, as a compromised store might."""
    sentence = f"India {HOSTILE} accused Pakistan."
    event = {
        "article_id": "x<script>",
        "event_id": "e1",
        "event_date": "2025-05-09",
        "trigger_text": HOSTILE,
        "source_text": "India",
        "source_code": "IND",
        "source_name": HOSTILE,
        "target_text": "Pakistan",
        "target_code": "PAK",
        "target_name": None,
        "cameo": "112",
        "cameo_root": "11",
        "plover": "ACCUSE",
        "quad_class": 3,
        "goldstein": -2.0,
        "place_name": HOSTILE,
        "lat": 33.5,
        "lon": 75.5,
        "negated": False,
        "modality": "asserted",
        "confidence": 0.9,
        "evidence": {
            "sentence": sentence,
            "trigger": [6, 6 + len(HOSTILE)],
            "source": [0, 5],
            "target": [sentence.index("Pakistan"), sentence.index("Pakistan") + 8],
        },
        "article": {
            "id": "x",
            "title": HOSTILE,
            "source": HOSTILE,
            "url": "javascript:alert(1)",
            "published": "2025-05-09",
        },
    }
    route.fulfill(
        status=200, content_type="application/json", body=json.dumps({"total": 1, "events": [event]})
    )


def test_article_text_is_rendered_escaped(page, live_server):
    page.route("**/api/events?*", _hostile_events)
    page.goto(f"{live_server}/")
    _ready(page)
    page.locator("#events-body tr.event-row").first.click()
    page.locator(".evidence").wait_for()
    # The markup shows as text; no element was made from it and nothing ran.
    assert HOSTILE in page.locator(".evidence .sentence").text_content()
    assert page.locator("#events img, #events b, #map img").count() == 0
    assert page.evaluate("document.body.dataset.pwned") is None
    # A javascript: address is never made a link.
    assert page.locator(".evidence a[href^='javascript']").count() == 0
    assert page.console_errors == []


def test_map_zooms_and_a_place_filters_the_table(page, live_server):
    page.goto(f"{live_server}/?dyad=IND-PAK")
    _ready(page)
    before = page.locator("#map svg path.country").first.get_attribute("d")
    page.click("#map-zoom-in")
    assert page.locator("#map svg path.country").first.get_attribute("d") != before

    page.click("#map-fit")
    point = page.locator("#map svg circle.event-point").first
    place = point.get_attribute("data-place")
    point.dispatch_event("click")
    page.wait_for_selector("#place-chip:not([hidden])")
    page.wait_for_selector("#events[data-state=ready]")
    assert page.locator("#place-chip-name").text_content() == place
    places = page.locator("#events-body tr.event-row td.place").all_text_contents()
    assert places and all(place in p for p in places)
    page.locator("#events-body tr.event-row").first.click()
    page.locator(".evidence").wait_for()
    assert page.locator("#map circle.event-point.focused").count() == 1  # the read event's place

    page.click("#place-chip-clear")
    page.wait_for_selector("#place-chip[hidden]", state="attached")
    assert "place=" not in page.url
    assert page.console_errors == []


def test_a_timeline_day_filters_the_table(page, live_server):
    import datetime as dt

    page.goto(f"{live_server}/?dyad=IND-PAK")
    _ready(page)
    busiest = max(
        page.locator("#timeline svg g.day").evaluate_all(
            "gs => gs.map(g => [g.querySelectorAll('rect.bar').length, g.dataset.day])"
        )
    )
    day = busiest[1]
    page.locator(f"#timeline svg g.day[data-day='{day}']").dispatch_event("click")
    page.wait_for_selector("#day-chip:not([hidden])")
    page.wait_for_selector("#events[data-state=ready]")
    page.wait_for_selector(f"#timeline svg g.day.selected[data-day='{day}']")
    shown = dt.date.fromisoformat(day)
    label = f"{shown.day} {shown:%b} {shown.year}"
    dates = page.locator("#events-body tr.event-row td.date").all_text_contents()
    assert dates and all(d.startswith(label) for d in dates), (label, dates)
    assert f"day={day}" in page.url


def test_new_events_are_offered_not_forced(page, live_server):
    """While `eventwire watch` adds articles the page offers a refresh once a minute."""
    page.clock.install()
    asked = []

    def grown_store(route):
        if "all=true" in route.request.url and "limit=1" in route.request.url:
            asked.append(route.request.url)
            if len(asked) > 1:  # the store has grown since the page loaded
                route.fulfill(json={"total": 100000, "limit": 1, "offset": 0, "events": []})
                return
        route.fallback()

    page.route("**/api/events?*", grown_store)
    page.goto(f"{live_server}/")
    _ready(page)
    rows = page.locator("#events-body tr.event-row").count()
    assert page.locator("#updates").is_hidden()
    page.clock.run_for(61_000)
    page.wait_for_selector("#updates:not([hidden])")
    assert "new events" in page.locator("#updates-text").text_content()
    assert page.locator("#events-body tr.event-row").count() == rows  # nothing redrawn by itself


def test_api_docs_render_offline(page, live_server):
    """/docs is Swagger UI from our own copy: it lists the endpoints with nothing fetched
    from elsewhere."""
    page.goto(f"{live_server}/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_text_contents()
    assert any("/api/events" in p for p in paths), paths
    assert page.foreign_requests == []
    assert page.console_errors == []


def test_cameo_names_come_from_the_codebook(page, live_server):
    """The CAMEO filter lists the 20 roots with the names the API reads from cameo.tsv, and
    the event table labels codes with them."""
    codebook = json.loads(page.request.get(f"{live_server}/api/codebook").text())
    page.goto(f"{live_server}/")
    _ready(page)
    options = page.locator("#f-cameo option[value]:not([value=''])").evaluate_all(
        "os => os.map(o => [o.value, o.textContent])"
    )
    assert options == [[r["code"], f"{r['code']} {r['name']}"] for r in codebook["cameo_roots"]]
    names = {r["code"]: r["name"] for r in codebook["cameo_roots"]}
    labels = page.locator("#events-body tr.event-row .cameo").evaluate_all("cs => cs.map(c => c.title)")
    assert labels and all(label.split(" · ")[1] == names[label[:2]] for label in labels), labels
