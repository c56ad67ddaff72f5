"""Read queries behind the REST API: filtered events, one event, dyads, quotes, speakers.

Filters arrive already validated (see `eventwire.web.params`); this module only turns them
into SQL with bound parameters. They read the API's in-memory snapshot of the store
(`snapshot.py`): event filters, sorting and paging run on its numeric index
(`event_index.py`), and only the page's rows are read from `events` and joined to
`articles`.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from .event_index import SCHEMA
from .transaction import transaction


@dataclass(frozen=True)
class EventFilter:
    """Validated filters of GET /api/events. `None` means "any"."""

    dyad: tuple[str, str] | None = None
    actor: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    cameo_root: str | None = None
    plover: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat
    quad_class: int | None = None
    all: bool = False  # also negated, hypothetical, requested and denied events
    unique: bool = False  # each corroborated event once: its earliest report only


def dyad_sql(dyad: tuple[str, str] | None, params: list) -> str:
    """An undirected dyad condition on the index: IND-PAK matches IND->PAK and PAK->IND."""
    if dyad is None:
        return "TRUE"
    params.append("-".join(sorted(dyad)))
    return f"i.dyad_id = (SELECT id FROM {SCHEMA}.dyads WHERE dyad = ?)"


def date_sql(start: dt.date | None, end: dt.date | None, params: list) -> list[str]:
    where = []
    if start is not None:
        where.append("i.day >= ?")
        params.append(start)
    if end is not None:
        where.append("i.day <= ?")
        params.append(end)
    return where


def _where(f: EventFilter) -> tuple[str, list]:
    params: list = []
    where = [] if f.all else ["i.counted"]
    if f.unique:
        where.append("i.is_first")
    if f.dyad:
        where.append(dyad_sql(f.dyad, params))
    if f.actor:
        # A code prefix (PAK, PAKMIL) or a piece of a name or mention, either side.
        actors = f"SELECT id FROM {SCHEMA}.actors WHERE starts_with(code, ?) OR contains(names, ?)"
        where.append(f"(i.src_id IN ({actors}) OR i.tgt_id IN ({actors}))")
        params.extend([f.actor.upper(), f.actor.lower()] * 2)
    where += date_sql(f.start, f.end, params)
    if f.cameo_root:
        where.append("i.cameo_root = ?")
        params.append(int(f.cameo_root))
    if f.plover:
        where.append("i.plover = ?")
        params.append(f.plover)
    if f.quad_class:
        where.append("i.quad_class = ?")
        params.append(f.quad_class)
    if f.place:
        if f.place.isascii() and f.place.isdigit() and len(f.place) <= 18:  # a GeoNames id
            where.append(f"i.place_id IN (SELECT id FROM {SCHEMA}.places WHERE geonameid = ?)")
            params.append(int(f.place))
        else:
            where.append(f"i.place_id IN (SELECT id FROM {SCHEMA}.places WHERE contains(name, ?))")
            params.append(f.place.lower())
    if f.bbox:
        where.append("i.lon BETWEEN ? AND ? AND i.lat BETWEEN ? AND ?")
        params.extend([f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]])
    return " AND ".join(where) or "TRUE", params


@contextmanager
def _consistent(con: duckdb.DuckDBPyConnection):
    """One read transaction, so a count and its page see the same snapshot even when the
    API swaps in a newer one between the two statements."""
    with transaction(con):
        yield


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# The page's rows with the article fields, the evidence sentence and the corroboration
# counts of the dedup layer (see store/dedup.py; an event without a cluster counts once).
# The snapshot's events carry the offsets of their source and target mentions.
_PAGE = """
    SELECT e.* EXCLUDE (source_start, source_end, target_start, target_end),
           substring(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS _sentence,
           a.title AS _title, a.source AS _source, a.url AS _url, a.published AS _published,
           coalesce(c.mentions, 1) AS mentions, coalesce(c.articles, 1) AS articles,
           coalesce(c.article_groups, 1) AS article_groups, coalesce(c.sources, 1) AS sources,
           coalesce(c.first_article_id = e.article_id AND c.first_event_id = e.event_id, TRUE) AS is_first,
           [e.source_start, e.source_end, e.target_start, e.target_end] AS _spans
    FROM page e LEFT JOIN articles a ON a.id = e.article_id
                LEFT JOIN event_clusters c ON c.cluster_id = e.cluster_id
    ORDER BY e._rank"""


def search_events(
    con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict]]:
    """(total matching, one page of events newest first) for the filter."""
    where, params = _where(f)
    with _consistent(con):
        return _search_events(con, where, params, limit, offset)


def _search_events(con, where: str, params: list, limit: int, offset: int) -> tuple[int, list[dict]]:
    total = con.execute(f"SELECT count(*) FROM {SCHEMA}.event_index i WHERE {where}", params).fetchall()[0][0]
    if total == 0 or offset >= total:
        return total, []
    rids = [
        row[0]
        for row in con.execute(
            f"SELECT i.rid FROM {SCHEMA}.event_index i WHERE {where} ORDER BY i.pos LIMIT ? OFFSET ?",
            params + [limit, offset],
        ).fetchall()
    ]
    return total, [_event_json(r) for r in _page_rows(con, rids)]


_CLUSTER_COUNTS = ("mentions", "articles", "article_groups", "sources")


def _page_rows(con, rids: list[int]) -> list[dict]:
    """The snapshot's events numbered `rids`, in that order, with what `_PAGE` adds to them.

    Why not `_PAGE`: its joins scan the whole of `events` and `articles` (the text of every
    article included) for each page. Here each table is read through filters the scan
    applies itself: the page's range of row numbers (its events lie close together in list
    order), then the page's articles and clusters by key, and the rows are put together here.
    """
    events = _dicts(
        con.execute(
            "SELECT * EXCLUDE (ew_rid), ew_rid AS _rid FROM events "
            "WHERE ew_rid BETWEEN ? AND ? AND ew_rid = ANY(?::INTEGER[])",
            [min(rids), max(rids), rids],
        )
    )
    order = {rid: i for i, rid in enumerate(rids)}
    events.sort(key=lambda e: order[e["_rid"]])
    articles = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT id, title, source, url, published, text FROM articles WHERE id = ANY(?::VARCHAR[])",
            [sorted({e["article_id"] for e in events})],
        ).fetchall()
    }
    keys = sorted({e["cluster_id"] for e in events if e["cluster_id"] is not None})
    clusters = {
        row[0]: row[1:]
        for row in (
            con.execute(
                "SELECT cluster_id, mentions, articles, article_groups, sources, first_article_id, "
                "first_event_id FROM event_clusters WHERE cluster_id = ANY(?::VARCHAR[])",
                [keys],
            ).fetchall()
            if keys
            else ()
        )
    }
    return [_assembled(e, articles.get(e["article_id"]), clusters.get(e["cluster_id"])) for e in events]


def _assembled(event: dict, article: tuple | None, cluster: tuple | None) -> dict:
    """One row as `_PAGE` gives it: the event's columns, its article's fields and evidence
    sentence, its corroboration counts (an event without a cluster counts once)."""
    row = {k: v for k, v in event.items() if k not in _SPAN_COLUMNS and k != "_rid"}
    title, source, url, published, text = article or (None,) * 5
    start, end = event["sentence_start"], event["sentence_end"]
    row["_sentence"] = text[start:end] if text is not None and start is not None and end is not None else None
    row.update(_title=title, _source=source, _url=url, _published=published)
    counts = cluster[:4] if cluster else (None,) * 4
    row.update({name: 1 if n is None else n for name, n in zip(_CLUSTER_COUNTS, counts)})
    is_first = (
        None if cluster is None else (cluster[4] == event["article_id"] and cluster[5] == event["event_id"])
    )
    row["is_first"] = True if is_first is None else is_first
    row["_spans"] = [event[c] for c in _SPAN_COLUMNS]
    return row


_SPAN_COLUMNS = ("source_start", "source_end", "target_start", "target_end")


def get_event(con: duckdb.DuckDBPyConnection, article_id: str, event_id: str) -> dict | None:
    rows = _dicts(
        con.execute(
            f"""
        WITH page AS MATERIALIZED (SELECT * EXCLUDE (ew_rid), 1 AS _rank FROM events
                                   WHERE article_id = ? AND event_id = ?)
        {_PAGE}""",
            [article_id, event_id],
        )
    )
    return _event_json(rows[0]) if rows else None


def _span_of(spans: list | None, side: int) -> list[int] | None:
    """[start, end] of the source (side 0) or target (side 1) mention from the record."""
    if not spans or spans[2 * side] is None or spans[2 * side + 1] is None:
        return None
    return [spans[2 * side], spans[2 * side + 1]]


def _relative(span: list[int] | None, base: int, sentence: str) -> list[int] | None:
    if span is None:
        return None
    s, e = span[0] - base, span[1] - base
    # A mention outside the sentence (a resolved pronoun's antecedent elsewhere) cannot
    # be highlighted in it.
    return [s, e] if 0 <= s <= e <= len(sentence) else None


def _find(text: str | None, sentence: str) -> list[int] | None:
    """Fallback for rows without a stored record: the mention's first place in the sentence."""
    if not text:
        return None
    i = sentence.find(text)
    return None if i < 0 else [i, i + len(text)]


def _event_json(row: dict) -> dict:
    sentence = row.pop("_sentence") or ""
    spans = row.pop("_spans")
    article = {
        "id": row["article_id"],
        "title": row.pop("_title"),
        "source": row.pop("_source"),
        "url": row.pop("_url"),
        "published": row.pop("_published"),
    }
    row.pop("_rank", None)
    base = row["sentence_start"] or 0
    source, target = _span_of(spans, 0), _span_of(spans, 1)
    row["evidence"] = {
        "sentence": sentence,
        "trigger": [row["trigger_start"] - base, row["trigger_end"] - base],
        "source": _relative(source, base, sentence) if source else _find(row["source_text"], sentence),
        "target": _relative(target, base, sentence) if target else _find(row["target_text"], sentence),
    }
    row["article"] = article
    return row


def list_dyads(con: duckdb.DuckDBPyConnection, limit: int = 1000) -> list[dict]:
    """Undirected country dyads with counted events, most events first."""
    return _dicts(
        con.execute(
            f"""
        SELECT d.dyad, sum(x.events)::BIGINT AS events, min(x.day) AS first, max(x.day) AS last
        FROM {SCHEMA}.dyad_days x JOIN {SCHEMA}.dyads d ON d.id = x.dyad_id
        WHERE NOT x.all_dyads
        GROUP BY d.dyad ORDER BY events DESC, d.dyad LIMIT ?""",
            [limit],
        )
    )


# The dates a series can show (Python's; a store may hold odder ones from odd input).
_SHOWN_DAYS = "i.day BETWEEN DATE '0001-01-01' AND DATE '9999-12-31'"
# The first day of an event day's bucket, per unit (see analytics/buckets.py).
_BUCKET_SQL = {
    "day": "i.day",
    "week": "date_trunc('week', i.day)::DATE",
    "month": "date_trunc('month', i.day)::DATE",
    "year": "make_date(year(i.day), 1, 1)",
    "decade": "make_date(greatest(1, year(i.day) // 10 * 10), 1, 1)",
    "century": "make_date(greatest(1, year(i.day) // 100 * 100), 1, 1)",
    "millennium": "make_date(greatest(1, year(i.day) // 1000 * 1000), 1, 1)",
}


def _series_where(dyad: tuple[str, str] | None, start, end, params: list) -> str:
    where = ["i.all_dyads"] if dyad is None else ["NOT i.all_dyads", dyad_sql(dyad, params)]
    where += ["i.day IS NOT NULL", _SHOWN_DAYS, *date_sql(start, end, params)]
    return " AND ".join(where)


def day_span(
    con: duckdb.DuckDBPyConnection,
    dyad: tuple[str, str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[dt.date, dt.date] | None:
    """The first and last day with counted events of a dyad (or of all events) in start..end."""
    params: list = []
    where = _series_where(dyad, start, end, params)
    row = con.execute(
        f"SELECT min(i.day), max(i.day) FROM {SCHEMA}.dyad_days i WHERE {where}", params
    ).fetchone()
    return None if row is None or row[0] is None else (row[0], row[1])


def daily_counts(
    con: duckdb.DuckDBPyConnection,
    dyad: tuple[str, str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    unit: str = "day",
) -> list[dict]:
    """Counted events per bucket (`unit`: day, week, month, year, decade, century, millennium)
    of an undirected dyad (or of all events): buckets with events only, keyed by their first
    day, with QuadClass counts and the Goldstein sum that the escalation index needs."""
    params: list = []
    where = _series_where(dyad, start, end, params)
    bucket = _BUCKET_SQL[unit]
    return _dicts(
        con.execute(
            f"""
        SELECT {bucket} AS day, sum(i.events)::BIGINT AS events, sum(i.q1)::BIGINT AS q1,
               sum(i.q2)::BIGINT AS q2, sum(i.q3)::BIGINT AS q3, sum(i.q4)::BIGINT AS q4,
               sum(i.goldstein_sum)::DOUBLE AS goldstein_sum
        FROM {SCHEMA}.dyad_days i WHERE {where} GROUP BY 1 ORDER BY 1""",
            params,
        )
    )


def search_quotes(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    actor: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[int, list[dict]]:
    """Quotes whose speaker name or mention contains `speaker`, or whose code starts with `actor`."""
    where, params = ["TRUE"], []
    if speaker:
        where.append("(contains(lower(q.speaker_name), ?) OR contains(lower(q.speaker_text), ?))")
        params += [speaker.lower(), speaker.lower()]
    if actor:
        where.append("starts_with(q.speaker_code, ?)")
        params.append(actor.upper())
    cond = " AND ".join(where)
    with _consistent(con):
        total = con.execute(f"SELECT count(*) FROM quotes q WHERE {cond}", params).fetchall()[0][0]
        rows = _dicts(
            con.execute(
                f"""
            SELECT q.article_id, q.quote_id, q.kind, q.content, q.speaker_text, q.speaker_code,
                   q.speaker_name, a.published
            FROM quotes q LEFT JOIN articles a ON a.id = q.article_id
            WHERE {cond}
            ORDER BY a.published_date DESC NULLS LAST, q.article_id, q.quote_id
            LIMIT ? OFFSET ?""",
                params + [limit, offset],
            )
        )
    return total, rows


def list_speakers(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[dict]:
    """Speakers by number of quotes (a resolved name, else the mention), with their most
    frequent code and their longest quote as an example."""
    return _dicts(
        con.execute(
            """
        SELECT coalesce(speaker_name, speaker_text) AS speaker, mode(speaker_code) AS code,
               count(*) AS quotes, arg_max(content, length(content)) AS example
        FROM quotes WHERE speaker_text IS NOT NULL
        GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT ?""",
            [limit],
        )
    )
