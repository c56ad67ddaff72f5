-- eventwire store, schema version 2: ingest bookkeeping, near-duplicate articles and
-- event corroboration (see store/dedup.py for what each column means).

-- Where an article came from and what identifies it across ingests: the same canonical
-- URL, else the same cleaned-text hash, is the same article (stored once).
ALTER TABLE articles ADD COLUMN canonical_url VARCHAR;
ALTER TABLE articles ADD COLUMN content_hash VARCHAR;
ALTER TABLE articles ADD COLUMN origin VARCHAR;
-- Near-duplicate group: the id of the earliest stored article it copies (itself if none).
ALTER TABLE articles ADD COLUMN dup_group VARCHAR;

-- The corroboration key of each event (source, target, CAMEO code, date, place).
ALTER TABLE events ADD COLUMN cluster_id VARCHAR;

-- MinHash signature of each article's cleaned text, and its LSH band hashes, so a new
-- article finds its near-duplicates with one join instead of comparing against all.
CREATE TABLE IF NOT EXISTS article_minhash (article_id VARCHAR PRIMARY KEY, signature UINTEGER[]);
CREATE TABLE IF NOT EXISTS article_bands (article_id VARCHAR, band SMALLINT, hash UBIGINT);

-- One row per corroboration key: how many mentions, articles and outlets report it.
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id VARCHAR PRIMARY KEY,
    source_code VARCHAR, target_code VARCHAR, cameo VARCHAR, event_date VARCHAR,
    place_geonameid BIGINT, counted BOOLEAN,
    mentions INTEGER, articles INTEGER, article_groups INTEGER, sources INTEGER,
    first_article_id VARCHAR, first_event_id VARCHAR, first_published DATE, last_published DATE
);

-- Sources (files, URLs, feeds) that could not be read, with the reason: never lost.
CREATE TABLE IF NOT EXISTS ingest_failures (
    origin VARCHAR PRIMARY KEY, kind VARCHAR, error_type VARCHAR, message VARCHAR,
    first_failed TIMESTAMP, last_failed TIMESTAMP, attempts INTEGER
);

-- Every event with its corroboration counts (an event without a cluster counts once).
CREATE OR REPLACE VIEW corroborated_events AS
SELECT e.*,
       coalesce(c.mentions, 1) AS mentions,
       coalesce(c.articles, 1) AS articles,
       coalesce(c.article_groups, 1) AS article_groups,
       coalesce(c.sources, 1) AS sources,
       coalesce(c.first_article_id = e.article_id AND c.first_event_id = e.event_id, TRUE) AS is_first
FROM events e LEFT JOIN event_clusters c USING (cluster_id);

-- The evidence of each corroborated event: one row per mention, with its article.
CREATE OR REPLACE VIEW event_evidence AS
SELECT e.cluster_id, e.article_id, e.event_id,
       a.title, a.source, a.url, a.published_date,
       e.trigger_text, e.trigger_start, e.trigger_end,
       e.sentence_start, e.sentence_end,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.source_text, e.target_text, e.confidence
FROM events e JOIN articles a ON a.id = e.article_id
WHERE e.cluster_id IS NOT NULL;

-- Existing events get their key; the same formula as dedup.cluster_id in Python.
UPDATE events SET cluster_id = md5(concat_ws('|',
    coalesce(source_code, ''), coalesce(target_code, ''), coalesce(cameo, ''), coalesce(event_date, ''),
    coalesce(CAST(place_geonameid AS VARCHAR), ''),
    CASE WHEN NOT negated AND modality IN ('asserted', 'intended') THEN 'c' ELSE 'n' END));
