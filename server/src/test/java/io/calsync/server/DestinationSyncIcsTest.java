package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calsync.provider.Storages;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The destination sync with an ics folder as the destination. */
class DestinationSyncIcsTest extends DestinationSyncBehaviour {

  private java.nio.file.Path root() {
    return dataDir.resolve("destination");
  }

  @Override
  Map<String, String> destinationEnv() {
    return Map.of("DESTINATION_URL", "ics:" + root());
  }

  @Override
  DestinationFixture fixture() {
    return new DestinationFixture(() -> Storages.openAccount("ics:" + root()));
  }

  @Test
  void destinationDownAtStart_serverStarts_healthReportsIt_andCatchesUpWhenItComesBack() throws Exception {
    Files.writeString(root(), "not a folder"); // the destination cannot be opened
    startMaster(Map.of());
    master.upload("a1", "Work", put("e1", ev("e1", "Planning", "20260110T090000Z"), null));

    await().atMost(DestinationFixture.SOON).until(
        () -> master.get("/health").body().path("destination").path("status").asText().equals("error"));
    assertThat(master.get("/health").body().path("destination").path("last_error").asText()).isNotBlank();

    Files.delete(root());
    Files.createDirectory(root());

    await().atMost(Duration.ofSeconds(15)).until(
        () -> master.get("/health").body().path("destination").path("status").asText().equals("ok"));
    fixture().awaitItem(fixture().calendarNamed("team").id(), "e1", "Planning");
  }

  private static String put(String uid, String ics, Long base) {
    return TestMaster.put(uid, ics, base);
  }
}
