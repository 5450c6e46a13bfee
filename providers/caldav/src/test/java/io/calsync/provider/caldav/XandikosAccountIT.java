package io.calsync.provider.caldav;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.provider.testkit.CalendarAccountContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The account contract against a real Xandikos (discovered from the server root). */
class XandikosAccountIT extends CalendarAccountContract {

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
  protected CalendarAccount newEmptyAccount() {
    return CaldavAccount.discover(server.root(), server.settings());
  }
}
