package io.calsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {
  private final ObjectMapper json = ProtocolJson.mapper();

  @Test
  void heartbeat_seedAgentConfig_readsSnakeCaseAndDropsCredentials() throws Exception {
    String body =
        """
        {"agent_name": "Main Office Computer", "environment": "Corporate Network",
         "calendar_sources": [{"type": "google", "name": "Google Calendar", "calendar_id": "primary",
           "credentials": {"refresh_token": "secret"}, "allow_metadata_updates": true}]}
        """;
    HeartbeatRequest hb = json.readValue(body, HeartbeatRequest.class);
    assertThat(hb.agentName()).isEqualTo("Main Office Computer");
    assertThat(hb.calendarSources()).singleElement().satisfies(s -> {
      assertThat(s.calendarId()).isEqualTo("primary");
      assertThat(s.metadataUpdatesAllowed()).isTrue();
      assertThat(s.eventUpdatesAllowed()).isFalse();
    });
    assertThat(json.writeValueAsString(hb)).doesNotContain("secret");
  }

  @Test
  void pushResult_writesUpdatesQueued() throws Exception {
    String out = json.writeValueAsString(new PushResult("queued", 2, List.of("a", "b"), List.of("u1", "u2")));
    assertThat(out).contains("\"updates_queued\":2").contains("\"update_ids\"");
  }

  @Test
  void queuedUpdate_timestampIsIso8601Utc() throws Exception {
    var u = new QueuedUpdate("u1", "calendar_metadata", null, Instant.parse("2024-01-15T10:00:00Z"), 0);
    assertThat(json.writeValueAsString(u)).contains("\"created_at\":\"2024-01-15T10:00:00Z\"");
    assertThat(u.knownType()).contains(UpdateType.CALENDAR_METADATA);
  }

  @Test
  void updateType_unknownName_namesAcceptedValues() {
    assertThatThrownBy(() -> UpdateType.parse("test"))
        .hasMessageContaining("calendar_metadata, sync_config, event_update, calendar_create, calendar_delete");
  }
}
