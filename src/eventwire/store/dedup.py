"""Near-duplicate articles and event corroboration (GDELT's NumMentions/NumArticles/NumSources).

What readers (the API, analytics, exports) can query; all exist from schema version 2 on:

- **`articles`** gains `canonical_url`, `content_hash` (sha256 of the cleaned text, hex),
  `origin` (the file path or URL it was ingested from) and `dup_group`: the id of the
  earliest stored article whose cleaned text it nearly copies (MinHash Jaccard estimate
  >= `DUP_THRESHOLD` over word 5-gram shingles), else its own id. Wire copies and updated
  versions of one story share a `dup_group`.
- **`events.cluster_id`**: the corroboration key, an md5 of (source code, target code,
  CAMEO code, event date, place geonameid, counted). Counted = not negated and modality
  asserted/intended, so "X did not attack Y" never merges with "X attacked Y".
- **`event_clusters`** (table, one row per cluster_id): `source_code`, `target_code`,
  `cameo`, `event_date`, `place_geonameid`, `counted`, `mentions` (event rows),
  `articles` (distinct articles), `article_groups` (distinct near-duplicate groups: wire
  copies count once), `sources` (distinct outlets: `articles.source`, else the URL host,
  else the article id), `first_article_id`, `first_event_id` (the earliest report: by
  publication date, then ids), `first_published`, `last_published`.
- **`corroborated_events`** (view): every `events` column plus `mentions`, `articles`,
  `article_groups`, `sources` and `is_first` (true for the cluster's earliest mention).
  To list each real-world event once, filter `is_first`.
- **`event_evidence`** (view, one row per mention of a cluster): `cluster_id`,
  `article_id`, `event_id`, `title`, `source`, `url`, `published_date`, `trigger_text`,
  `trigger_start`, `trigger_end`, `sentence_start`, `sentence_end` (article offsets),
  `sentence` (the sentence text), `source_text`, `target_text`, `confidence`.
  `SELECT * FROM event_evidence WHERE cluster_id = ? ORDER BY published_date, article_id`.

Both are kept up to date by `store.write_records` (clusters touched by a write are
recounted in the same transaction), so readers never run the grouping themselves.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from functools import cache

import duckdb
import numpy as np

from .queries import counted_sql

#: Estimated Jaccard similarity of shingle sets above which two articles are copies.
DUP_THRESHOLD = 0.7
#: MinHash size: 64 permutations in 16 LSH bands of 4 rows. A pair at Jaccard 0.7 shares
#: a band with probability 1 - (1 - 0.7**4)**16 = 0.998; at 0.3, 0.12 (then rejected by
#: the full signature comparison).
PERMUTATIONS, BANDS = 64, 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 5
_PRIME = np.uint64(4294967311)  # the first prime above 2**32
_WORD = re.compile(r"\w+")


@cache
def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    # Fixed seed: signatures must stay comparable across runs and processes. a, b < 2**31
    # keep a * x + b inside uint64 for 32-bit shingle hashes.
    rng = np.random.default_rng(20250510)
    a = rng.integers(1, 2**31, PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, 2**31, PERMUTATIONS, dtype=np.uint64)
    return a, b


def content_hash(text: str) -> str:
    """The identity of a cleaned text: case and whitespace do not make a new article."""
    normal = " ".join(text.lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def shingles(text: str) -> np.ndarray:
    """32-bit hashes of the text's lower-cased word 5-grams (the whole text if shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in set(grams)), dtype=np.uint64)


def minhash(text: str) -> np.ndarray | None:
    """The MinHash signature (uint32, PERMUTATIONS long), or None for a text without words."""
    hashes = shingles(text)
    if hashes.size == 0:
        return None
    a, b = _coefficients()
    values = (np.outer(hashes, a) + b) % _PRIME
    return values.min(axis=0).astype(np.uint32)


def band_hashes(signature: np.ndarray) -> list[int]:
    """One 64-bit hash per band; the band number is part of the hash."""
    out = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big"))
    return out


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(first == second))


def assign_dup_groups(
    con: duckdb.DuckDBPyConnection, articles: list[tuple[str, str]], drop: Sequence[str] = ()
) -> dict[str, str]:
    """Store the articles' signatures and return each one's near-duplicate group id.

    An article joins the group of its most similar earlier article (stored, or earlier in
    `articles`) above the threshold, else starts its own, named by its id. Signatures of
    the ids in `drop` (articles replaced by error records) are removed. Runs inside the
    writer's transaction, with one lookup query for the whole batch."""
    from .bulk import delete_where_in, insert_rows

    ids = [aid for aid, _ in articles] + list(drop)
    delete_where_in(con, "article_minhash", "article_id", ids)
    delete_where_in(con, "article_bands", "article_id", ids)
    signed = [(aid, sig, band_hashes(sig)) for aid, text in articles if (sig := minhash(text)) is not None]
    # Band hash -> [(article id, signature, group)] for stored articles sharing a band.
    index: dict[int, list] = {}
    wanted = sorted({h for _, _, bands in signed for h in bands})
    if wanted:
        for value, other, other_sig, group in con.execute(
            "SELECT b.hash, b.article_id, m.signature, coalesce(a.dup_group, a.id) FROM article_bands b "
            "JOIN article_minhash m ON m.article_id = b.article_id JOIN articles a ON a.id = b.article_id "
            "WHERE b.hash IN (SELECT unnest(?::UBIGINT[]))",
            [wanted],
        ).fetchall():
            index.setdefault(value, []).append((other, np.asarray(other_sig, dtype=np.uint32), group))
    groups = {aid: aid for aid, _ in articles}
    for aid, sig, bands in signed:
        best = DUP_THRESHOLD
        seen = set()
        for value in bands:
            for other, other_sig, group in index.get(value, ()):
                if other == aid or other in seen:
                    continue
                seen.add(other)
                score = similarity(sig, other_sig)
                if score >= best:
                    best, groups[aid] = score, group
        for value in bands:  # later articles of this batch can copy this one
            index.setdefault(value, []).append((aid, sig, groups[aid]))
    insert_rows(
        con, "article_minhash", ("article_id", "signature"), [(aid, sig.tolist()) for aid, sig, _ in signed]
    )
    insert_rows(
        con,
        "article_bands",
        ("article_id", "band", "hash"),
        [(aid, band, value) for aid, _, bands in signed for band, value in enumerate(bands)],
    )
    return groups


def cluster_id(source_code, target_code, cameo, date, geonameid, counted: bool) -> str:
    """The corroboration key of an event (see the module docstring)."""
    parts = [source_code, target_code, cameo, date, geonameid, "c" if counted else "n"]
    return hashlib.md5("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


# Outlet of an article: its source name, else the URL host, else the article itself.
_OUTLET = (
    "coalesce(nullif(a.source, ''), nullif(regexp_extract(coalesce(a.canonical_url, a.url, ''), "
    "'^[a-z]+://(?:www\\.)?([^/:?#]+)', 1), ''), a.id)"
)


def refresh_clusters(con: duckdb.DuckDBPyConnection, cluster_ids: set[str]) -> None:
    """Recount the given clusters from the events table (after their events changed)."""
    if not cluster_ids:
        return
    ids = sorted(cluster_ids)
    con.execute("DELETE FROM event_clusters WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute(
        f"""
        INSERT INTO event_clusters
        SELECT e.cluster_id, any_value(e.source_code), any_value(e.target_code), any_value(e.cameo),
               any_value(e.event_date), any_value(e.place_geonameid),
               any_value({counted_sql("e")}),
               count(*), count(DISTINCT e.article_id), count(DISTINCT coalesce(a.dup_group, a.id)),
               count(DISTINCT {_OUTLET}),
               arg_min(e.article_id, (coalesce(a.published_date, DATE '9999-12-31'), e.article_id, e.event_id)),
               arg_min(e.event_id, (coalesce(a.published_date, DATE '9999-12-31'), e.article_id, e.event_id)),
               min(a.published_date), max(a.published_date)
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.cluster_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY e.cluster_id""",
        [ids],
    )


def rebuild_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Recount every cluster (after a migration or a bulk load); returns the cluster count."""
    con.execute("DELETE FROM event_clusters")
    ids = {
        row[0]
        for row in con.execute(
            "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL"
        ).fetchall()
    }
    refresh_clusters(con, ids)
    return len(ids)
