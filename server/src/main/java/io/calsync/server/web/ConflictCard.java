package io.calsync.server.web;

import io.calsync.ical.ItemDiff;
import java.util.List;

/** An open conflict with its two versions lined up property by property (left: master, right: incoming). */
public record ConflictCard(ConsoleBackend.ConflictRow conflict, List<ItemDiff.Row> rows) {

  static ConflictCard of(ConsoleBackend.ConflictRow c) {
    return new ConflictCard(c, ItemDiff.compare(c.masterIcs(), c.incomingIcs(), "conflict " + c.id()));
  }

  public boolean masterDeleted() {
    return conflict.masterIcs() == null;
  }

  public boolean incomingDeleted() {
    return conflict.incomingIcs() == null;
  }

  public long differences() {
    return rows.stream().filter(ItemDiff.Row::differs).count();
  }
}
