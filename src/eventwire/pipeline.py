"""The per-article pipeline: clean, parse, extract. One core for the CLI, API and batch."""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .clean import clean_article
from .clean.fields import check_article, replace_surrogates, safe_id
from .errors import EventwireError, ResourceError
from .extract.actors import extract_actors
from .extract.events import extract_events
from .extract.places import extract_places
from .extract.quotes import extract_quotes
from .extract.times import extract_times
from .limits import Deadline, cap_events, time_budget
from .nlp import doc_text, load_nlp
from .records import Article, CodedArticle, ErrorRecord, Result, parse_published
from .settings import get_settings

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")
#: Longest error message in a record (a message may quote the bad value).
MAX_MESSAGE_CHARS = 1000


def extract_all(doc: Doc, article: Article, deadline: Deadline | None = None) -> CodedArticle:
    """Run every extractor on a parsed article. Pure: same doc, same record. With a
    deadline, TimeBudgetError when it passes (checked between the extractors)."""
    check = deadline.check if deadline else lambda: None
    published = parse_published(article.published)
    times = extract_times(doc, published)
    check()
    places = extract_places(doc)
    check()
    actors = extract_actors(doc, published)
    check()
    quotes = extract_quotes(doc, actors)
    check()
    events = cap_events(extract_events(doc, actors, quotes, times, places, published))
    check()
    return CodedArticle(
        id=article.id,
        text=doc_text(doc),
        published=article.published,
        published_from=article.published_from or ("given" if article.published else "none"),
        title=article.title,
        url=article.url,
        source=article.source,
        actors=tuple(actors),
        events=tuple(e for e in events if e.uncounted is None),
        uncounted_events=tuple(e for e in events if e.uncounted is not None),
        quotes=tuple(quotes),
        places=tuple(places),
        times=tuple(times),
    )


def _code_batch(task: tuple[list[Article | ErrorRecord | str], int]) -> list[Result]:
    items, batch_size = task
    return list(code_many(items, batch_size))


def warm_up() -> None:
    """Load the model and every resource once in this process."""
    list(code_many([Article(id="warm-up", text="Warm-up.")], 1))


def in_workers(
    function: Callable[[T], R], tasks: Iterable[T], processes: int, initializer: Callable[[], None] = warm_up
) -> Iterator[R]:
    """`function` over `tasks` in `processes` worker processes, results in task order; each
    worker runs `initializer` once. At most two tasks per worker are in flight, so memory
    stays bounded on long inputs; a worker that dies (killed, out of memory) stops the run
    with a ResourceError instead of leaving it waiting."""
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(
        processes, mp_context=multiprocessing.get_context(), initializer=initializer
    ) as pool:
        try:
            for task in tasks:
                pending.append(pool.submit(function, task))
                if len(pending) >= 2 * processes:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool:
            raise ResourceError(
                "a worker process died (often: out of memory); use fewer --processes or a "
                "smaller --batch-size, or raise the memory limit."
            ) from None


def _code_in_workers(
    items: Iterable[Article | ErrorRecord | str], batch_size: int, processes: int
) -> Iterator[Result]:
    iterator = iter(items)
    batches = iter(lambda: list(islice(iterator, batch_size)), [])
    for results in in_workers(_code_batch, ((batch, batch_size) for batch in batches), processes):
        yield from results


def _as_article(item: Article | str, published: str | None) -> Article:
    if isinstance(item, Article):
        return item
    return Article(id="text", text=item, published=published)


def code_article(article: Article | str, published: str | None = None) -> Result:
    """Code one article (an Article, or plain text with an optional publication date)."""
    return next(code_many([_as_article(article, published)]))


def _error(article_id: object, exc: BaseException) -> ErrorRecord:
    article_id = safe_id(article_id)
    if isinstance(exc, EventwireError):
        return ErrorRecord(article_id, type(exc).__name__, shorten(str(exc)))
    log.error("unexpected failure on article %r", article_id, exc_info=exc)
    return ErrorRecord(
        article_id,
        "InternalError",
        shorten(f"{type(exc).__name__}: {exc}")
        + " (this is a bug in eventwire; please report it with the article)",
    )


def shorten(message: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """An error message of at most about `limit` characters: a bad value of 100 KB is not
    echoed whole. The middle goes, so the start (what is wrong) and the end (what to do
    next) stay."""
    message = replace_surrogates(message)
    if len(message) <= limit:
        return message
    head, tail = limit * 2 // 3, limit // 3
    return f"{message[:head]} [... {len(message) - head - tail:,} characters cut ...] {message[-tail:]}"


def _pass_through(record: ErrorRecord) -> ErrorRecord:
    """An input error record made writable (id without lone surrogates, message bounded)."""
    ident, message = safe_id(record.id), shorten(record.message)
    if (ident, message) == (record.id, record.message):
        return record
    return ErrorRecord(ident, record.type, message)


def _prepare(item: Article | ErrorRecord) -> tuple[Article, str] | ErrorRecord:
    if isinstance(item, ErrorRecord):
        return _pass_through(item)
    try:
        item = check_article(item)
        parse_published(item.published)
        return item, clean_article(item)
    except Exception as exc:  # noqa: BLE001 - a bad article is data, not a crash
        return _error(item.id, exc)


def _parsed(nlp: Language, good: list[tuple[Article, str]], batch_size: int) -> Iterator[Doc | Exception]:
    """The parse of each prepared article, in order, or the exception that its parse raised.

    Batches go through `nlp.pipe`; when a batch fails (the tokenizer or a component raising
    on one text), the rest of the list is parsed one text at a time, so only the article
    that breaks the parser gets an error record."""
    docs = nlp.pipe(((text, article) for article, text in good), as_tuples=True, batch_size=batch_size)
    done = 0
    try:
        for doc, _article in docs:
            done += 1
            yield doc
        return
    except Exception:  # noqa: BLE001 - which article broke the batch is found below
        log.warning("a parser batch failed; parsing its articles one by one")
    for _article, text in good[done:]:
        try:
            yield nlp(text)
        except Exception as exc:  # noqa: BLE001
            yield exc


def code_many(
    items: Iterable[Article | ErrorRecord | str],
    batch_size: int | None = None,
    n_process: int = 1,
) -> Iterator[Result]:
    """Code articles in order, streaming; input error records pass through in their place.

    Texts are parsed with `nlp.pipe` in batches; an article that fails anywhere becomes an
    ErrorRecord and the rest go on. With `n_process` > 1, worker processes each run the
    whole pipeline on a batch and send back records (never spaCy Docs, whose transfer and
    extraction in this process would leave the workers waiting).
    """
    batch_size = batch_size or get_settings().batch_size
    if n_process > 1:
        yield from _code_in_workers(items, batch_size, n_process)
        return
    nlp = load_nlp()
    budget = get_settings().max_seconds_per_article
    iterator = iter(items)
    while chunk := list(islice(iterator, batch_size * 4)):
        prepared = [_prepare(_as_article(item, None) if isinstance(item, str) else item) for item in chunk]
        good = [p for p in prepared if not isinstance(p, ErrorRecord)]
        docs = _parsed(nlp, good, batch_size)
        for item in prepared:
            if isinstance(item, ErrorRecord):
                yield item
                continue
            doc, article = next(docs), item[0]
            try:
                if isinstance(doc, Exception):
                    raise doc
                with time_budget(budget) as deadline:
                    record = extract_all(doc, article, deadline)
                yield record
            except Exception as exc:  # noqa: BLE001 - a bad article is data, not a crash
                yield _error(article.id, exc)
