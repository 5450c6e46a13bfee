package io.calsync.app;

import io.calsync.agent.config.AgentConfigLoader;
import io.calsync.agent.runtime.AgentRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One of the demo's agents: a folder of .ics files and the {@code outlook_config.json} that makes
 * it a copy of the demo's master calendar, run in this process as {@code calsync agent} would.
 */
record DemoAgent(String agentId, Path folder, Path configFile, Path stateFile) {

  /** Creates the agent's folder and writes its config (nothing runs yet). */
  static DemoAgent prepare(Path root, String agentId) throws IOException {
    Path folder = Files.createDirectories(root.resolve(agentId));
    return new DemoAgent(agentId, folder, root.resolve(agentId + ".json"), root.resolve(agentId + ".state.db"));
  }

  String uri() {
    return "ics:" + folder;
  }

  /** Writes the config for {@code master} and starts the agent; close the result to stop it. */
  AgentRuntime start(URI master, Map<String, String> env, Clock clock) throws IOException {
    Files.writeString(configFile, """
        {
          "agent_id": "%s",
          "agent_name": "Demo %s",
          "environment": "calsync demo",
          "central_api_url": "%s",
          "sync_interval_minutes": 30,
          "enable_bidirectional_sync": true,
          "calendar_sources": [
            {
              "type": "ics",
              "name": "%s",
              "path": "%s",
              "master_calendar": "%s",
              "allow_metadata_updates": true,
              "allow_event_updates": true
            }
          ]
        }
        """.formatted(agentId, agentId, master, DemoCommand.CALENDAR, jsonEscaped(folder.toString()),
        DemoCommand.CALENDAR));
    AgentRuntime runtime = AgentRuntime.connect(AgentConfigLoader.load(configFile), stateFile, env, clock);
    runtime.start();
    return runtime;
  }

  /** The text of every event file in the folder. */
  List<String> eventFiles() {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".ics")).toList()) {
        try {
          texts.add(Files.readString(f));
        } catch (java.nio.file.NoSuchFileException replacedMeanwhile) {
          // an agent replaced or deleted it while we listed: the next look sees the new state
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }

  /** A vdir metadata file ({@code displayname}, {@code color}), or null. */
  String metadata(String name) {
    Path f = folder.resolve(name);
    try {
      return Files.exists(f) ? Files.readString(f).strip() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String jsonEscaped(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
