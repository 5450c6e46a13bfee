package io.calsync.app;

import io.calsync.provider.caldav.SogoServer;
import io.calsync.provider.caldav.ServerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CLI end to end against a real SOGo (as Mailcow runs it, nginx in front) (one server for the class). */
class SogoCaldavCliIT extends CaldavCliScenarios {

  private static SogoServer server;

  @BeforeAll
  static void up() {
    server = SogoServer.start();
  }

  @AfterAll
  static void down() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  ServerHarness server() {
    return server;
  }
}
