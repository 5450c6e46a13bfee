-- Named API keys for scripts and dashboards, next to the admin key in DATA_DIR/admin.key.
-- A key is presented as cak_<id>.<secret>: id is public (listed, used to revoke), only
-- SHA-256(salt || secret) is stored. A revoked key stays listed (who had access, until when).
CREATE TABLE api_keys (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'read')),
  salt          TEXT NOT NULL,
  hash          TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  revoked_at    INTEGER,
  last_used_at  INTEGER
);
