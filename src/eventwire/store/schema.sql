-- eventwire store, schema version 1. One row per article; the other tables hang off
-- articles.id. Coded records are also kept whole (record JSON) so nothing is lost.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    published VARCHAR,
    published_date DATE,
    title VARCHAR,
    url VARCHAR,
    source VARCHAR,
    text VARCHAR,
    error_type VARCHAR,
    error_message VARCHAR,
    coded_at TIMESTAMP DEFAULT current_timestamp,
    record JSON
);

CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, actor_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER,
    code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR, title VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, event_id VARCHAR,
    sentence_start INTEGER, sentence_end INTEGER,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    source_text VARCHAR, source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_name VARCHAR,
    target_text VARCHAR, target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_name VARCHAR,
    cameo VARCHAR, cameo_root VARCHAR, plover VARCHAR, plover_mode VARCHAR,
    quad_class INTEGER, goldstein DOUBLE,
    event_date VARCHAR, date_text VARCHAR,
    place_name VARCHAR, place_geonameid BIGINT, lat DOUBLE, lon DOUBLE, place_country VARCHAR,
    negated BOOLEAN, modality VARCHAR, quote_id VARCHAR, confidence DOUBLE
);

CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, quote_id VARCHAR, kind VARCHAR,
    content VARCHAR, content_start INTEGER, content_end INTEGER,
    cue VARCHAR, speaker_text VARCHAR, speaker_code VARCHAR, speaker_name VARCHAR
);

CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER, geonameid BIGINT,
    name VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR, admin1 VARCHAR, feature VARCHAR
);

CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER,
    type VARCHAR, value VARCHAR, precision VARCHAR
);
