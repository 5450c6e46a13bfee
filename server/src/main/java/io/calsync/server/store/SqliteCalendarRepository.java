package io.calsync.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link CalendarRepository} on the master's SQLite store. */
public final class SqliteCalendarRepository implements CalendarRepository {
  private final Transactions tx;

  public SqliteCalendarRepository(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Calendar> find(String calendarId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM calendars WHERE id = ?")) {
        Sql.bind(ps, calendarId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<Calendar> list() {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM calendars ORDER BY name, id");
          ResultSet rs = ps.executeQuery()) {
        List<Calendar> out = new ArrayList<>();
        while (rs.next()) out.add(read(rs));
        return out;
      }
    });
  }

  @Override
  public List<Calendar> findByName(String name) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM calendars WHERE name = ? ORDER BY created_at, id")) {
        Sql.bind(ps, name);
        try (ResultSet rs = ps.executeQuery()) {
          List<Calendar> out = new ArrayList<>();
          while (rs.next()) out.add(read(rs));
          return out;
        }
      }
    });
  }

  @Override
  public void insert(Calendar cal) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO calendars(id, name, color, description, owner_agent, created_at, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        Sql.bind(ps, cal.id(), cal.name(), cal.color(), cal.description(), cal.ownerAgent(), cal.createdAt(), cal.updatedAt());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void update(Calendar cal) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE calendars SET name = ?, color = ?, description = ?, owner_agent = ?, updated_at = ? WHERE id = ?")) {
        Sql.bind(ps, cal.name(), cal.color(), cal.description(), cal.ownerAgent(), cal.updatedAt(), cal.id());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public boolean delete(String calendarId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM calendars WHERE id = ?")) {
        Sql.bind(ps, calendarId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<SourceMapping> sourcesOf(String calendarId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM calendar_sources WHERE calendar_id = ? ORDER BY agent_id, source_name")) {
        Sql.bind(ps, calendarId);
        try (ResultSet rs = ps.executeQuery()) {
          List<SourceMapping> out = new ArrayList<>();
          while (rs.next()) out.add(readSource(rs));
          return out;
        }
      }
    });
  }

  @Override
  public Optional<SourceMapping> findSource(String agentId, String sourceName) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM calendar_sources WHERE agent_id = ? AND source_name = ?")) {
        Sql.bind(ps, agentId, sourceName);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(readSource(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void replaceAgentSources(String agentId, List<SourceMapping> mappings) {
    tx.inTransaction(c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM calendar_sources WHERE agent_id = ?")) {
        Sql.bind(del, agentId);
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO calendar_sources(agent_id, source_name, calendar_id, type, calendar_name,"
              + " provider_calendar_id, allow_metadata_updates, allow_event_updates, conflict_resolution)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (SourceMapping m : mappings) {
          Sql.bind(ps, agentId, m.sourceName(), m.calendarId(), m.type(), m.calendarName(), m.providerCalendarId(),
              m.allowMetadataUpdates(), m.allowEventUpdates(), m.conflictResolution());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private static Calendar read(ResultSet rs) throws SQLException {
    return new Calendar(rs.getString("id"), rs.getString("name"), rs.getString("color"), rs.getString("description"),
        rs.getString("owner_agent"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
  }

  private static SourceMapping readSource(ResultSet rs) throws SQLException {
    return new SourceMapping(rs.getString("agent_id"), rs.getString("source_name"), rs.getString("calendar_id"),
        rs.getString("type"), rs.getString("calendar_name"), rs.getString("provider_calendar_id"),
        rs.getInt("allow_metadata_updates") == 1, rs.getInt("allow_event_updates") == 1,
        rs.getString("conflict_resolution"));
  }
}
