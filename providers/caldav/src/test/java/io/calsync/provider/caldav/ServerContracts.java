package io.calsync.provider.caldav;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.storage.CalendarStorage;
import java.util.UUID;

/** Shared helpers of the per-server contract subclasses. */
final class ServerContracts {

  private ServerContracts() {}

  /** A new, empty calendar in the user's home, opened as a storage. */
  static CaldavStorage newCalendar(ServerHarness server) {
    try (CaldavAccount account = CaldavAccount.discover(server.root(), server.settings())) {
      CalendarMeta meta = account.createCalendar(
          CalendarMeta.named("t-" + UUID.randomUUID().toString().substring(0, 12), "Test"));
      return account.open(meta.id());
    }
  }

  static CalendarStorage reopen(ServerHarness server, CalendarStorage s) {
    return CaldavStorage.open(((CaldavStorage) s).uri(), server.settings());
  }
}
