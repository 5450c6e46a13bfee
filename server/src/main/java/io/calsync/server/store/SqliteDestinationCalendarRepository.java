package io.calsync.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** {@link DestinationCalendarRepository} on the master's SQLite store. */
public final class SqliteDestinationCalendarRepository implements DestinationCalendarRepository {
  private final Transactions tx;

  public SqliteDestinationCalendarRepository(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public Optional<DestinationCalendar> find(String destinationUrl, String calendarId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM destination_calendars"
          + " WHERE destination_url = ? AND calendar_id = ?")) {
        Sql.bind(ps, destinationUrl, calendarId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(new DestinationCalendar(rs.getString("destination_url"), rs.getString("calendar_id"),
              rs.getString("destination_calendar_id"), "missing".equals(rs.getString("state")),
              Sql.instant(rs, "created_at")));
        }
      }
    });
  }

  @Override
  public void insert(DestinationCalendar m) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO destination_calendars(destination_url,"
          + " calendar_id, destination_calendar_id, state, created_at) VALUES (?, ?, ?, ?, ?)")) {
        Sql.bind(ps, m.destinationUrl(), m.calendarId(), m.destinationCalendarId(),
            m.missing() ? "missing" : "active", m.createdAt());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void markMissing(String destinationUrl, String calendarId) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE destination_calendars SET state = 'missing'"
          + " WHERE destination_url = ? AND calendar_id = ?")) {
        Sql.bind(ps, destinationUrl, calendarId);
        return ps.executeUpdate();
      }
    });
  }
}
