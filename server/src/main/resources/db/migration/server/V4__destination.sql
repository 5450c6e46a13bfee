-- Destination sync: which calendar of the destination account holds each master calendar.
-- Keyed by the destination URL too, so pointing DESTINATION_URL elsewhere starts afresh instead of
-- writing into calendars of another account. Timestamps are epoch milliseconds (UTC).
CREATE TABLE destination_calendars (
  destination_url          TEXT NOT NULL,
  calendar_id              TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  destination_calendar_id  TEXT NOT NULL,
  -- 'active', or 'missing': the destination calendar was deleted there; it is not recreated (and
  -- refilled) behind the user's back until the mapping is removed
  state                    TEXT NOT NULL CHECK (state IN ('active','missing')),
  created_at               INTEGER NOT NULL,
  PRIMARY KEY (destination_url, calendar_id)
);
