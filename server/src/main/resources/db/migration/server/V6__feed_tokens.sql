-- Secret-URL subscription feeds (GET /feeds/t/{token}.ics) for clients that cannot authenticate
-- (webcal). The token is 256 random bits, so its plain SHA-256 is enough to find and check it
-- (no salt or slow KDF needed); the token itself is shown once, when created.
CREATE TABLE feed_tokens (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the token
  name         TEXT,
  all_calendars INTEGER NOT NULL,      -- 1: every calendar, now and later
  calendar_ids TEXT NOT NULL,          -- JSON array of master calendar ids (empty when all)
  busy_only    INTEGER NOT NULL,
  created_at   INTEGER NOT NULL
);
