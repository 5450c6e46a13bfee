-- calsync state DB, schema 2: the calendar metadata (name, colour, description) of each pair as
-- each side held it after the last sync, the third leg of the three-way comparison for metadata.
-- Values are normalised by the engine (white space collapsed, colours lower case #rrggbb); NULL
-- means unset or empty. One row per pair, written after the pair's first sync.
CREATE TABLE pair_metadata (
    pair_id       TEXT NOT NULL PRIMARY KEY REFERENCES sync_pair (id) ON DELETE CASCADE,
    a_name        TEXT,
    a_color       TEXT,
    a_description TEXT,
    b_name        TEXT,
    b_color       TEXT,
    b_description TEXT,
    updated_at    TEXT NOT NULL
) WITHOUT ROWID;
