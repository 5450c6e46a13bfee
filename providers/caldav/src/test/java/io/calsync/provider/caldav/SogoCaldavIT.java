package io.calsync.provider.caldav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** CalDAV behaviour tests against a real Sogo. */
class SogoCaldavIT extends CaldavBehaviourTests {

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
  ServerHarness server() {
    return server;
  }
}
