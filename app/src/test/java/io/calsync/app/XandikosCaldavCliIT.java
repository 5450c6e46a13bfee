package io.calsync.app;

import io.calsync.provider.caldav.XandikosServer;
import io.calsync.provider.caldav.ServerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CLI end to end against a real Xandikos (one server for the class). */
class XandikosCaldavCliIT extends CaldavCliScenarios {

  private static XandikosServer server;

  @BeforeAll
  static void up() {
    server = XandikosServer.start();
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
