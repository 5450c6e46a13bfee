package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.provider.caldav.DiscoveredCalendar;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials options and {@code discover caldav}, without a server (the *CaldavCliIT use one). */
class RemoteCredentialsTest {

  @TempDir Path tmp;

  @Test
  void a_credentials_file_for_a_local_folder_is_refused() throws Exception {
    Path creds = tmp.resolve("c.json");
    Files.writeString(creds, "{\"username\": \"u\", \"password\": \"p\"}");
    Cli.Result r =
        Cli.run(
            "sync", "--from", "ics:" + tmp.resolve("a"), "--to", "ics:" + tmp.resolve("b"),
            "--from-credentials", creds.toString(), "--state", tmp.resolve("s").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--from-credentials is for remote calendars");
  }

  @Test
  void an_unreadable_credentials_file_is_one_error_line_without_its_content() throws Exception {
    Path creds = tmp.resolve("c.properties");
    Files.writeString(creds, "password=hunter2-secret\n"); // no username, no token
    Cli.Result r =
        Cli.run(
            "sync", "--from", "ics:" + tmp.resolve("a"), "--to", "caldav+http://127.0.0.1:9/cal/",
            "--to-credentials", creds.toString(), "--state", tmp.resolve("s").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("calsync: error: credentials file " + creds)
        .doesNotContain("hunter2");
  }

  @Test
  void credentials_in_the_uri_are_refused() {
    Cli.Result r =
        Cli.run(
            "sync", "--from", "ics:" + tmp.resolve("a"), "--to", "caldav+http://u:pw@127.0.0.1:9/",
            "--state", tmp.resolve("s").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("credentials do not belong in a storage URI").doesNotContain("pw@");
  }

  @Test
  void there_is_no_password_option() {
    assertThat(Cli.run("sync", "--from", "ics:a", "--to", "ics:b", "--password", "x").exitCode())
        .isEqualTo(2);
    assertThat(Cli.run("sync", "--help").out())
        .contains("--from-credentials", "--to-credentials", "CALSYNC_USERNAME", "caldav+https://");
    assertThat(Cli.run("conflicts", "resolve", "--help").out()).contains("--to-credentials");
  }

  @Test
  void discover_caldav_needs_one_http_url() {
    assertThat(Cli.run("discover", "caldav").exitCode()).isEqualTo(2);
    assertThat(Cli.run("discover", "caldav", "ftp://example.com/").exitCode()).isEqualTo(2);
    Cli.Result unreachable = Cli.run("discover", "caldav", "http://127.0.0.1:9/");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).startsWith("calsync: error:");
    assertThat(Cli.run("discover", "macos").err()).startsWith("calsync: not supported yet:");
  }

  @Test
  void the_agent_snippet_has_the_outlook_config_fields() {
    String snippet =
        DiscoverCommand.snippet(
            List.of(
                new DiscoveredCalendar(
                    "work", URI.create("https://dav.example.com/alice/work/"), "Work \"A\"",
                    "#FF0000FF", null, List.of("VEVENT"), false, false),
                new DiscoveredCalendar(
                    "holidays", URI.create("https://dav.example.com/alice/holidays/"), "Holidays",
                    null, null, List.of(), true, true)));

    assertThat(snippet)
        .startsWith("\"calendar_sources\": [")
        .contains("\"type\": \"caldav\"")
        .contains("\"name\": \"Work \\\"A\\\"\"")
        .contains("\"calendar_id\": \"https://dav.example.com/alice/work/\"")
        .contains(
            "\"calendar_id\": \"https://dav.example.com/alice/holidays/\",\n"
                + "    \"allow_metadata_updates\": false,\n"
                + "    \"allow_event_updates\": false")
        .endsWith("]");
  }
}
