import pytest

from eventwire.clean import clean_article, clean_text
from eventwire.errors import InputError
from eventwire.records import Article


@pytest.mark.parametrize(
    "line",
    [
        "Also Read | Senior official hurt as shell hits house",
        "ALSO READ: Markets fall on war fears",
        "Read More | Ten things to know",
        "Track Latest News Live on Example.com and get news updates from India and around the world",
        "File photo",
        "Photo: Reuters",
        "Representative image",
        "Follow us on Twitter and Facebook",
        "Click here to subscribe",
        "Advertisement",
        "(With inputs from agencies)",
        "Updated on: May 10, 2025 10:15 IST",
    ],
)
def test_furniture_lines_are_removed(line):
    text = f"India and Pakistan agreed to talk.\n{line}\nThe talks begin on Monday."
    assert clean_text(text) == "India and Pakistan agreed to talk.\nThe talks begin on Monday."


@pytest.mark.parametrize(
    "line",
    [
        "Photographs taken on Friday showed damage to the runway at the air base, officials said.",
        "Also, read the statement: the ministry urged calm.",
        "Watchdogs said the vote was fair.",
        "Updated figures from the ministry showed 26 dead.",
    ],
)
def test_article_lines_are_kept(line):
    assert clean_text(f"First line.\n{line}") == f"First line.\n{line}"


def test_clean_normalises_line_ends_and_controls():
    assert clean_text("a\r\nb\rc\x07d\n\n\n\ne") == "a\nb\ncd\n\ne"


@pytest.mark.parametrize(
    "article, message",
    [
        (Article(id="x", text=""), "empty"),
        (Article(id="x", text="   \n\n "), "empty"),
        (Article(id="x"), "neither"),
        (Article(id="x", text="\x00\x01\x02junk" * 100), "binary"),
        (Article(id="x", html="<html><script>var a=1;</script></html>"), "no article text"),
        (Article(id="x", text="x" * 6_000_000), "over the limit"),
    ],
)
def test_bad_articles_raise_input_error(article, message):
    with pytest.raises(InputError, match=message):
        clean_article(article)


def test_html_goes_through_boilerplate_removal():
    body = " ".join(["India and Pakistan agreed to a ceasefire on Saturday after four days of fighting."] * 4)
    html = (
        f"<html><head><title>t</title></head><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav>"
        f"<article><h1>Ceasefire</h1><p>{body}</p><p>Also Read | Other story</p></article>"
        "<footer>Copyright 2025 Example News</footer></body></html>"
    )
    text = clean_article(Article(id="x", html=html))
    assert "ceasefire on Saturday" in text
    assert "Home" not in text and "Copyright" not in text and "Also Read" not in text


WIRE = """Grain analysts said the increase of
three mln tonnes in Soviet grain imports is unlikely to affect
the market on Tuesday, when trading resumes after the holiday.
    They said the market had already discounted higher imports,
partly on news that the Soviet Union bought one mln tonnes of
U.S. corn last month.
    Shr 34 cts vs 1.19 dlrs
    Net 807,000 vs 2,858,000"""


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    text = clean_text(WIRE)
    assert text.split("\n") == [
        "Grain analysts said the increase of three mln tonnes in Soviet grain imports is unlikely to "
        "affect the market on Tuesday, when trading resumes after the holiday.",
        "    They said the market had already discounted higher imports, partly on news that the Soviet "
        "Union bought one mln tonnes of U.S. corn last month.",
        "    Shr 34 cts vs 1.19 dlrs",
        "    Net 807,000 vs 2,858,000",
    ]
    assert len(text) == len(WIRE)  # a newline becomes a space: offsets do not move


@pytest.mark.parametrize(
    "text",
    [
        # One paragraph per line, as web pages give.
        "India and Pakistan agreed to talk on Saturday after four days of fighting.\n"
        "The talks begin on Monday in Geneva, the foreign ministry of Pakistan said.\n"
        "Both armies were told to hold their positions until the talks are over.",
        # Headlines and list items: short, or no sentence running on into the next line.
        "Historic Climate Change Agreement Adopted In Paris\n"
        "The Paris Climate Agreement Is One Huge Step For Mankind\n"
        "Speaking with One Voice to Solve the Climate Crisis",
        "KENYA:\nTotal dead: 192\nAmericans: 12\nInjured: 4,877",
    ],
)
def test_text_that_is_not_hard_wrapped_keeps_its_lines(text):
    assert clean_text(text) == text
