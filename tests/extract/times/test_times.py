"""Times: TIMEX3 recognition and normalisation against a publication date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import SEED_GOLD, SEED_TEXT, need_shared

from eventwire.extract.times import extract_times, grammar, recognition
from eventwire.extract.times.recognition import find_candidates
from eventwire.extract.times.values import duration, number, resolve_weekday, year_of

SAT = dt.date(2025, 5, 10)  # a Saturday
THU = dt.date(1989, 10, 26)  # a Thursday


def _times(nlp, text: str, published: dt.date | None = SAT) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    out = extract_times(doc, published)
    for t in out:
        assert doc.text[t.start : t.end] == t.text
    return [(t.text, t.type, t.value) for t in out]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # Weekdays: the last one before the article, the next one after a future verb.
        ("Rubio on Friday spoke to Munir.", SAT, [("Friday", "DATE", "2025-05-09")]),
        ("The ministers will meet on Tuesday.", SAT, [("Tuesday", "DATE", "2025-05-13")]),
        ("Explosions were heard on Saturday morning.", SAT, [("Saturday morning", "TIME", "2025-05-10TMO")]),
        ("He said Thursday that he would stay.", THU, [("Thursday", "DATE", "1989-10-26")]),
        # A simple present that schedules points ahead; one that reports does not.
        ("The two leaders meet Monday in Paris.", SAT, [("Monday", "DATE", "2025-05-12")]),
        ("The talks resume Wednesday.", SAT, [("Wednesday", "DATE", "2025-05-14")]),
        ("He says on Monday that he will go.", SAT, [("Monday", "DATE", "2025-05-05")]),
        ("The bid expired last Thursday.", dt.date(1989, 10, 30), [("last Thursday", "DATE", "1989-10-26")]),
        # Days and parts of days relative to the article.
        (
            "Drones were seen today at approximately 5 AM over the base.",
            SAT,
            [("today at approximately 5 AM", "TIME", "2025-05-10T05:00")],
        ),
        ("Explosions were heard in Srinagar this morning.", SAT, [("this morning", "TIME", "2025-05-10TMO")]),
        ("Shares fell yesterday.", THU, [("yesterday", "DATE", "1989-10-25")]),
        ("It happened at 10 p.m. Wednesday.", THU, [("10 p.m. Wednesday", "TIME", "1989-10-25T22:00")]),
        # Weeks, months, years, quarters.
        (
            "Earlier this week, Rubio had spoken with Sharif.",
            SAT,
            [("Earlier this week", "DATE", "2025-W19")],
        ),
        ("Sales rose last month.", THU, [("last month", "DATE", "1989-09")]),
        ("Profit fell last year.", THU, [("last year", "DATE", "1988")]),
        ("Profit will rise next year.", THU, [("next year", "DATE", "1990")]),
        ("Net income rose in the third quarter.", THU, [("the third quarter", "DATE", "1989-Q3")]),
        ("Third-quarter profit rose.", THU, [("Third-quarter", "DATE", "1989-Q3")]),
        ("It was founded in 1968.", THU, [("1968", "DATE", "1968")]),
        ("It grew in the 1980s.", THU, [("the 1980s", "DATE", "198")]),
        ("He left last fall.", THU, [("last fall", "DATE", "1988-FA")]),
        ("It was sold this past spring.", THU, [("this past spring", "DATE", "1989-SP")]),
        ("It must repay the loan by February.", THU, [("February", "DATE", "1990-02")]),
        ("Sales rose in the current quarter.", THU, [("the current quarter", "DATE", "1989-Q4")]),
        ("Prices rose in Q3.", SAT, [("Q3", "DATE", "2024-Q3")]),
        (
            "Revenue in Q1 2025 rose, and 2024 Q4 profit fell.",
            SAT,
            [("Q1 2025", "DATE", "2025-Q1"), ("2024 Q4", "DATE", "2024-Q4")],
        ),
        ("The Q7 and IQ3 models sold.", SAT, []),
        # Month and day: past by default, future after a future verb.
        ("To avenge the April 22 attack.", SAT, [("April 22", "DATE", "2025-04-22")]),
        ("The deal will close Dec. 10.", dt.date(1989, 11, 2), [("Dec. 10", "DATE", "1989-12-10")]),
        ("It was signed on Aug. 7, 1998.", SAT, [("Aug. 7, 1998", "DATE", "1998-08-07")]),
        ("He arrived in July 1997.", SAT, [("July 1997", "DATE", "1997-07")]),
        ("A doctor was killed last October.", dt.date(1999, 5, 5), [("last October", "DATE", "1998-10")]),
        # A month or a season "of last year" is one expression; "last" before a full date
        # stays outside it.
        ("The plant closed in mid-April of last year.", SAT, [("mid-April of last year", "DATE", "2024-04")]),
        ("Talks resume in early March of next year.", SAT, [("early March of next year", "DATE", "2026-03")]),
        ("In the summer of last year, floods came.", SAT, [("the summer of last year", "DATE", "2024-SU")]),
        ("The spring of next year will be busy.", SAT, [("The spring of next year", "DATE", "2026-SP")]),
        ("He was shot last Oct. 23 at his home.", dt.date(1999, 4, 19), [("Oct. 23", "DATE", "1998-10-23")]),
        # Ordinal days: written out, after the month, or alone ("on the 21st": this month's
        # when it has passed, else last month's; the next one under a future verb).
        (
            "I wrote to him on the fourth of March.",
            dt.date(1987, 3, 26),
            [("the fourth of March", "DATE", "1987-03-04")],
        ),
        (
            "He arrived on the twenty-first of March.",
            dt.date(1987, 3, 26),
            [("the twenty-first of March", "DATE", "1987-03-21")],
        ),
        ("I wrote to him on March the 4th.", dt.date(1987, 3, 26), [("March the 4th", "DATE", "1987-03-04")]),
        ("He left on March fourth.", dt.date(1987, 3, 26), [("March fourth", "DATE", "1987-03-04")]),
        ("The deal was signed on the 21st.", dt.date(1987, 3, 26), [("the 21st", "DATE", "1987-03-21")]),
        ("The deal was signed on the 28th.", dt.date(1987, 3, 26), [("the 28th", "DATE", "1987-02-28")]),
        ("The deal will be signed on the 28th.", dt.date(1987, 3, 26), [("the 28th", "DATE", "1987-03-28")]),
        ("The offer expires on the 30th.", dt.date(1987, 3, 26), [("the 30th", "DATE", "1987-03-30")]),
        (
            "It happened on Friday the 13th.",
            dt.date(1987, 3, 26),
            [("Friday the 13th", "DATE", "1987-03-13")],
        ),
        ("He lives on the 11th floor of the 21st century tower.", SAT, [("the 21st century", "DATE", "20")]),
        (
            "We vote this coming Sunday, March eighth.",
            dt.date(1998, 3, 5),
            [("this coming Sunday, March eighth", "DATE", "1998-03-08")],
        ),
        # Whole phrases: a count of seasons (TimeBank: the set), a part of a named day,
        # US Election Day (the Tuesday after the first Monday of November).
        ("It rained the past three summers.", SAT, [("the past three summers", "SET", "XXXX-SU")]),
        ("They bathed in hot springs.", SAT, []),
        (
            "Trading halted mid-afternoon yesterday.",
            THU,
            [("mid-afternoon yesterday", "TIME", "1989-10-25TAF")],
        ),
        ("They met late evening Friday.", THU, [("late evening Friday", "TIME", "1989-10-20TEV")]),
        ("By mid afternoon, the crowd had left.", THU, [("mid afternoon", "TIME", "1989-10-26TAF")]),
        ("The offer expires at midnight Friday.", THU, [("midnight Friday", "TIME", "1989-10-27T24:00")]),
        (
            "It is our theme from now to Election Day.",
            dt.date(1998, 10, 26),
            [("now", "DATE", "PRESENT_REF"), ("Election Day", "DATE", "1998-11-03")],
        ),
        ("Stores will be busy on Mother's Day.", SAT, [("Mother's Day", "DATE", "2025-05-11")]),
        # "today's" before a noun of the present age is no day; before an event it is.
        ("In today's world, the young read less.", SAT, []),
        ("The chips run many of today's personal computers.", SAT, []),
        ("Tomorrow's leaders are in school.", SAT, []),
        ("Today's meeting of world leaders was cancelled.", SAT, [("Today", "DATE", "2025-05-10")]),
        ("The offer ran in today's editions.", SAT, [("today", "DATE", "2025-05-10")]),
        # Relative offsets.
        (
            "The rescue two months ago set off a fight.",
            dt.date(2000, 1, 28),
            [("two months ago", "DATE", "1999-11")],
        ),
        ("Three days later, it closed.", THU, [("Three days", "DURATION", "P3D")]),
        # Durations and sets.
        ("They have been at odds for decades.", SAT, [("decades", "DURATION", "PXDE")]),
        ("It took three days.", SAT, [("three days", "DURATION", "P3D")]),
        ("In the past two months, sales fell.", THU, [("the past two months", "DURATION", "P2M")]),
        ("It is a two-year boom.", THU, [("two-year", "DURATION", "P2Y")]),
        ("They meet every week.", SAT, [("every week", "SET", "P1W")]),
        ("He works daily.", SAT, [("daily", "SET", "P1D")]),
        # References.
        ("We are now in talks.", SAT, [("now", "DATE", "PRESENT_REF")]),
        ("He recently left.", SAT, [("recently", "DATE", "PAST_REF")]),
        ("Prices rose in recent years.", SAT, [("recent years", "DURATION", "PXY")]),
        ("Since then, India has repulsed three waves.", SAT, [("Since then", "DATE", "PAST_REF")]),
        # Day-month order, clock times joined with their day, anaphoric days.
        ("India launched the operation on 7 May.", SAT, [("7 May", "DATE", "2025-05-07")]),
        ("It began at 1:05 am on Wednesday.", SAT, [("1:05 am on Wednesday", "TIME", "2025-05-07T01:05")]),
        ("He will leave at 4 in the morning.", SAT, [("4 in the morning", "TIME", "2025-05-10T04:00")]),
        (
            "He was shot on Oct. 23. The next morning police came.",
            dt.date(1998, 10, 30),
            [("Oct. 23", "DATE", "1998-10-23"), ("The next morning", "TIME", "1998-10-24TMO")],
        ),
        # "that year", "the following month": counted from the last one mentioned.
        (
            "He was promoted on May 22, 1995, and the following year he retired.",
            SAT,
            [("May 22, 1995", "DATE", "1995-05-22"), ("the following year", "DATE", "1996")],
        ),
        (
            "He fled in June 1998 and returned later that year.",
            SAT,
            [("June 1998", "DATE", "1998-06"), ("later that year", "DATE", "1998")],
        ),
        (
            "In March 1989 they met. The following month, it moved.",
            SAT,
            [("March 1989", "DATE", "1989-03"), ("The following month", "DATE", "1989-04")],
        ),
        ("That year was hard.", SAT, []),
        ("Numbers fell through the nineties.", SAT, [("the nineties", "DATE", "199")]),
        (
            "Sales were flat in the last half of the '80s.",
            THU,
            [("the last half of the '80s", "DATE", "198")],
        ),
        ("By the end of the 1990s it was over.", SAT, [("the end of the 1990s", "DATE", "199")]),
        ("He appeared in court at midday.", SAT, [("midday", "TIME", "2025-05-10T12:00")]),
        ("The wall fell a decade ago.", SAT, [("a decade ago", "DATE", "2015")]),
        (
            "For the year ended Sept. 30, it earned more.",
            THU,
            [("the year", "DURATION", "P1Y"), ("Sept. 30", "DATE", "1989-09-30")],
        ),
        (
            "Profit rose in the third quarter from a year earlier.",
            THU,
            [("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")],
        ),
        (
            "Profit rose in the third quarter from the same period last year.",
            THU,
            [("the third quarter", "DATE", "1989-Q3"), ("the same period last year", "DATE", "1988-Q3")],
        ),
        (
            "Net rose in the quarter. Losses may last through the third quarter of 1990. "
            "A year earlier, it earned $5.",
            THU,
            [
                ("the quarter", "DATE", "1989-Q3"),
                ("the third quarter of 1990", "DATE", "1990-Q3"),
                ("A year earlier", "DATE", "1988-Q3"),
            ],
        ),
        ("For the quarter a year ago, it lost money.", THU, [("the quarter a year ago", "DATE", "1988-Q3")]),
        # A later month under a past verb is last year's; one that belongs to a noun stays
        # the nearest.
        ("The law took effect in June.", SAT, [("June", "DATE", "2024-06")]),
        ("He talked about the planned visit of the minister in June.", SAT, [("June", "DATE", "2025-06")]),
        ("Cruz can win in November.", dt.date(2016, 1, 19), [("November", "DATE", "2016-11")]),
        (
            "Exiles planned a large demonstration on Saturday.",
            dt.date(2000, 1, 7),
            [("Saturday", "DATE", "2000-01-08")],
        ),
        ("The case will be heard the week of March 6.", SAT, [("the week of March 6", "DATE", "2025-W10")]),
        ("The bid was extended to Nov. 16.", dt.date(1989, 10, 30), [("Nov. 16", "DATE", "1989-11-16")]),
        ("Obviously, decades later, it changed.", SAT, [("decades", "DURATION", "PXDE")]),
        (
            "Flights leave on Tuesday nights and each July.",
            SAT,
            [("Tuesday nights", "SET", "XXXX-WXX-2TNI"), ("each July", "SET", "XXXX-07")],
        ),
        ("Stocks hit a five year low.", SAT, [("five year", "DURATION", "P5Y")]),
        # Numeric dates: day-first or month-first, whichever is valid and nearer the article.
        ("Posted on 10/05/2025 by staff.", SAT, [("10/05/2025", "DATE", "2025-05-10")]),
        ("The attack happened on 25/04/2025.", SAT, [("25/04/2025", "DATE", "2025-04-25")]),
        ("Filed 5/10/2025.", SAT, [("5/10/2025", "DATE", "2025-05-10")]),
        ("Version 1.2.34 shipped.", SAT, []),
        # Negative cases: modal "may", verb "march", amounts, fractions, ages, ordinals.
        ("Mr. Smith, 52 years old, will retire.", THU, []),
        # A rate is a set, not a duration (TimeBank: "$33 million a year").
        ("It will save $33 million a year.", THU, [("a year", "SET", "P1Y")]),
        ("A second group arrived.", THU, []),
        ("In the early hours, drones flew.", SAT, []),
        ("He cited Exodus 18:21 and the score was 3:2.", SAT, []),
        ("She told USA TODAY she was Person of the Year.", SAT, []),
        (
            "Trump could not be reached for comment Saturday.",
            dt.date(2016, 5, 29),
            [("Saturday", "DATE", "2016-05-28")],
        ),
        ("He may march on the capital.", SAT, []),
        ("It bought 1,990 shares for $2000.", SAT, []),
        # Clock times in wire style: four digits before a time zone, "local time" or "hrs"
        # are a time of day, never a year; a universal time in parentheses after a local
        # time only restates it.
        (
            "Trading ran from 1800 to 2100 local Chicago time.",
            SAT,
            [("1800", "TIME", "2025-05-10T18:00"), ("2100", "TIME", "2025-05-10T21:00")],
        ),
        ("The council reconvenes at 0930 GMT.", SAT, [("0930 GMT", "TIME", "2025-05-10T09:30")]),
        ("The council reconvenes at 0930 gmt.", SAT, [("0930 gmt", "TIME", "2025-05-10T09:30")]),
        # a half of a named year is that half
        ("Prices fell in the first half of 2024.", SAT, [("the first half of 2024", "DATE", "2024-H1")]),
        (
            "Growth will slow in the second half of the year.",
            SAT,
            [("the second half of the year", "DATE", "2025-H2")],
        ),
        # a rate table's bid/offer pair is no year
        ("DMK 26.1288/1812 (26.1961/2485)", SAT, []),
        ("The blast happened at 1800 local time.", SAT, [("1800", "TIME", "2025-05-10T18:00")]),
        ("The ship was hit at 1715 hrs.", SAT, [("1715 hrs", "TIME", "2025-05-10T17:15")]),
        ("The pilots flew 1200 hours.", SAT, []),
        ("He was born in 1800.", SAT, [("1800", "DATE", "1800")]),
        ("It struck at 9:40 a.m. (0040 GMT).", SAT, [("9:40 a.m.", "TIME", "2025-05-10T09:40")]),
        # A number before a plural noun is a count, unless a determiner or a preposition
        # makes it a year.
        ("They built 2000 homes last year.", SAT, [("last year", "DATE", "2024")]),
        ("It kept the secret for more than two thousand years.", SAT, [("years", "DURATION", "PXY")]),
        ("The 1992 protests were large.", SAT, [("1992", "DATE", "1992")]),
        ("In 1990 prices rose.", SAT, [("1990", "DATE", "1990")]),
        ("He said 1994 sales would rise.", SAT, [("1994", "DATE", "1994")]),
        ("A quarter of the voters stayed home.", SAT, []),
        ("The spring water was cold.", SAT, []),
        ("The fall of the Berlin Wall and the fall in prices changed Europe.", SAT, []),
        ("She met April Smith in Paris.", SAT, []),
        # Values off the calendar never raise: a garbled number, a year before 1.
        ("Sales rose from 292,000 week ago levels.", SAT, []),
        ("The lake formed 12,000 years ago.", SAT, [("12,000 years ago", "DATE", "PAST_REF")]),
    ],
)
def test_extract_times(nlp, text, published, expected):
    assert _times(nlp, text, published) == expected


def test_no_publication_date_gives_underspecified_values(nlp):
    assert _times(nlp, "He spoke on Friday.", None) == [("Friday", "DATE", "XXXX-WXX-5")]


@pytest.mark.parametrize(
    "text, value",
    [
        ("three", 3),
        ("twenty four", 24),
        ("twenty-four", 24),
        ("a", 1),
        ("12", 12),
        ("2 1/2", 2.5),
        ("several", None),
        ("a few", None),
    ],
)
def test_number(text, value):
    assert number(text) == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("1998", 1998),
        ("nineteen ninety-six", 1996),
        ("two thousand", 2000),
        ("nineteen eighty", 1980),
        ("banana", None),
    ],
)
def test_year_of(text, value):
    assert year_of(text) == value


@pytest.mark.parametrize(
    "num, unit, value",
    [
        (3, "days", "P3D"),
        (2, "hours", "PT2H"),
        (None, "years", "PXY"),
        (2, "decades", "P20Y"),
        (2.5, "years", "P2Y6M"),
        (1.5, "minutes", "PT1M30S"),
        (1, "week", "P1W"),
    ],
)
def test_duration(num, unit, value):
    assert duration(num, unit) == value


@pytest.mark.parametrize(
    "weekday, rel, tense, expected",
    [
        (5, "", "past", "2025-05-09"),
        (5, "", "future", "2025-05-16"),
        (6, "", None, "2025-05-10"),
        (1, "next", None, "2025-05-12"),
        (6, "last", None, "2025-05-03"),
    ],
)
def test_resolve_weekday(weekday, rel, tense, expected):
    assert resolve_weekday(SAT, weekday, rel, tense).isoformat() == expected


@pytest.mark.parametrize(
    "text, spans",
    [
        ("on Friday", ["Friday"]),
        ("for the first nine months", ["the first nine months"]),
        ("in May 1998", ["May 1998"]),
        ("It may rain.", []),
    ],
)
def test_extents_follow_timebank(text, spans):
    assert [text[c.start : c.end] for c in find_candidates(text)] == spans


_SAMPLE = (
    "On Friday, Aug. 7, 1998, at 10:35 a.m. the third-quarter results for the nine months "
    "ended Sept. 30 came out; a year earlier, two days later, nearly forty years ago, in the "
    "1980s and the nineties, the 20th century, last fall, every week, early next year, "
    "Thanksgiving Day, the year-ago period, that day and the next morning, around year-end, "
    "Q3 2025, the week of March 6, the quarter a year ago, the last half of the '80s, "
    "from 1800 to 2100 local Chicago time, 0930 GMT, at 1400 hrs."
)


@pytest.mark.parametrize("text", [_SAMPLE, _SAMPLE.upper(), _SAMPLE.replace(" ", "\n"), ""])
def test_anchor_windows_find_what_a_full_scan_finds(text):
    """The windowed search is only a speed-up: it must find exactly the full-scan matches."""
    for name, regex in grammar.compiled_rules():
        full = [(m.start(), m.end()) for m in regex.finditer(text)]
        windowed = [(m.start(), m.end()) for m in recognition._matches(name, regex, text)]
        assert sorted(set(windowed)) == sorted(set(full)), name


def test_seed_article_times(nlp):
    gold = json.loads(need_shared(SEED_GOLD).read_text(encoding="utf-8"))
    text = SEED_TEXT.read_text(encoding="utf-8")
    times = extract_times(nlp(text), SAT)
    for req in gold["times"]["required"]:
        hits = [t for t in times if req["text"] in t.text or t.text in req["text"]]
        assert hits, f"missing {req['text']!r}"
        if "value" in req:
            assert any(t.value == req["value"] for t in hits), (req, hits)
        else:
            assert any(t.value.startswith(req["value_prefix"]) for t in hits), (req, hits)


def test_every_context_check_is_for_a_grammar_rule():
    """A check registered under a misspelt rule name would never run."""
    rules = {name for name, _ in grammar.compiled_rules()}
    assert set(recognition.FILTERS) <= rules
    assert {"year", "month", "clock", "duration", "season"} <= set(recognition.FILTERS)
