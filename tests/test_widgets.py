"""In-article widgets are removed by general rules (issue 14, item 13), and long real
articles survive cleaning."""

from __future__ import annotations

import time

import pytest

from eventwire.clean import clean_html, clean_text
from eventwire.clean.widgets import drop_link_boxes

STORY = [
    "Pakistan accused India of shelling villages near the border on Friday, officials said.",
    "The foreign ministry in Islamabad summoned the Indian envoy to lodge a formal protest.",
    "India said its troops had only returned fire after an attack on a post in Kashmir.",
]


def page(middle: str, paragraphs: list[str] = STORY) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><body><article><h1>Shelling</h1>{middle}{body}</article></body></html>"


def test_a_name_popup_with_headlines_is_not_spliced_into_the_sentence():
    popup = (
        '<span class="card">'
        + "".join(
            f'<a href="/s{i}">Senator Smith story number {i} about the budget vote</a>' for i in range(6)
        )
        + "</span>"
    )
    lead = f"<p>Senator {popup}John Smith urged both countries to show restraint, his office said.</p>"
    text = clean_html(page(lead))
    assert "story number" not in text
    assert "Senator John Smith urged both countries" in text


def test_a_box_of_related_links_goes_and_a_sentence_with_links_stays():
    box = (
        "<div>"
        + "".join(f'<a href="/r{i}">Related headline {i} on the crisis</a> ' for i in range(5))
        + "</div>"
    )
    linked = (
        '<p>The <a href="/un">United Nations</a>, the <a href="/eu">European Union</a> and '
        '<a href="/us">Washington</a> urged both sides to return to talks without conditions.</p>'
    )
    text = clean_html(page(box + linked))
    assert "Related headline" not in text
    assert "urged both sides to return to talks" in text


@pytest.mark.parametrize(
    "label", ["SEE MORE", "DON'T MISS", "Don’t miss:", "MORE FROM REUTERS", "Related stories"]
)
def test_widget_labels_and_the_headlines_under_them_go(label):
    text = "\n".join(
        [STORY[0], label, "Heatwave grips the north", "Markets rally on hopes of peace", STORY[1]]
    )
    assert clean_text(text) == f"{STORY[0]}\n{STORY[1]}"


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our morning newsletter to get the day's top stories.",
        "Subscribe to our daily e-mail bulletin",
        "Get breaking news alerts: register now",
    ],
)
def test_newsletter_pitches_go(line):
    assert clean_text(f"{STORY[0]}\n{line}\n{STORY[1]}") == f"{STORY[0]}\n{STORY[1]}"


@pytest.mark.parametrize(
    "line",
    [
        "More than 20 people were killed, police said.",
        "The ministry said it would subscribe to the new treaty and publish a newsletter of its findings "
        "every month, a plan critics in parliament called an expensive distraction from the border crisis "
        "that has displaced thousands of families since the spring.",
        "Latest figures showed the army had doubled its presence.",
    ],
)
def test_article_lines_that_look_a_little_like_widgets_stay(line):
    assert clean_text(f"{STORY[0]}\n{line}") == f"{STORY[0]}\n{line}"


def test_a_long_essay_survives():
    paragraphs = [
        f"{STORY[i % 3]} In paragraph {i} the essay goes on to weigh the history." for i in range(60)
    ]
    html = (
        "<html><body><div class='essay'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div></body></html>"
    )
    text = clean_html(html)
    assert "paragraph 0 " in text and "paragraph 59 " in text


def test_link_boxes_on_a_deeply_nested_page_take_linear_time():
    html = "<html><body>" + "<div>" * 5000 + '<a href="/x">x</a>' * 3 + "</div>" * 5000 + "</body></html>"
    started = time.monotonic()
    drop_link_boxes(html)
    assert time.monotonic() - started < 5


def test_a_page_without_link_boxes_is_passed_on_unchanged():
    html = page("")
    assert drop_link_boxes(html) is html
