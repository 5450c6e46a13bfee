package io.calsync.provider.caldav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** CalDAV behaviour tests against a real Radicale. */
class RadicaleCaldavIT extends CaldavBehaviourTests {

  private static RadicaleServer server;

  @BeforeAll
  static void up() {
    server = RadicaleServer.start();
  }

  @AfterAll
  static void down() {
    if (server != null) server.close();
  }

  @Override
  ServerHarness server() {
    return server;
  }
}
