package io.calsync.server;

import static org.awaitility.Awaitility.await;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads and edits the destination account as a user of it would, for the destination tests. */
record DestinationFixture(Supplier<CalendarAccount> accounts) {

  static final Duration SOON = Duration.ofSeconds(5);

  List<CalendarMeta> calendars() {
    try (CalendarAccount a = accounts.get()) {
      return a.listCalendars();
    }
  }

  /** The destination calendar named {@code name}, waiting for it to appear. */
  CalendarMeta calendarNamed(String name) {
    return await().atMost(SOON).until(() -> calendars().stream().filter(c -> c.name().equals(name)).findFirst(),
        Optional::isPresent).orElseThrow();
  }

  /** The item with this UID in the calendar, if any: its href, etag and parsed item. */
  Optional<Fetched.Found> item(String calendarId, String uid) {
    try (CalendarAccount a = accounts.get(); CalendarStorage s = a.open(calendarId)) {
      List<String> hrefs = s.list().items().stream().map(ListedItem::href).toList();
      if (hrefs.isEmpty()) return Optional.empty();
      return s.get(hrefs).stream().filter(f -> f instanceof Fetched.Found).map(f -> (Fetched.Found) f)
          .filter(f -> f.item().uid().equals(uid)).findFirst();
    }
  }

  int size(String calendarId) {
    try (CalendarAccount a = accounts.get(); CalendarStorage s = a.open(calendarId)) {
      return s.list().items().size();
    }
  }

  Fetched.Found awaitItem(String calendarId, String uid, String summary) {
    return await().atMost(SOON).until(() -> item(calendarId, uid),
        f -> f.isPresent() && f.get().item().summary().equals(summary)).orElseThrow();
  }

  /** Edits the item as a user of the destination would. */
  void update(String calendarId, Fetched.Found current, Item changed) {
    try (CalendarAccount a = accounts.get(); CalendarStorage s = a.open(calendarId)) {
      s.update(current.href(), changed, current.etag());
      s.flush();
    }
  }

  void delete(String calendarId, Fetched.Found current) {
    try (CalendarAccount a = accounts.get(); CalendarStorage s = a.open(calendarId)) {
      s.delete(current.href(), current.etag());
      s.flush();
    }
  }
}
