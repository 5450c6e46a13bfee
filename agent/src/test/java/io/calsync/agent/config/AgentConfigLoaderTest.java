package io.calsync.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.calsync.core.sync.ConflictStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {

  private static final Path FILE = Path.of("outlook_config.json");

  private static final String SUPPORTED =
      "ics, caldav, apple, outlook, outlook_mac, macos_calendar, google, microsoft, exchange";

  /** A valid configuration with {@code extraTop} added at the top and {@code source} as its one source. */
  private static String config(String extraTop, String source) {
    return """
        {
          %s
          "agent_id": "office-pc-1",
          "central_api_url": "http://master-server:8008",
          "calendar_sources": [ %s ]
        }
        """.formatted(extraTop, source);
  }

  private static String config(String extraTop) {
    return config(extraTop, "{\"type\": \"ics\", \"name\": \"Home\", \"path\": \"/cal/home\"}");
  }

  private static AgentConfig load(String json) {
    return AgentConfigLoader.parse(FILE, json);
  }

  private static List<String> problems(String json) {
    AgentConfigException e =
        catchThrowableOfType(AgentConfigException.class, () -> AgentConfigLoader.parse(FILE, json));
    assertThat(e).as("expected the configuration to be rejected").isNotNull();
    return e.getMessage().lines().toList();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = AgentConfigLoaderTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---- the seed's examples

  @Test
  void the_seeds_windows_outlook_example_loads_with_the_seeds_defaults() throws IOException {
    AgentConfig c = load(resource("windows_outlook_config.json"));

    assertThat(c.agentId()).isEqualTo("windows-outlook-agent");
    assertThat(c.agentName()).contains("Windows Outlook Agent");
    assertThat(c.environment()).contains("Office Network");
    assertThat(c.centralApiUrl()).isEqualTo(URI.create("http://master-server:8008"));
    assertThat(c.syncIntervalMinutes()).isEqualTo(30);
    assertThat(c.enableBidirectionalSync()).isTrue();
    assertThat(c.updateProcessingTimeoutSeconds()).isEqualTo(300);
    assertThat(c.maxRetryAttempts()).isEqualTo(3);
    assertThat(c.batchSize()).isEqualTo(100);
    assertThat(c.enableCompression()).isFalse();
    assertThat(c.enableTls()).isFalse();
    assertThat(c.agentSecret()).isEmpty();
    assertThat(c.warnings()).isEmpty();
    assertThat(c.calendarSources()).hasSize(3);
    CalendarSource team = c.calendarSources().get(2);
    assertThat(team.type()).isEqualTo(SourceType.OUTLOOK);
    assertThat(team.name()).isEqualTo("Shared Team Calendar");
    assertThat(team.calendarName()).contains("Team Calendar");
    assertThat(team.calendarId()).contains("000000001A447390AA6611CD9BC800AA002FC45A0702...");
    assertThat(team.allowMetadataUpdates()).isFalse();
    assertThat(team.allowEventUpdates()).isTrue();
    assertThat(team.conflictResolution()).isEmpty();
    assertThat(team.syncFilters()).isEqualTo(SyncFilters.NONE);
    assertThat(team.availableNow()).isFalse();
    assertThat(team.status()).isEqualTo("not supported yet");
    assertThat(c.sourcesNotSupportedYet()).hasSize(3);
  }

  @Test
  void the_seeds_outlook_for_mac_example_loads() throws IOException {
    AgentConfig c = load(resource("outlook_mac_config.json"));

    assertThat(c.agentId()).isEqualTo("outlook-mac-agent");
    assertThat(c.centralApiUrl()).isEqualTo(URI.create("http://localhost:8008"));
    assertThat(c.warnings()).isEmpty();
    assertThat(c.calendarSources())
        .extracting(CalendarSource::type, CalendarSource::name, CalendarSource::folderId, CalendarSource::accountUid)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SourceType.OUTLOOK_MAC, "Work Calendar (john.doe@company.com)", Optional.of("1"), Optional.of("1")),
            org.assertj.core.groups.Tuple.tuple(SourceType.OUTLOOK_MAC, "Team Calendar (team@company.com)", Optional.of("3"), Optional.of("2")),
            org.assertj.core.groups.Tuple.tuple(SourceType.OUTLOOK_MAC, "Sarah's Calendar (sarah@company.com)", Optional.of("5"), Optional.of("3")));
  }

  @Test
  void the_seeds_manual_example_loads_once_its_type_placeholder_names_one_type() throws IOException {
    AgentConfig c = load(resource("manual_config_one_type.json"));

    assertThat(c.agentId()).isEqualTo("unique-agent-id");
    assertThat(c.centralApiUrl()).isEqualTo(URI.create("http://your-master-server:8008"));
    assertThat(c.warnings()).isEmpty();
    CalendarSource s = c.calendarSources().get(0);
    assertThat(s.type()).isEqualTo(SourceType.OUTLOOK);
    assertThat(s.calendarId()).contains("calendar-identifier");
    assertThat(s.allowEventUpdates()).isTrue();
  }

  @Test
  void the_seeds_manual_example_verbatim_is_rejected_only_for_its_type_placeholder() throws IOException {
    assertThat(problems(resource("manual_config.json")))
        .containsExactly(
            "outlook_config.json: $.calendar_sources[0].type: unknown type"
                + " 'outlook|outlook_mac|macos_calendar|google|microsoft|exchange' (the seed's"
                + " template lists the choices: pick one); supported: " + SUPPORTED);
  }

  @Test
  void the_seeds_office_pc_example_loads_with_its_google_credentials_and_exchange_password() throws IOException {
    AgentConfig c = load(resource("office_pc_config.json"));

    assertThat(c.warnings()).isEmpty();
    CalendarSource google = c.calendarSources().get(1);
    assertThat(google.credentials().orElseThrow().reveal())
        .containsEntry("client_secret", "your-google-client-secret")
        .containsEntry("refresh_token", "your-refresh-token");
    CalendarSource exchange = c.calendarSources().get(2);
    assertThat(exchange.exchangeUrl()).contains("https://exchange.company.com/ews/exchange.asmx");
    assertThat(exchange.username()).contains("user@company.com");
    assertThat(exchange.password().orElseThrow().reveal()).isEqualTo("secure-password");
  }

  @Test
  void the_seeds_tuning_authentication_and_filter_settings_are_read() {
    AgentConfig c = load(config("""
        "sync_interval_minutes": 15,  // Reduce for faster updates
        "update_processing_timeout": 600,
        "max_retry_attempts": 5,
        "batch_size": 250,
        "enable_compression": true,
        "enable_bidirectional_sync": false,
        "agent_secret": "unique-agent-secret-key",
        "certificate_path": "/path/to/agent-cert.pem",
        "enable_tls": true,
        """, """
        {"type": "caldav", "name": "Work", "calendar_id": "https://dav.example.com/cal/work/",
         "conflict_resolution": "latest_wins", "master_calendar": "work",
         "allow_event_updates": false,
         "sync_filters": {"event_types": ["meeting", "appointment"], "exclude_private": true, "date_range_days": 90}}
        """));

    assertThat(c.syncIntervalMinutes()).isEqualTo(15);
    assertThat(c.updateProcessingTimeoutSeconds()).isEqualTo(600);
    assertThat(c.maxRetryAttempts()).isEqualTo(5);
    assertThat(c.batchSize()).isEqualTo(250);
    assertThat(c.enableCompression()).isTrue();
    assertThat(c.enableBidirectionalSync()).isFalse();
    assertThat(c.agentSecret().orElseThrow().reveal()).isEqualTo("unique-agent-secret-key");
    assertThat(c.certificatePath()).contains("/path/to/agent-cert.pem");
    assertThat(c.enableTls()).isTrue();
    CalendarSource s = c.calendarSources().get(0);
    assertThat(s.conflictResolution()).contains(ConflictStrategy.LATEST_WINS);
    assertThat(s.masterCalendar()).contains("work");
    assertThat(s.allowEventUpdates()).isFalse();
    assertThat(s.syncFilters())
        .isEqualTo(new SyncFilters(List.of("meeting", "appointment"), true, OptionalInt.of(90)));
    assertThat(s.status()).isEqualTo("ok");
  }

  @Test
  void load_reads_the_file_and_names_a_missing_one(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("outlook_config.json");
    Files.writeString(file, config(""));
    assertThat(AgentConfigLoader.load(file).agentId()).isEqualTo("office-pc-1");

    Path missing = dir.resolve("nope.json");
    AgentConfigException e =
        catchThrowableOfType(AgentConfigException.class, () -> AgentConfigLoader.load(missing));
    assertThat(e).hasMessage(missing + ": cannot read: no such file");
  }

  // ---- malformed JSON

  @Test
  void malformed_json_is_reported_with_file_line_and_column() {
    assertThat(problems("{\n  \"agent_id\": \"a\",\n  \"batch_size\": ,\n}"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("outlook_config.json: line 3, column 17: malformed JSON: Unexpected character (',' ");
  }

  @Test
  void malformed_json_never_quotes_an_unquoted_token_which_may_be_a_secret() {
    String problem = String.join("\n", problems(config("\"agent_secret\": hunter2secret,")));

    assertThat(problem).contains("malformed JSON").doesNotContain("hunter2secret");
  }

  @Test
  void an_invalid_master_url_is_shown_without_its_password() {
    String problem =
        String.join("\n", problems(config("").replace("http://master-server:8008", "ftp://me:pa55word@master")));

    assertThat(problem).contains("$.central_api_url").contains("ftp://…@master").doesNotContain("pa55word");
  }

  @Test
  void a_duplicate_key_an_empty_file_and_a_non_object_are_rejected() {
    assertThat(problems(config("\"batch_size\": 1, \"batch_size\": 2,")))
        .containsExactly("outlook_config.json: line 2, column 32: malformed JSON: Duplicate field 'batch_size'");
    assertThat(problems("  ")).containsExactly(
        "outlook_config.json: the file is empty; expected a JSON object such as {\"agent_id\": …}");
    assertThat(problems("[1]")).containsExactly("outlook_config.json: $: must be a JSON object, was a list");
  }

  // ---- required fields

  @Test
  void agent_id_central_api_url_and_calendar_sources_are_required_and_reported_together() {
    assertThat(problems("{}"))
        .containsExactly(
            "outlook_config.json: $.agent_id: missing; give this agent a unique id: 1 to 64 letters, digits, '.', '_' or '-'",
            "outlook_config.json: $.central_api_url: missing; the master server's URL, e.g. http://master-server:8008",
            "outlook_config.json: $.calendar_sources: missing; list at least one calendar source");
  }

  @Test
  void agent_id_must_be_short_plain_and_not_blank() {
    assertThat(problems(config("").replace("\"office-pc-1\"", "\"office pc\"")))
        .containsExactly("outlook_config.json: $.agent_id: must be 1 to 64 letters, digits, '.', '_' or '-', was \"office pc\"");
    assertThat(problems(config("").replace("\"office-pc-1\"", "\"" + "a".repeat(65) + "\"")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("outlook_config.json: $.agent_id: must be 1 to 64 letters");
    assertThat(problems(config("").replace("\"office-pc-1\"", "\"  \"")))
        .containsExactly("outlook_config.json: $.agent_id: must not be blank");
    assertThat(problems(config("").replace("\"office-pc-1\"", "7")))
        .containsExactly("outlook_config.json: $.agent_id: must be a string, was 7");
  }

  @Test
  void central_api_url_must_be_http_or_https() {
    assertThat(problems(config("").replace("http://master-server:8008", "ftp://master-server")))
        .containsExactly(
            "outlook_config.json: $.central_api_url: must be an http or https URL such as"
                + " http://master-server:8008, was \"ftp://master-server\"");
    assertThat(problems(config("").replace("http://master-server:8008", "master-server:8008")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .endsWith("was \"master-server:8008\"");
  }

  @Test
  void calendar_sources_must_be_a_non_empty_list_of_objects() {
    String empty = config("", "");
    assertThat(problems(empty))
        .containsExactly("outlook_config.json: $.calendar_sources: must list at least one calendar source");
    assertThat(problems(config("", "\"outlook\"")))
        .containsExactly("outlook_config.json: $.calendar_sources[0]: must be an object with type and name, was a string");
    assertThat(problems(empty.replace("[  ]", "{}")))
        .containsExactly("outlook_config.json: $.calendar_sources: must be a list of calendar sources, was an object");
  }

  // ---- numbers and booleans

  @Test
  void sync_interval_minutes_must_be_a_whole_number_of_minutes_in_range() {
    assertThat(problems(config("\"sync_interval_minutes\": \"abc\",")))
        .containsExactly("outlook_config.json: $.sync_interval_minutes: must be a whole number of minutes from 1 to 10080, was \"abc\"");
    assertThat(problems(config("\"sync_interval_minutes\": 0,")))
        .containsExactly("outlook_config.json: $.sync_interval_minutes: must be a whole number of minutes from 1 to 10080, was 0");
    assertThat(problems(config("\"sync_interval_minutes\": 1.5,")))
        .containsExactly("outlook_config.json: $.sync_interval_minutes: must be a whole number of minutes from 1 to 10080, was 1.5");
    assertThat(load(config("\"sync_interval_minutes\": 10080,")).syncIntervalMinutes()).isEqualTo(10080);
  }

  @Test
  void timeout_retries_and_batch_size_are_range_checked() {
    assertThat(problems(config("""
        "update_processing_timeout": -1, "max_retry_attempts": 101, "batch_size": 99999999999999,""")))
        .containsExactly(
            "outlook_config.json: $.update_processing_timeout: must be a whole number of seconds from 1 to 86400, was -1",
            "outlook_config.json: $.max_retry_attempts: must be a whole number from 0 to 100, was 101",
            "outlook_config.json: $.batch_size: must be a whole number from 1 to 10000, was 99999999999999");
  }

  @Test
  void switches_must_be_true_or_false() {
    assertThat(problems(config("""
        "enable_bidirectional_sync": "yes", "enable_compression": 1, "enable_tls": "true",""")))
        .containsExactly(
            "outlook_config.json: $.enable_bidirectional_sync: must be true or false, was \"yes\"",
            "outlook_config.json: $.enable_compression: must be true or false, was 1",
            "outlook_config.json: $.enable_tls: must be true or false, was \"true\"");
  }

  // ---- sources

  @Test
  void an_unknown_type_names_the_supported_ones() {
    assertThat(problems(config("", "{\"type\": \"gogle\", \"name\": \"G\"}")))
        .containsExactly("outlook_config.json: $.calendar_sources[0].type: unknown type 'gogle'; supported: " + SUPPORTED);
  }

  @Test
  void every_source_needs_type_and_name() {
    assertThat(problems(config("", "{\"calendar_name\": \"Home\"}")))
        .containsExactly(
            "outlook_config.json: $.calendar_sources[0].type: missing; supported: " + SUPPORTED,
            "outlook_config.json: $.calendar_sources[0].name: missing; a display name for this calendar");
    assertThat(problems(config("", "{\"type\": \"google\", \"name\": \" \"}")))
        .containsExactly("outlook_config.json: $.calendar_sources[0].name: must not be blank");
  }

  @Test
  void an_ics_source_needs_a_path() {
    assertThat(problems(config("", "{\"type\": \"ics\", \"name\": \"Home\"}")))
        .containsExactly(
            "outlook_config.json: $.calendar_sources[0].path: missing; type 'ics' needs the folder of .ics files or the .ics file to sync");
  }

  @Test
  void caldav_and_apple_sources_need_a_calendar_url_or_name() {
    assertThat(problems(config("", "{\"type\": \"caldav\", \"name\": \"Work\"}")))
        .containsExactly("outlook_config.json: $.calendar_sources[0]: type 'caldav' needs calendar_id (the calendar's URL) or calendar_name");
    assertThat(problems(config("", "{\"type\": \"apple\", \"name\": \"Home\", \"calendar_id\": \"calendar-uuid\"}")))
        .containsExactly(
            "outlook_config.json: $.calendar_sources[0].calendar_id: type 'apple' needs the calendar's http or https URL"
                + " here, was \"calendar-uuid\"; or leave it out and give calendar_name");
    assertThat(load(config("", "{\"type\": \"apple\", \"name\": \"Home\", \"calendar_name\": \"Home\"}"))
            .calendarSources().get(0).status())
        .isEqualTo("ok");
  }

  @Test
  void conflict_resolution_must_be_one_of_the_four_strategies() {
    assertThat(problems(config("", "{\"type\": \"google\", \"name\": \"G\", \"conflict_resolution\": \"newest\"}")))
        .containsExactly(
            "outlook_config.json: $.calendar_sources[0].conflict_resolution: unknown conflict strategy 'newest':"
                + " use one of source_wins, destination_wins, latest_wins, manual");
  }

  @Test
  void encrypted_credentials_are_rejected_clearly_rather_than_ignored() {
    assertThat(problems(config("", """
        {"type": "google", "name": "G", "credentials": {"encrypted": true, "data": "encrypted-credential-blob", "key_id": "k1"}}""")))
        .containsExactly(
            "outlook_config.json: $.calendar_sources[0].credentials: encrypted credentials are not supported yet;"
                + " give this source's credentials unencrypted and let only the agent's account read this file");
  }

  @Test
  void sync_filters_are_checked_field_by_field() {
    assertThat(problems(config("", """
        {"type": "google", "name": "G",
         "sync_filters": {"event_types": ["meeting", 5], "exclude_private": "no", "date_range_days": 0}}""")))
        .containsExactly(
            "outlook_config.json: $.calendar_sources[0].sync_filters.event_types[1]: must be a string, was 5",
            "outlook_config.json: $.calendar_sources[0].sync_filters.exclude_private: must be true or false, was \"no\"",
            "outlook_config.json: $.calendar_sources[0].sync_filters.date_range_days: must be a whole number of days"
                + " greater than 0 (at most 36500), was 0");
  }

  @Test
  void not_yet_supported_types_load_and_say_so() {
    AgentConfig c = load(config("", """
        {"type": "ics", "name": "A", "path": "/a"}, {"type": "exchange", "name": "B"}"""));

    assertThat(c.calendarSources()).extracting(CalendarSource::status).containsExactly("ok", "not supported yet");
    assertThat(c.sourcesNotSupportedYet()).extracting(CalendarSource::name).containsExactly("B");
  }

  // ---- all together, warnings, secrets

  @Test
  void every_problem_in_the_file_is_reported_together_one_per_line() {
    String json = """
        {
          "agent_id": "office pc",
          "central_api_url": "http://master-server:8008",
          "sync_interval_minutes": "abc",
          "calendar_sources": [
            {"type": "ics", "name": "Home", "path": "/cal"},
            {"type": "gogle", "name": "G"},
            {"type": "ics", "name": "Work"}
          ]
        }
        """;
    assertThat(problems(json))
        .containsExactly(
            "outlook_config.json: $.agent_id: must be 1 to 64 letters, digits, '.', '_' or '-', was \"office pc\"",
            "outlook_config.json: $.sync_interval_minutes: must be a whole number of minutes from 1 to 10080, was \"abc\"",
            "outlook_config.json: $.calendar_sources[1].type: unknown type 'gogle'; supported: " + SUPPORTED,
            "outlook_config.json: $.calendar_sources[2].path: missing; type 'ics' needs the folder of .ics files or the .ics file to sync");
  }

  @Test
  void unknown_keys_are_warnings_and_likely_typos_are_named() {
    AgentConfig c = load(config("\"batchsize\": 5, \"future_setting\": {\"a\": 1},", """
        {"type": "ics", "name": "Home", "path": "/a", "calender_name": "x", "batch_size": 3,
         "sync_filters": {"exclude_privat": true}}"""));

    assertThat(c.warnings())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "$.batchsize: unknown key, ignored; did you mean 'batch_size'?",
            "$.future_setting: unknown key, ignored",
            "$.calendar_sources[0].calender_name: unknown key, ignored; did you mean 'calendar_name'?",
            "$.calendar_sources[0].batch_size: unknown key, ignored; it belongs at the top level, not in a calendar source",
            "$.calendar_sources[0].sync_filters.exclude_privat: unknown key, ignored; did you mean 'exclude_private'?");
    assertThat(c.batchSize()).isEqualTo(100);
  }

  @Test
  void secrets_never_appear_in_to_string_or_in_messages() throws IOException {
    AgentConfig c = load(config("\"agent_secret\": \"s3cr3t-agent\",", """
        {"type": "exchange", "name": "X", "username": "u", "password": "s3cr3t-password",
         "credentials": {"client_secret": "s3cr3t-client", "refresh_token": "s3cr3t-token"}}"""));
    AgentConfig seed = load(resource("office_pc_config.json"));

    assertThat(c.toString())
        .doesNotContain("s3cr3t")
        .contains("Credentials[client_secret, refresh_token] (values hidden)")
        .contains("****");
    assertThat(seed.toString()).doesNotContain("your-google-client-secret", "your-refresh-token", "secure-password");

    List<String> wrong = problems(config("\"agent_secret\": 12345678, \"agent_secretz\": \"s3cr3t-z\",", """
        {"type": "exchange", "name": "X", "password": ["s3cr3t-password"], "credentials": "s3cr3t-client"}"""));
    assertThat(wrong)
        .containsExactly(
            "outlook_config.json: $.agent_secret: must be a string, was a number",
            "outlook_config.json: $.calendar_sources[0].credentials: must be an object (provider specific,"
                + " e.g. client_id, refresh_token), was a string",
            "outlook_config.json: $.calendar_sources[0].password: must be a string, was a list");
    assertThat(String.join("\n", wrong)).doesNotContain("s3cr3t", "12345678");
    assertThat(problems(config("", """
        {"type": "google", "name": "G", "credentials": {"encrypted": true, "data": "s3cr3t-blob", "key_id": "k"}}""")).get(0))
        .doesNotContain("s3cr3t");
  }

  @Test
  void the_runtime_keys_default_to_30_and_5_seconds_and_are_range_checked() {
    AgentConfig defaults = load(config(""));
    AgentConfig set = load(config("\"heartbeat_seconds\": 10, \"poll_interval_seconds\": 2,"));

    assertThat(defaults.heartbeatSeconds()).isEqualTo(30);
    assertThat(defaults.pollIntervalSeconds()).isEqualTo(5);
    assertThat(set.heartbeatSeconds()).isEqualTo(10);
    assertThat(set.pollIntervalSeconds()).isEqualTo(2);
    assertThat(problems(config("\"heartbeat_seconds\": 0, \"poll_interval_seconds\": \"fast\",")))
        .containsExactly(
            "outlook_config.json: $.heartbeat_seconds: must be a whole number of seconds from 1 to 3600, was 0",
            "outlook_config.json: $.poll_interval_seconds: must be a whole number of seconds from 1 to 3600, was \"fast\"");
  }

  @Test
  void allow_mass_deletes_and_private_as_busy_default_to_false() {
    AgentConfig defaults = load(config(""));
    AgentConfig set = load(config("", """
        {"type": "ics", "name": "Home", "path": "/cal", "allow_mass_deletes": true,
         "sync_filters": {"exclude_private": true, "private_as_busy": true}}
        """));

    assertThat(defaults.calendarSources().getFirst().allowMassDeletes()).isFalse();
    assertThat(defaults.calendarSources().getFirst().syncFilters().privateAsBusy()).isFalse();
    assertThat(set.calendarSources().getFirst().allowMassDeletes()).isTrue();
    assertThat(set.calendarSources().getFirst().syncFilters().privateAsBusy()).isTrue();
    assertThat(set.warnings()).isEmpty();
  }
}
