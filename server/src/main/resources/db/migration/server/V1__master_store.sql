-- The master's store. Timestamps are epoch milliseconds (UTC) so they compare as numbers.

CREATE TABLE agents (
  id             TEXT PRIMARY KEY,
  name           TEXT,
  environment    TEXT,
  secret_id      TEXT UNIQUE,          -- public half of the agent token, to find the row
  secret_salt    TEXT,
  secret_hash    TEXT,                 -- SHA-256(salt || secret), hex; the secret itself is never stored
  registered_at  INTEGER NOT NULL,
  last_check_in  INTEGER,
  config         TEXT                  -- JSON: the agent's last heartbeat minus its calendar sources
);

CREATE TABLE calendars (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  color        TEXT,
  description  TEXT,
  owner_agent  TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

-- Which agent holds a copy of which master calendar, through which of its sources.
CREATE TABLE calendar_sources (
  agent_id                TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  source_name             TEXT NOT NULL,
  calendar_id             TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  type                    TEXT,
  calendar_name           TEXT,
  provider_calendar_id    TEXT,
  allow_metadata_updates  INTEGER NOT NULL DEFAULT 0,
  allow_event_updates     INTEGER NOT NULL DEFAULT 0,
  conflict_resolution     TEXT,
  PRIMARY KEY (agent_id, source_name)
);
CREATE INDEX calendar_sources_by_calendar ON calendar_sources(calendar_id);

-- Per-agent durable update queue. seq gives FIFO order; id is the public update id.
CREATE TABLE updates (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  id               TEXT NOT NULL UNIQUE,
  agent_id         TEXT NOT NULL,
  type             TEXT NOT NULL,
  payload          TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,   -- failed processing attempts reported by the agent
  deliveries       INTEGER NOT NULL DEFAULT 0,   -- times handed to the agent
  state            TEXT NOT NULL CHECK (state IN ('pending','delivered','processed','rejected','dead')),
  next_attempt_at  INTEGER NOT NULL,
  delivered_at     INTEGER,
  processed_at     INTEGER,
  result           TEXT
);
CREATE INDEX updates_open ON updates(agent_id, state, next_attempt_at);
CREATE INDEX updates_by_state ON updates(state, processed_at);

CREATE TABLE activity (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  agent_id     TEXT,
  calendar_id  TEXT,
  update_id    TEXT,
  message      TEXT NOT NULL
);
CREATE INDEX activity_by_agent ON activity(agent_id, id);

CREATE TABLE audit (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  target   TEXT,
  outcome  INTEGER NOT NULL,
  remote   TEXT
);
