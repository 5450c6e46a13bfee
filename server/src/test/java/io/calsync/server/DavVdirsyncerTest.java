package io.calsync.server;

import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vdirsyncer (Debian) keeps a local folder in two-way sync with the master's /dav/, logging in
 * with HTTP Basic and the admin key as password: creates, edits and deletes on either side reach
 * the other, and the folder's changes reach the agents as event_update.
 */
class DavVdirsyncerTest {
  private static final String VDIRSYNCER = "/usr/bin/vdirsyncer";

  @TempDir Path dir;

  @Test
  void aLocalFolderAndTheMasterStayInTwoWaySync() throws IOException {
    ThirdPartyClients.requireExecutable(VDIRSYNCER, "vdirsyncer");
    try (TestMaster master = TestMaster.start(dir.resolve("master"), Map.of("AUTH_ENABLED", "true"))) {
      master.heartbeatSources("a1", "[" + source("Work", "team") + "]");
      master.heartbeatSources("a2", "[" + source("Shared", "team") + "]");
      master.upload("a1", "Work", TestMaster.put("m1", TestIcs.event("m1", "from the master", "20260110T000000Z", 0), null));
      master.pending("a2"); // clear a2's queue: what follows must come from the folder
      Path config = writeConfig(master);
      Path local = dir.resolve("local");

      ThirdPartyClients.runOk(dir, List.of(VDIRSYNCER, "-c", config.toString(), "discover"), "y\ny\ny\n");
      sync(config);
      Path team = local.resolve("team");
      assertThat(fileWith(team, "UID:m1")).as("the master's event in the folder").isNotNull();

      // created in the folder → the master, and a2 as event_update
      Files.writeString(team.resolve("l1.ics"), TestIcs.event("l1", "from the folder", "20260111T000000Z", 0));
      sync(config);
      assertThat(master.get("/calendars/team/items").raw()).contains("l1", "from the folder");
      assertThat(master.pending("a2").toString()).contains("event_update", "l1");

      // an edit on each side
      master.upload("a1", "Work", TestMaster.put("m1", TestIcs.event("m1", "edited by the agent", "20260112T000000Z", 1), 1L));
      Files.writeString(team.resolve("l1.ics"), TestIcs.event("l1", "edited in the folder", "20260112T000000Z", 1));
      sync(config);
      assertThat(Files.readString(fileWith(team, "UID:m1"))).contains("edited by the agent");
      assertThat(master.get("/calendars/team/items").raw()).contains("edited in the folder");

      // a delete on each side
      Files.delete(fileWith(team, "UID:m1"));
      master.upload("a1", "Work", TestMaster.del("l1", master.server.items().current("team", "l1").orElseThrow().version()));
      sync(config);
      assertThat(fileWith(team, "UID:l1")).as("deleted at the master").isNull();
      assertThat(master.server.items().current("team", "m1").orElseThrow().deleted()).as("deleted in the folder").isTrue();
      assertThat(master.pending("a2").toString()).contains("m1", "delete");
    }
  }

  private void sync(Path config) {
    ThirdPartyClients.runOk(dir, List.of(VDIRSYNCER, "-c", config.toString(), "sync"), null);
  }

  private Path writeConfig(TestMaster master) throws IOException {
    Path config = dir.resolve("vdirsyncer.conf");
    Files.writeString(config, """
        [general]
        status_path = "%s/status/"

        [pair calsync]
        a = "calsync_local"
        b = "calsync_master"
        collections = ["from b"]

        [storage calsync_local]
        type = "filesystem"
        path = "%s/local/"
        fileext = ".ics"

        [storage calsync_master]
        type = "caldav"
        url = "http://127.0.0.1:%d/dav/"
        username = "vdirsyncer"
        password = "%s"
        """.formatted(dir, dir, master.server.port(), master.adminKey));
    return config;
  }

  /** The .ics file of {@code folder} whose text contains {@code needle}, or null. */
  private static Path fileWith(Path folder, String needle) throws IOException {
    if (!Files.isDirectory(folder)) return null;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ics")).toList()) {
        if (Files.readString(f).contains(needle)) return f;
      }
    }
    return null;
  }
}
