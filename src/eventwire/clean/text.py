"""From a raw article (text or HTML) to the clean text the pipeline analyses.

Offsets in the output index this cleaned text, so cleaning happens once, here, before parsing.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError
from ..limits import check_sentence_lengths
from ..records import Article
from ..settings import get_settings
from .widgets import drop_link_boxes, drop_widget_lines

# Page furniture that news sites put between paragraphs. Each pattern matches a whole line.
# They are general shapes (a cross-link label, a "follow us" call, a photo credit), not
# lines copied from one page.
_FURNITURE = [
    r"(also|must|more|further)\s+read\s*[|:\-–].*",
    r"read\s+(more|also)\s*[|:\-–].*",
    r"(also\s+)?watch\s*[|:\-–].*",
    r"(related|recommended|trending|top)\s+(news|stories|videos?|articles?)\s*[|:\-–]?.*",
    r"track\s+(the\s+)?latest\s+news\s+live\s+on\b.*",
    r"(follow|join|subscribe\s+to)\s+(us|our)\b.*\b(on|channel|newsletter|whatsapp|telegram|twitter|facebook|instagram|youtube|google news)\b.*",
    r"(click|tap)\s+here\s+(to|for)\b.*",
    r"(download|get)\s+the\s+\w+(\s+\w+)?\s+app\b.*",
    r"(file\s+)?(photo|image|picture|video)(\s+(credit|courtesy|source))?\s*([|:\-–(].*)?",
    r"(representative|representational)\s+(image|photo|picture)\b.*",
    r"(advertisement|sponsored|story continues below( this ad)?)\.?",
    r"(first\s+published|published|updated|last\s+updated)\s*(on\s*:?|:)\s.*",
    r"\(?(with\s+inputs\s+from|edited\s+by|written\s+by|reporting\s+by)\b.*\)?",
    r"(share|tweet|email|print)(\s*[|·•]\s*(share|tweet|email|print|whatsapp|facebook|twitter))+",
]
_FURNITURE_RE = re.compile(r"^\s*(?:" + "|".join(_FURNITURE) + r")\s*$", re.IGNORECASE)
# A furniture pattern may match a long line by accident ("Photo ..." starting a real
# sentence): lines longer than this are kept unless they carry a cross-link bar.
_MAX_FURNITURE_CHARS = 160


def _is_furniture(line: str) -> bool:
    if not _FURNITURE_RE.match(line):
        return False
    return len(line) <= _MAX_FURNITURE_CHARS or "|" in line[:40]


def clean_text(text: str) -> str:
    """Normalise line ends and Unicode, drop control characters and furniture lines, and
    join hard-wrapped lines into paragraphs."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = [line.rstrip() for line in text.split("\n")]
    kept = [line for line in drop_widget_lines(lines) if not _is_furniture(line)]
    return re.sub(r"\n{3,}", "\n\n", _unwrap(kept)).strip()


# A hard-wrapped text (wire copy, e-mail) breaks its lines at a fixed width, mostly in the
# middle of a sentence; its paragraphs start with an indent or follow a blank line.
_SENTENCE_END = tuple(".!?:;\"”’)'")
_MIN_WRAPPED_LINES = 2
_WRAP_WIDTHS = range(40, 101)


def _unwrap(lines: list[str]) -> str:
    """The lines joined with newlines, except that in a hard-wrapped text a line runs on
    into the next one when that is not indented and the line is full-width or stops in the
    middle of a sentence ("...the increase of\nthree mln tonnes" is one sentence)."""
    runs_on = [
        i
        for i in range(len(lines) - 1)
        if lines[i].strip() and lines[i + 1].strip() and not lines[i + 1][0].isspace()
    ]
    if len(runs_on) < _MIN_WRAPPED_LINES:
        return "\n".join(lines)
    widths = sorted(len(lines[i]) for i in runs_on)
    width = widths[len(widths) * 9 // 10]
    wide = {i for i in runs_on if len(lines[i]) >= 0.6 * width}
    open_ended = {i for i in runs_on if not lines[i].endswith(_SENTENCE_END)}
    wrapped = (
        width in _WRAP_WIDTHS
        and len(wide & open_ended) >= 0.6 * len(runs_on)
        and any(lines[i + 1][0].islower() for i in open_ended)
    )  # a sentence goes on
    if not wrapped:
        return "\n".join(lines)
    joined = wide | open_ended
    return "".join(line + (" " if i in joined else "\n") for i, line in enumerate(lines))[:-1]


def clean_html(html: str, url: str | None = None) -> str:
    """Main text of a news page (trafilatura), then the same line cleaning as for text."""
    import trafilatura  # imported here: it costs 0.3 s and text input never needs it
    from trafilatura.deduplication import LRU_SIZE, LRUCache

    html = drop_link_boxes(html)
    extracted = None
    # Precision first (menus, captions and teasers stay out); a page where that finds
    # nothing (a long essay or review in unusual markup) is read again for recall.
    for precise in (True, False):
        extracted = trafilatura.extract(
            html,
            url=url,
            favor_precision=precise,
            favor_recall=not precise,
            include_comments=False,
            include_tables=False,
            # A cache of this page's own: repeated blocks inside the page are still dropped,
            # but trafilatura's process-wide default would make the fourth copy of a page (a
            # wire story, a page polled by `watch`) "no article text": same page, same text.
            deduplicate=LRUCache(maxsize=LRU_SIZE),
        )
        if extracted and extracted.strip():
            break
    if not extracted or not extracted.strip():
        raise InputError(
            "no article text found in the HTML page (it may be a script-only, empty or "
            "index page); pass the article's own page, or its text with a .txt file."
        )
    return clean_text(extracted)


def clean_article(article: Article) -> str:
    """The cleaned text of an article; raises InputError when nothing usable is left."""
    settings = get_settings()
    raw = article.html if article.text is None else article.text
    if raw is None:
        raise InputError("the article has neither 'text' nor 'html'; give one of them.")
    if not isinstance(raw, str):
        raise InputError(f"'text'/'html' must be a string, not {type(raw).__name__}.")
    size = len(raw.encode("utf-8", "surrogatepass"))
    if size > settings.max_article_bytes:
        raise InputError(
            f"the article is {size / 1e6:.1f} MB, over the limit of "
            f"{settings.max_article_bytes / 1e6:.1f} MB; split it, or raise "
            "EVENTWIRE_MAX_ARTICLE_BYTES."
        )
    _reject_binary(raw)
    text = clean_text(raw) if article.text is not None else clean_html(raw, article.url)
    if not text:
        raise InputError("the article is empty after cleaning; nothing to code.")
    if len(text) > settings.max_text_chars:
        raise InputError(
            f"the cleaned text has {len(text):,} characters, over the limit of "
            f"{settings.max_text_chars:,}; split the article, or raise EVENTWIRE_MAX_TEXT_CHARS."
        )
    check_sentence_lengths(text, settings.max_sentence_words)
    return text


def _reject_binary(raw: str) -> None:
    """Binary junk decoded as text shows NULs and many control or replacement characters."""
    sample = raw[:20_000]
    if not sample:
        return
    bad = sum(
        1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    )
    if "\x00" in sample or bad / len(sample) > 0.05:
        raise InputError(
            "the input looks like binary data, not text or HTML "
            f"({bad} of the first {len(sample)} characters are control or undecodable); "
            "check the file, or convert it to UTF-8 text."
        )
