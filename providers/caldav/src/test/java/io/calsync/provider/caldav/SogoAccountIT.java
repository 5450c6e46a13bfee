package io.calsync.provider.caldav;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.provider.testkit.CalendarAccountContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The account contract against a real Sogo (discovered from the server root). */
class SogoAccountIT extends CalendarAccountContract {

  private static SogoServer server;

  @BeforeAll
  static void up() {
    server = SogoServer.start();
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
