-- Event sync (docs/protocol.md): the master's items, its global change sequence and the conflicts
-- the manual strategy keeps. Timestamps are epoch milliseconds (UTC).

-- One row: the last sequence number handed out. Every accepted change of any item takes the next
-- one, so "what changed in calendar C since T" is one index range (items_by_calendar_seq).
CREATE TABLE change_sequence (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  value  INTEGER NOT NULL
);
INSERT INTO change_sequence(id, value) VALUES (1, 0);

-- The current version of each item (one UID in one master calendar). A deletion keeps the row as
-- a tombstone (deleted = 1, ics NULL) so a late upload based on the deleted version is recognised.
CREATE TABLE items (
  calendar_id    TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  uid            TEXT NOT NULL,
  version        INTEGER NOT NULL,
  deleted        INTEGER NOT NULL DEFAULT 0,
  ics            TEXT,
  content_hash   TEXT,
  seq            INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  origin_kind    TEXT NOT NULL CHECK (origin_kind IN ('agent','destination','resolution')),
  origin_agent   TEXT,                 -- the agent of an agent origin, else NULL
  origin_source  TEXT,                 -- that agent's source name, else NULL
  PRIMARY KEY (calendar_id, uid)
);
CREATE INDEX items_by_calendar_seq ON items(calendar_id, seq);

-- Concurrent changes kept by the manual strategy: both versions as they were when it was detected.
CREATE TABLE conflicts (
  id                TEXT PRIMARY KEY,
  calendar_id       TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  uid               TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('open','resolved')),
  strategy          TEXT NOT NULL,
  base_version      INTEGER,             -- the base the uploader sent (NULL: it never had one)
  master_version    INTEGER NOT NULL,
  master_deleted    INTEGER NOT NULL,
  master_ics        TEXT,
  incoming_deleted  INTEGER NOT NULL,
  incoming_ics      TEXT,
  incoming_hash     TEXT,
  origin_kind       TEXT NOT NULL CHECK (origin_kind IN ('agent','destination')),
  agent_id          TEXT,
  source_name       TEXT,
  created_at        INTEGER NOT NULL,
  resolved_at       INTEGER,
  resolution        TEXT CHECK (resolution IN ('source_wins','destination_wins','merged')),
  resolved_version  INTEGER
);
CREATE INDEX conflicts_by_state ON conflicts(state, created_at);
CREATE INDEX conflicts_by_item ON conflicts(calendar_id, uid);
