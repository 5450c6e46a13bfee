package io.calsync.app;

import io.calsync.provider.caldav.RadicaleServer;
import io.calsync.provider.caldav.ServerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CLI end to end against a real Radicale (one server for the class). */
class RadicaleCaldavCliIT extends CaldavCliScenarios {

  private static RadicaleServer server;

  @BeforeAll
  static void up() {
    server = RadicaleServer.start();
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
