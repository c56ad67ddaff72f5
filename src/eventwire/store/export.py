"""Exports of the store: GDELT 2.0 event rows, PLOVER JSON, Parquet, CSV, JSON Lines.

- `gdelt`: tab-separated, no header (as GDELT's own files), the 61 columns of the GDELT 2.0
  event table in order, one row per corroborated event (its earliest mention), filled as
  far as our data goes. Deviations, since our data is not GDELT's: GLOBALEVENTID is a
  stable number derived from the event's cluster id; actor geography (Actor1Geo_*,
  Actor2Geo_*) is empty (Type 0); ActionGeo_FeatureID is the GeoNames id, and
  ActionGeo_CountryCode / ADM1Code are empty because GDELT uses FIPS 10-4 codes and we
  hold ISO ones (the ISO code and admin-1 name are in ActionGeo_FullName); AvgTone is
  empty (we do not score tone); IsRootEvent is 1 for events in the article's first
  sentence. NumMentions, NumSources, NumArticles come from the corroboration tables.
- `plover`: JSON Lines, one PLOVER record per corroborated event, with the field names of
  the PLOVER specification (id, date, source, target, event, eventText, mode, context,
  text, language, publication, version, dateCoded...) and eventwire's own fields under
  `eventwire` (CAMEO code, QuadClass, Goldstein, counts, offsets).
- `parquet`, `csv`: the `corroborated_events` view, every mention with its counts.
- `jsonl`: the coded articles themselves (contract shape) and error records.

Only counted events (not negated, asserted or intended) unless `counted_only=False`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import duckdb

from ..errors import UsageError
from ..records import error_dict
from .queries import counted_sql, scalar

FORMATS = ("gdelt", "plover", "parquet", "csv", "jsonl")
COUNTED = counted_sql("e")
PLOVER_VERSION = "0.6b2"

GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor{n}{field}"
        for n in (1, 2)
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{who}Geo_{field}"
        for who in ("Actor1", "Actor2", "Action")
        for field in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED",
    "SOURCEURL",
)

# International (non-country) actor codes go to KnownGroupCode as GDELT does.
_GROUPS = "('IGO', 'NGO', 'UNO', 'MNC', 'NGM', 'IMG', 'UIS')"


def _actor_sql(side: str) -> str:
    """GDELT's ten actor columns for `source` or `target`."""
    s = f"e.{side}"
    return f""",
        {s}_code, upper(coalesce({s}_name, {s}_text)),
        CASE WHEN {s}_country NOT IN {_GROUPS} THEN {s}_country END,
        CASE WHEN {s}_country IN {_GROUPS} THEN {s}_country END, NULL, NULL, NULL,
        nullif(substr({s}_sector, 1, 3), ''), nullif(substr({s}_sector, 4, 3), ''),
        nullif(substr({s}_sector, 7, 3), '')"""


def _gdelt_sql(where: str) -> str:
    day = "coalesce(try_strptime(left(e.event_date, 10), '%Y-%m-%d')::DATE, a.published_date)"
    geo_type = (
        "CASE WHEN e.place_geonameid IS NULL AND e.lat IS NULL THEN 0 "
        "WHEN p.feature = 'country' THEN 1 "
        "WHEN p.feature = 'admin1' THEN CASE WHEN e.place_country = 'US' THEN 2 ELSE 5 END "
        "ELSE CASE WHEN e.place_country = 'US' THEN 3 ELSE 4 END END"
    )
    empty_geo = ", 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    return f"""
        WITH d AS (SELECT e.*, a.published_date, a.coded_at, coalesce(a.url, a.canonical_url, a.origin, a.id) AS src_url,
                          {day} AS day
                   FROM corroborated_events e JOIN articles a ON a.id = e.article_id WHERE {where})
        SELECT ('0x' || left(coalesce(e.cluster_id, md5(e.article_id || '/' || e.event_id)), 15))::BIGINT,
               strftime(e.day, '%Y%m%d')::INTEGER, strftime(e.day, '%Y%m')::INTEGER, year(e.day),
               round(year(e.day) + (month(e.day) * 30 + day(e.day)) / 365.0, 4)
               {_actor_sql("source")} {_actor_sql("target")},
               CASE WHEN e.sentence_start = 0 THEN 1 ELSE 0 END,
               e.cameo, left(e.cameo, 3), e.cameo_root, e.quad_class, e.goldstein,
               e.mentions, e.sources, e.articles, NULL
               {empty_geo} {empty_geo},
               {geo_type}, concat_ws(', ', e.place_name, p.admin1, e.place_country), NULL, NULL, NULL,
               e.lat, e.lon, CAST(e.place_geonameid AS VARCHAR),
               strftime(e.coded_at, '%Y%m%d%H%M%S')::BIGINT, e.src_url
        FROM d e LEFT JOIN (SELECT article_id, geonameid, any_value(feature) AS feature, any_value(admin1) AS admin1
                            FROM places GROUP BY ALL) p
               ON p.article_id = e.article_id AND p.geonameid = e.place_geonameid
        ORDER BY e.day, 1"""


def _where(counted_only: bool, first_only: bool) -> str:
    parts = ["TRUE"]
    if counted_only:
        parts.append(COUNTED)
    if first_only:
        parts.append("e.is_first")
    return " AND ".join(parts)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\t", " ").replace("\n", " ")


def export_gdelt(
    con: duckdb.DuckDBPyConnection, out: TextIO, counted_only: bool = True, header: bool = False
) -> int:
    """GDELT 2.0 event rows, tab-separated; returns the row count."""
    cursor = con.execute(_gdelt_sql(_where(counted_only, first_only=True)))
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    while rows := cursor.fetchmany(5000):
        for row in rows:
            out.write("\t".join(_cell(v) for v in row) + "\n")
        count += len(rows)
    return count


def _plover_actor(text, code, country, sector, name) -> list[dict]:
    if text is None:
        return []
    actor = {"actorText": text, "code": country or code}
    if sector:
        actor["sector"] = sector
    if name:
        actor["name"] = name
    return [actor]


def plover_records(con: duckdb.DuckDBPyConnection, counted_only: bool = True) -> Iterator[dict]:
    """One PLOVER record per corroborated event (its earliest mention)."""
    cursor = con.execute(f"""
        SELECT e.article_id, e.event_id, coalesce(e.event_date, CAST(a.published_date AS VARCHAR)),
               e.source_text, e.source_code, e.source_country, e.source_sector, e.source_name,
               e.target_text, e.target_code, e.target_country, e.target_sector, e.target_name,
               e.plover, e.plover_mode, e.trigger_text,
               substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start),
               coalesce(a.source, a.url), CAST(a.coded_at AS DATE), e.cameo, e.quad_class, e.goldstein,
               e.mentions, e.articles, e.sources, e.place_name, e.place_geonameid, e.lat, e.lon,
               e.place_country, e.negated, e.modality, e.cluster_id, a.url, e.trigger_start, e.trigger_end
        FROM corroborated_events e JOIN articles a ON a.id = e.article_id
        WHERE {_where(counted_only, first_only=True)} AND e.plover IS NOT NULL
        ORDER BY 3, 1, 2""")
    while rows := cursor.fetchmany(2000):
        for r in rows:
            record = {
                "id": f"{r[0]}-{r[1]}",
                "date": r[2],
                "source": _plover_actor(*r[3:8]),
                "target": _plover_actor(*r[8:13]),
                "event": r[13],
                "eventText": r[15],
                "mode": r[14] or "",
                "context": "",
                "text": r[16],
                "language": "en",
                "publication": r[17] or "",
                "coder": "eventwire",
                "version": PLOVER_VERSION,
                "dateCoded": str(r[18]) if r[18] else None,
            }
            if r[26] is not None or r[27] is not None:
                record["geolocation"] = {
                    "placeName": r[25],
                    "geonameID": r[26],
                    "latitude": r[27],
                    "longitude": r[28],
                    "countryCode": r[29],
                }
            record["eventwire"] = {
                "article_id": r[0],
                "event_id": r[1],
                "url": r[33],
                "cameo": r[19],
                "quad_class": r[20],
                "goldstein": r[21],
                "mentions": r[22],
                "articles": r[23],
                "sources": r[24],
                "negated": r[30],
                "modality": r[31],
                "cluster_id": r[32],
                "trigger": [r[34], r[35]],
            }
            yield record


def _events_sql(counted_only: bool) -> str:
    return (
        f"SELECT e.* FROM corroborated_events e WHERE {_where(counted_only, first_only=False)} "
        "ORDER BY e.article_id, e.event_id"
    )


def export_csv(con: duckdb.DuckDBPyConnection, out: TextIO, counted_only: bool = True) -> int:
    cursor = con.execute(_events_sql(counted_only))
    writer = csv.writer(out)
    writer.writerow([d[0] for d in cursor.description])
    count = 0
    while rows := cursor.fetchmany(5000):
        writer.writerows(rows)
        count += len(rows)
    return count


def export_parquet(con: duckdb.DuckDBPyConnection, path: str | Path, counted_only: bool = True) -> int:
    """The corroborated events as a Parquet file (written by DuckDB itself)."""
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({_events_sql(counted_only)}) TO '{target}' (FORMAT parquet)")
    return scalar(con, f"SELECT count(*) FROM corroborated_events e WHERE {_where(counted_only, False)}")


def export_jsonl(con: duckdb.DuckDBPyConnection, out: TextIO) -> int:
    """Every stored article as its contract record (error records in the error shape)."""
    cursor = con.execute(
        "SELECT id, record, error_type, error_message FROM articles ORDER BY published_date, id"
    )
    count = 0
    while rows := cursor.fetchmany(500):
        for article_id, record, error_type, message in rows:
            if record is None:
                record = json.dumps(error_dict(article_id, error_type, message))
            out.write((record if isinstance(record, str) else json.dumps(record)) + "\n")
        count += len(rows)
    return count


def export(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    output: str | Path | None,
    out: TextIO,
    counted_only: bool = True,
    header: bool = False,
) -> int:
    """Write the store in `fmt` to `output` (a path), or to `out` when output is None."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    if fmt == "parquet":
        if not output:
            raise UsageError("the parquet format needs --output FILE (it is binary).")
        return export_parquet(con, output, counted_only)
    stream = open(output, "w", encoding="utf-8", newline="") if output else out
    try:
        if fmt == "gdelt":
            return export_gdelt(con, stream, counted_only, header)
        if fmt == "csv":
            return export_csv(con, stream, counted_only)
        if fmt == "jsonl":
            return export_jsonl(con, stream)
        count = 0
        for record in plover_records(con, counted_only):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    finally:
        if output:
            stream.close()
