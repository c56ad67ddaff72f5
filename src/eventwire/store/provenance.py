"""What the store knows of where its articles came from, for ingest to skip known ones.

An article is known by its canonical URL or origin (web articles, files that declare a
URL) or by the hash of its cleaned text; a source that could not be read at all is kept
in `ingest_failures` with its reason and attempt count. Only articles stored without an
error count as known, so a failed article is tried again on the next run.
"""

from __future__ import annotations

import duckdb

from .queries import scalar


def url_stored(con: duckdb.DuckDBPyConnection, url: str) -> bool:
    """Whether an article with this canonical URL or origin is stored (without error)."""
    sql = "SELECT count(*) FROM articles WHERE error_type IS NULL AND (canonical_url = ? OR origin = ?)"
    return scalar(con, sql, [url, url]) > 0


def hash_stored(con: duckdb.DuckDBPyConnection, digest: str) -> bool:
    """Whether an article with this content hash is stored (without error)."""
    sql = "SELECT count(*) FROM articles WHERE content_hash = ? AND error_type IS NULL"
    return scalar(con, sql, [digest]) > 0


def stored_error(con: duckdb.DuckDBPyConnection, article_id: str | None) -> tuple[str, str] | None:
    """The (type, message) of the error record stored for an article id, if any."""
    row = con.execute("SELECT error_type, error_message FROM articles WHERE id = ?", [article_id]).fetchone()
    return None if row is None or row[0] is None else (row[0], row[1])


def record_failure(
    con: duckdb.DuckDBPyConnection, origin: str, kind: str, error_type: str, message: str
) -> None:
    """Remember a source that could not be read (a URL, feed or file), counting attempts."""
    con.execute(
        """
        INSERT INTO ingest_failures VALUES (?, ?, ?, ?, current_timestamp, current_timestamp, 1)
        ON CONFLICT (origin) DO UPDATE SET kind = excluded.kind, error_type = excluded.error_type,
            message = excluded.message, last_failed = excluded.last_failed,
            attempts = ingest_failures.attempts + 1""",
        [origin, kind, error_type, message],
    )


def clear_failure(con: duckdb.DuckDBPyConnection, origin: str) -> None:
    """Forget an earlier failure of a source that has now been read."""
    con.execute("DELETE FROM ingest_failures WHERE origin = ?", [origin])
