package io.calsync.server;

import io.calsync.provider.caldav.CaldavAccount;
import io.calsync.provider.caldav.RadicaleServer;
import io.calsync.provider.caldav.ServerHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The destination sync with a real Radicale as the destination (a CalDAV home found by
 * discovery). Without Radicale the tests are skipped loudly; with {@code CI=true} they fail.
 */
class DestinationSyncRadicaleTest extends DestinationSyncBehaviour {
  RadicaleServer radicale;

  @BeforeEach
  void startRadicale() {
    radicale = RadicaleServer.start();
  }

  @AfterEach
  void stopRadicale() {
    stop(); // the master first: its last run may still talk to Radicale
    master = null;
    if (radicale != null) radicale.close();
  }

  @Override
  Map<String, String> destinationEnv() {
    return Map.of("DESTINATION_URL", "caldav+" + radicale.home(), "DESTINATION_USERNAME", ServerHarness.USER,
        "DESTINATION_PASSWORD", ServerHarness.PASSWORD);
  }

  @Override
  DestinationFixture fixture() {
    return new DestinationFixture(() -> CaldavAccount.discover(radicale.home(), radicale.settings()));
  }
}
