package io.calsync.server;

import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * python3-caldav (Debian) discovers the principal and the calendars from the server root, then
 * creates, updates and deletes an event; each step is checked at the master.
 */
class DavPythonCaldavTest {
  /** One step per run (create, update or delete), so the test checks the master between steps. */
  private static final String SCRIPT = """
      import sys, caldav
      url, key, step = sys.argv[1], sys.argv[2], sys.argv[3]
      client = caldav.DAVClient(url, username="python", password=key)
      principal = client.principal()
      calendars = {c.name: c for c in principal.calendars()}
      print("calendars:", sorted(calendars))
      team = calendars["Team"]
      ics = lambda summary: "\\r\\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//python//EN",
          "BEGIN:VEVENT", "UID:py-1", "DTSTAMP:20260101T000000Z", "DTSTART:20260301T090000Z",
          "DTEND:20260301T100000Z", "SUMMARY:" + summary, "END:VEVENT", "END:VCALENDAR", ""])
      if step == "create":
          team.save_event(ics("created by python"))
      elif step == "update":
          event = team.event_by_uid("py-1")
          event.data = ics("updated by python")
          event.save()
      elif step == "delete":
          team.event_by_uid("py-1").delete()
      print("done", step)
      """;

  @TempDir Path dir;

  @Test
  void pythonCaldavDiscoversCreatesUpdatesAndDeletes() throws IOException {
    ThirdPartyClients.requirePythonModule("caldav", "python3-caldav");
    try (TestMaster master = TestMaster.start(dir.resolve("master"), Map.of("AUTH_ENABLED", "true"))) {
      master.heartbeatSources("a1", "[" + source("Work", "team") + "]");
      master.put("/calendars/team", "{\"name\":\"Team\"}");
      Path script = dir.resolve("client.py");
      Files.writeString(script, SCRIPT);
      String url = "http://127.0.0.1:" + master.server.port() + "/dav/";

      String out = run(script, url, master.adminKey, "create");
      assertThat(out).contains("calendars: ['Team']");
      var created = master.server.items().current("team", "py-1").orElseThrow();
      assertThat(created.ics()).contains("created by python");
      assertThat(created.originKind().wireName()).isEqualTo("dav");

      run(script, url, master.adminKey, "update");
      assertThat(master.server.items().current("team", "py-1").orElseThrow().ics()).contains("updated by python");

      run(script, url, master.adminKey, "delete");
      assertThat(master.server.items().current("team", "py-1").orElseThrow().deleted()).isTrue();
    }
  }

  private String run(Path script, String url, String key, String step) {
    return ThirdPartyClients.runOk(dir, List.of(ThirdPartyClients.PYTHON, script.toString(), url, key, step), null);
  }
}
