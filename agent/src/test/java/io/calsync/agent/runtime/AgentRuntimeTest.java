package io.calsync.agent.runtime;

import static io.calsync.agent.testing.Events.event;
import static io.calsync.agent.testing.Events.summaryOf;
import static io.calsync.agent.testing.Events.writeFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.agent.config.AgentConfig;
import io.calsync.agent.config.AgentConfigLoader;
import io.calsync.agent.state.AgentStateDb;
import io.calsync.agent.testing.InMemoryMaster;
import io.calsync.protocol.QueuedUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRuntimeTest {

  @TempDir Path dir;
  final InMemoryMaster master = new InMemoryMaster();

  private AgentRuntime runtime(String sourcesJson) {
    AgentConfig config = AgentConfigLoader.parse(dir.resolve("c.json"),
        "{\"agent_id\": \"pc-1\", \"central_api_url\": \"http://master:8008\", \"calendar_sources\": ["
            + sourcesJson + "]}");
    return new AgentRuntime(config, master, AgentStateDb.open(dir.resolve("state.db")), new SourceOpener(Map.of()),
        Clock.systemUTC());
  }

  private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + limit);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void a_change_to_a_watched_ics_file_is_uploaded_within_moments() throws Exception {
    Path file = dir.resolve("cal.ics");
    Files.writeString(file, event("a", "First"));
    try (AgentRuntime agent = runtime("{\"type\": \"ics\", \"name\": \"File\", \"path\": \"" + file + "\"}")) {
      agent.start();
      await(Duration.ofSeconds(5), () -> master.current("a") != null);

      long t0 = System.nanoTime();
      Files.writeString(file, event("a", "First") .replace("END:VCALENDAR\r\n", "")
          + event("b", "Second").substring(event("b", "Second").indexOf("BEGIN:VEVENT")));
      await(Duration.ofSeconds(3), () -> master.current("b") != null);

      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void a_pushed_event_update_is_applied_and_acked_and_stopping_commits_the_state() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("home"));
    writeFile(folder, "local", event("local", "Local"));
    try (AgentRuntime agent = runtime("{\"type\": \"ics\", \"name\": \"Home\", \"path\": \"" + folder + "\"}")) {
      agent.start();
      await(Duration.ofSeconds(5), () -> master.current("local") != null);
      assertThat(master.heartbeats).isNotEmpty();
      assertThat(master.heartbeats.getFirst().calendarSources()).extracting(s -> s.name()).containsExactly("Home");

      master.edit("pushed", event("pushed", "From elsewhere"));
      master.push(new QueuedUpdate("u1", "event_update",
          new ObjectMapper().readTree("{\"source_name\": \"Home\", \"uid\": \"pushed\", \"version\": 1}"), Instant.now(), 0));

      await(Duration.ofSeconds(3), () -> master.acks.containsKey("u1"));
      assertThat(master.acks.get("u1").succeeded()).isTrue();
      assertThat(summaryOf(folder, "pushed")).isEqualTo("From elsewhere");
    }
    try (AgentStateDb reopened = AgentStateDb.open(dir.resolve("state.db"))) {
      assertThat(reopened.items("Home")).containsOnlyKeys("local", "pushed");
    }
  }

  @Test
  void run_once_reconciles_every_source_and_applies_waiting_updates() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("home"));
    writeFile(folder, "local", event("local", "Local"));
    master.push(new QueuedUpdate("cfg", "sync_config",
        new ObjectMapper().readTree("{\"changes\": {\"batch_size\": 7}}"), Instant.now(), 0));
    try (AgentRuntime agent = runtime("{\"type\": \"ics\", \"name\": \"Home\", \"path\": \"" + folder + "\"}")) {
      int failures = agent.runOnce();

      assertThat(failures).isZero();
      assertThat(master.current("local")).isNotNull();
      assertThat(master.acks.get("cfg").succeeded()).isTrue();
      assertThat(agent.settings().batchSize()).isEqualTo(7);
    }
  }

  @Test
  void a_source_type_without_storage_is_refused_at_start() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            runtime("{\"type\": \"google\", \"name\": \"G\", \"calendar_name\": \"x\"}"))
        .hasMessageStartingWith("not supported yet: source G of type google");
  }
}
