-- The master as a CalDAV server (/dav/): CalDAV clients choose the resource name of each event
-- they create ("<anything>.ics"), so the name a client chose is kept per item and listed back
-- unchanged. Items nobody named (from agents, the destination) have a derived name (see
-- io.calsync.server.dav.ResourceNames). A row stays after the item is deleted, so
-- sync-collection reports the deletion under the name the client knows.
CREATE TABLE dav_hrefs (
  calendar_id  TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,        -- the decoded last path segment, e.g. "3f2a….ics"
  uid          TEXT NOT NULL,
  PRIMARY KEY (calendar_id, name),
  UNIQUE (calendar_id, uid)
);

-- Changes written by CalDAV clients get an origin of their own ('dav'): SQLite cannot change a
-- CHECK constraint in place, so items and conflicts are rebuilt with the wider one (Flyway runs
-- migrations with foreign keys off; nothing references these tables).
CREATE TABLE items_new (
  calendar_id    TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  uid            TEXT NOT NULL,
  version        INTEGER NOT NULL,
  deleted        INTEGER NOT NULL DEFAULT 0,
  ics            TEXT,
  content_hash   TEXT,
  seq            INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  origin_kind    TEXT NOT NULL CHECK (origin_kind IN ('agent','destination','resolution','dav')),
  origin_agent   TEXT,
  origin_source  TEXT,
  PRIMARY KEY (calendar_id, uid)
);
INSERT INTO items_new SELECT calendar_id, uid, version, deleted, ics, content_hash, seq, updated_at, origin_kind,
  origin_agent, origin_source FROM items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
CREATE INDEX items_by_calendar_seq ON items(calendar_id, seq);

CREATE TABLE conflicts_new (
  id                TEXT PRIMARY KEY,
  calendar_id       TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  uid               TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('open','resolved')),
  strategy          TEXT NOT NULL,
  base_version      INTEGER,
  master_version    INTEGER NOT NULL,
  master_deleted    INTEGER NOT NULL,
  master_ics        TEXT,
  incoming_deleted  INTEGER NOT NULL,
  incoming_ics      TEXT,
  incoming_hash     TEXT,
  origin_kind       TEXT NOT NULL CHECK (origin_kind IN ('agent','destination','dav')),
  agent_id          TEXT,
  source_name       TEXT,
  created_at        INTEGER NOT NULL,
  resolved_at       INTEGER,
  resolution        TEXT CHECK (resolution IN ('source_wins','destination_wins','merged')),
  resolved_version  INTEGER
);
INSERT INTO conflicts_new SELECT id, calendar_id, uid, state, strategy, base_version, master_version, master_deleted,
  master_ics, incoming_deleted, incoming_ics, incoming_hash, origin_kind, agent_id, source_name, created_at,
  resolved_at, resolution, resolved_version FROM conflicts;
DROP TABLE conflicts;
ALTER TABLE conflicts_new RENAME TO conflicts;
CREATE INDEX conflicts_by_state ON conflicts(state, created_at);
CREATE INDEX conflicts_by_item ON conflicts(calendar_id, uid);
