-- calsync state DB, schema 1. Timestamps are ISO-8601 UTC text (Instant.toString()), sides are 'A'
-- (source, --from) and 'B' (destination, --to). The DB holds no secrets: locations are whatever
-- the user typed after --from/--to, credentials live elsewhere.

-- A sync pair: one source and one destination, as typed. id = short SHA-256 of both locations.
CREATE TABLE sync_pair (
    id            TEXT NOT NULL PRIMARY KEY,
    from_location TEXT NOT NULL,
    to_location   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_sync_at  TEXT,
    UNIQUE (from_location, to_location)
);

-- What both sides held of each item (by UID) after it was last synced: the third leg of the
-- three-way comparison. Both sides are always present.
CREATE TABLE item_status (
    pair_id    TEXT NOT NULL REFERENCES sync_pair (id) ON DELETE CASCADE,
    uid        TEXT NOT NULL,
    a_href     TEXT NOT NULL,
    a_etag     TEXT,
    a_hash     TEXT NOT NULL,
    b_href     TEXT NOT NULL,
    b_etag     TEXT,
    b_hash     TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (pair_id, uid)
) WITHOUT ROWID;

-- Incremental-listing tokens (RFC 6578 sync-token, Graph deltaLink, ...), one per side.
CREATE TABLE sync_token (
    pair_id    TEXT NOT NULL REFERENCES sync_pair (id) ON DELETE CASCADE,
    side       TEXT NOT NULL CHECK (side IN ('A', 'B')),
    token      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (pair_id, side)
) WITHOUT ROWID;

-- Manual conflicts: both versions kept whole until a person picks one (resolution) and the next
-- sync applies it. A deleted version has a NULL text (and hash). Listed in insertion order (rowid;
-- replacing a conflict keeps its place).
CREATE TABLE conflict (
    pair_id     TEXT NOT NULL REFERENCES sync_pair (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    uid         TEXT NOT NULL,
    summary     TEXT,
    detected_at TEXT NOT NULL,
    a_href      TEXT,
    a_etag      TEXT,
    a_hash      TEXT,
    a_text      TEXT,
    b_href      TEXT,
    b_etag      TEXT,
    b_hash      TEXT,
    b_text      TEXT,
    resolution  TEXT CHECK (resolution IN ('A', 'B')),
    resolved_at TEXT,
    UNIQUE (pair_id, id)
);
CREATE INDEX conflict_by_uid ON conflict (pair_id, uid);
