"""In-article widgets: the blocks news pages put inside the story that are not the story.

General shapes, not lines copied from one site:

- **Link-dense blocks** in the HTML (a box of related headlines, a name's pop-up card with
  that person's latest stories, a "more from" list): an element whose text is mostly the
  text of three or more links. Dropped before extraction, so their headlines are never
  spliced into a sentence of the article. The text after such an element (its tail) stays.
- **Widget labels** in the text ("SEE MORE", "DON'T MISS", "MORE FROM ...", "RELATED:"),
  and the run of headline-like lines after one (short, no sentence end): a list of links
  whose markup was lost.
- **Newsletter pitches**: a short line asking to sign up or subscribe to a newsletter,
  an e-mail or alerts.
"""

from __future__ import annotations

import re

#: An element is a link box when at least this share of its text is link text...
LINK_SHARE = 0.6
#: ...and it holds at least this many links (one link in a sentence is just a link).
MIN_LINKS = 3
# The containers whose removal cannot take the article with it.
_NEVER = {"html", "body", "article", "main"}

_LABEL = re.compile(
    r"^\s*(see\s+more|read\s+more|show\s+more|don[’']?t\s+miss|more\s+(from|on|stories|news)\b.*|"
    r"related(\s+(stories|articles|coverage|content))?|most\s+(read|popular|viewed)|"
    r"you\s+(may|might)\s+also\s+like|trending(\s+now)?|latest(\s+news)?)\s*[:|\-–]?\s*$",
    re.IGNORECASE,
)
_PITCH = re.compile(
    r"\b(sign\s+up|subscribe|register)\b.{0,80}\b(newsletter|e-?mail|alerts?|inbox|bulletin)\b|"
    r"\b(newsletter|e-?mail|alerts?|inbox|bulletin)\b.{0,80}\b(sign\s+up|subscribe|register)\b",
    re.IGNORECASE,
)
#: A pitch is one short line; a long line that mentions a newsletter is reporting.
MAX_PITCH_CHARS = 200
#: A headline in a lost link list: short and without a sentence end.
MAX_HEADLINE_CHARS = 140
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", ")")


def is_pitch(line: str) -> bool:
    return len(line) <= MAX_PITCH_CHARS and bool(_PITCH.search(line))


def _is_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= MAX_HEADLINE_CHARS and not line.endswith(_SENTENCE_END)


def drop_widget_lines(lines: list[str]) -> list[str]:
    """The lines without widget labels, the headline runs that follow them, and
    newsletter pitches."""
    kept: list[str] = []
    in_list = False
    for line in lines:
        if _LABEL.match(line):
            in_list = True
            continue
        if in_list and _is_headline(line):
            continue
        in_list = False
        if is_pitch(line):
            continue
        kept.append(line)
    return kept


def drop_link_boxes(html: str) -> str:
    """The page without its link-dense elements; the page unchanged (same string) when it
    has none or cannot be parsed. Linear in the page (counts are summed bottom-up), so a
    deeply nested page costs no more than a flat one."""
    import lxml.html  # a dependency of trafilatura

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return html
    # per element: (characters of text, characters of link text, links), its subtree's
    totals: dict = {}
    boxes = []
    for element in reversed(list(root.iter())):
        if not isinstance(element.tag, str):
            continue
        chars, linked, links = _chars(element.text), 0, 0
        for child in element:
            # a box inside is dropped on its own: the element is judged on what stays
            c, k, n = totals.get(child, (0, 0, 0))
            chars, linked, links = chars + c + _chars(child.tail), linked + k, links + n
        if element.tag == "a":
            linked, links = chars, links + 1
        if element.tag not in _NEVER and links >= MIN_LINKS and chars and linked >= LINK_SHARE * chars:
            boxes.append(element)
            totals[element] = (0, 0, 0)
        else:
            totals[element] = (chars, linked, links)
    if not boxes:
        return html
    for element in boxes:  # inner boxes first; dropping one inside a dropped box is harmless
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail text
    return lxml.html.tostring(root, encoding="unicode")


def _chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0
