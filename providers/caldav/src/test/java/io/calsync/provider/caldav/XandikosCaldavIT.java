package io.calsync.provider.caldav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** CalDAV behaviour tests against a real Xandikos. */
class XandikosCaldavIT extends CaldavBehaviourTests {

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
  ServerHarness server() {
    return server;
  }
}
