package io.calsync.agent.runtime;

import static io.calsync.agent.testing.Events.event;
import static io.calsync.agent.testing.Events.summaryOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.agent.config.AgentConfig;
import io.calsync.agent.config.AgentConfigLoader;
import io.calsync.agent.reconcile.SourceReconciler;
import io.calsync.agent.state.AgentStateDb;
import io.calsync.agent.testing.InMemoryMaster;
import io.calsync.protocol.AckRequest;
import io.calsync.protocol.QueuedUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateApplierTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path home;
  Path readOnly;
  InMemoryMaster master;
  AgentStateDb state;
  LiveSettings live;
  UpdateApplier applier;
  List<LocalSource> sources;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(dir.resolve("cals/home"));
    readOnly = Files.createDirectories(dir.resolve("cals/shared"));
    AgentConfig config = AgentConfigLoader.parse(dir.resolve("c.json"), """
        {"agent_id": "pc-1", "central_api_url": "http://master:8008",
         "calendar_sources": [
           {"type": "ics", "name": "Home", "path": "%s", "master_calendar": "family"},
           {"type": "ics", "name": "Shared", "path": "%s", "allow_event_updates": false,
            "allow_metadata_updates": false}
         ]}
        """.formatted(home, readOnly));
    master = new InMemoryMaster();
    state = AgentStateDb.open(dir.resolve("state.db"));
    live = new LiveSettings(config);
    SourceOpener opener = new SourceOpener(Map.of());
    sources = config.calendarSources().stream().map(c -> new LocalSource(c, opener)).toList();
    SourceSync sync = new SourceSync(new SourceReconciler(master, state, Clock.systemUTC()), live);
    applier = new UpdateApplier(sources, sync, live, opener, state);
  }

  @AfterEach
  void tearDown() {
    sources.forEach(LocalSource::close);
    state.close();
  }

  private static QueuedUpdate update(String type, String json) throws IOException {
    JsonNode data = JSON.readTree(json);
    return new QueuedUpdate("u-" + type, type, data, Instant.now(), 0);
  }

  @Test
  void an_event_update_brings_the_source_up_to_the_master_and_is_acked_processed() throws IOException {
    master.edit("m1", event("m1", "From the master"));

    AckRequest ack = applier.apply(update("event_update", "{\"source_name\": \"Home\", \"uid\": \"m1\", \"version\": 1}"));
    AckRequest again = applier.apply(update("event_update", "{\"master_calendar_id\": \"family\", \"uid\": \"m1\", \"version\": 1}"));

    assertThat(ack.succeeded()).isTrue();
    assertThat(again.succeeded()).isTrue();
    assertThat(summaryOf(home, "m1")).isEqualTo("From the master");
  }

  @Test
  void an_event_update_for_a_source_without_allow_event_updates_is_rejected_for_good() throws IOException {
    AckRequest ack = applier.apply(update("event_update", "{\"source_name\": \"Shared\", \"uid\": \"m1\"}"));

    assertThat(ack.succeeded()).isFalse();
    assertThat(ack.mayRetry()).isFalse();
    assertThat(ack.message()).contains("allow_event_updates");
  }

  @Test
  void a_failure_is_acked_as_retryable() throws IOException {
    master.down(true);

    AckRequest ack = applier.apply(update("event_update", "{\"source_name\": \"Home\"}"));

    assertThat(ack.succeeded()).isFalse();
    assertThat(ack.mayRetry()).isTrue();
  }

  @Test
  void calendar_metadata_renames_where_allowed_and_is_rejected_elsewhere() throws IOException {
    AckRequest ok = applier.apply(update("calendar_metadata",
        "{\"calendar_id\": \"" + home + "\", \"changes\": {\"name\": \"Family\", \"color\": \"#ff0000\"}}"));
    AckRequest refused = applier.apply(update("calendar_metadata",
        "{\"source_name\": \"Shared\", \"changes\": {\"name\": \"X\"}}"));

    assertThat(ok.succeeded()).as(ok.message()).isTrue();
    assertThat(Files.readString(home.resolve("displayname")).strip()).isEqualTo("Family");
    assertThat(refused.succeeded()).isFalse();
    assertThat(refused.mayRetry()).isFalse();
    assertThat(refused.message()).contains("allow_metadata_updates");
  }

  @Test
  void calendar_create_and_delete_go_through_the_account_of_a_source_of_that_type() throws IOException {
    AckRequest created = applier.apply(update("calendar_create",
        "{\"provider\": \"ics\", \"calendar\": {\"name\": \"Team\", \"color\": \"#00ff00\"}}"));
    AckRequest google = applier.apply(update("calendar_create", "{\"provider\": \"google\", \"calendar\": {\"name\": \"G\"}}"));

    assertThat(created.succeeded()).as(created.message()).isTrue();
    assertThat(dir.resolve("cals/Team")).isDirectory();
    assertThat(google.mayRetry()).isFalse();
    assertThat(google.message()).startsWith("not supported yet");

    AckRequest deleted = applier.apply(update("calendar_delete", "{\"provider\": \"ics\", \"calendar_id\": \"Team\"}"));
    AckRequest synced = applier.apply(update("calendar_delete", "{\"provider\": \"ics\", \"calendar_id\": \"" + home + "\"}"));
    assertThat(deleted.succeeded()).as(deleted.message()).isTrue();
    assertThat(dir.resolve("cals/Team")).doesNotExist();
    assertThat(synced.succeeded()).isFalse();
    assertThat(home).isDirectory();
  }

  @Test
  void sync_config_changes_the_live_settings() throws IOException {
    AckRequest ack = applier.apply(update("sync_config",
        "{\"changes\": {\"sync_interval_minutes\": 5, \"batch_size\": 20, \"enable_bidirectional_sync\": false}}"));

    assertThat(ack.succeeded()).isTrue();
    assertThat(ack.message()).contains("sync_interval_minutes: 30 → 5").contains("batch_size: 100 → 20");
    assertThat(live.syncIntervalMinutes()).isEqualTo(5);
    assertThat(live.batchSize()).isEqualTo(20);
    assertThat(live.bidirectional()).isFalse();
  }

  @Test
  void a_bad_sync_config_changes_nothing_and_is_rejected() throws IOException {
    AckRequest ack = applier.apply(update("sync_config", "{\"changes\": {\"batch_size\": 20, \"sync_interval_minutes\": 0}}"));

    assertThat(ack.succeeded()).isFalse();
    assertThat(ack.mayRetry()).isFalse();
    assertThat(live.batchSize()).isEqualTo(100);
  }

  @Test
  void an_unknown_update_type_is_rejected() throws IOException {
    AckRequest ack = applier.apply(update("teleport", "{}"));

    assertThat(ack.succeeded()).isFalse();
    assertThat(ack.mayRetry()).isFalse();
    assertThat(ack.message()).contains("unknown update type 'teleport'");
  }
}
