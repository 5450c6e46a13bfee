package io.calsync.provider.caldav;

import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.testkit.CalendarStorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract against a real Xandikos. */
class XandikosStorageIT extends CalendarStorageContract {

  private static XandikosServer server;

  @BeforeAll
  static void up() {
    server = XandikosServer.start();
  }

  @AfterAll
  static void down() {
    if (server != null) server.close();
  }

  @Override
  protected CalendarStorage newEmptyStorage() {
    return ServerContracts.newCalendar(server);
  }

  @Override
  protected CalendarStorage reopen(CalendarStorage storage) {
    return ServerContracts.reopen(server, storage);
  }
}
