-- The agent's own status: per calendar source, what it last agreed on with the master.
-- (docs/protocol.md, "The agent's side of a source")

CREATE TABLE source_state (
  source_name        TEXT PRIMARY KEY,
  master_token       INTEGER NOT NULL DEFAULT 0, -- the master's "since" token of this source
  local_sync_token   TEXT,                       -- the local storage's sync token, if it has one
  master_calendar_id TEXT                        -- as the master last named it
);

CREATE TABLE item_state (
  source_name   TEXT NOT NULL REFERENCES source_state (source_name) ON DELETE CASCADE,
  uid           TEXT NOT NULL,
  href          TEXT,             -- where the local storage keeps it; null once deleted locally
  etag          TEXT,             -- the local etag last seen or written
  content_hash  TEXT,             -- the normalised hash of the local content
  base_version  INTEGER,          -- the master version the local copy agrees with; null: never at the master
  sharing       TEXT NOT NULL,    -- full | busy | held_back (sync_filters)
  conflict_hash TEXT,             -- the hash of an upload the master parked as a conflict
  rejected_hash TEXT,             -- the hash of an upload the master rejected
  PRIMARY KEY (source_name, uid)
);

CREATE INDEX item_state_href ON item_state (source_name, href);
