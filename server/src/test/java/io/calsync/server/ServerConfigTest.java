package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.sync.ConflictStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  @Test
  void load_nothingSet_usesSeedDefaults() {
    ServerConfig c = ServerConfig.load(Map.of(), null);
    assertThat(c.apiPort()).isEqualTo(8008);
    assertThat(c.syncIntervalMinutes()).isEqualTo(30);
    assertThat(c.bidirectionalSync()).isTrue();
    assertThat(c.retentionDays()).isEqualTo(7);
    assertThat(c.conflictResolution()).isEqualTo(ConflictStrategy.LATEST_WINS);
    assertThat(c.maxRetryAttempts()).isEqualTo(5);
    assertThat(c.authEnabled()).isTrue();
    assertThat(c.dataDir()).isEqualTo(Path.of("./calsync-data"));
    assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
  }

  @Test
  void load_dotEnvWithSeedComments_readsValuesAndEnvironmentWins() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, """
        # Master server settings
        DEBUG=false
        CORS_ORIGINS=*
        API_PORT=9000
        CONFLICT_RESOLUTION=manual  # options: source_wins, destination_wins, latest_wins, manual
        JWT_SECRET="quoted # not a comment, 32 bytes or more"
        """);
    ServerConfig c = ServerConfig.load(Map.of("API_PORT", "9100"), env);
    assertThat(c.apiPort()).isEqualTo(9100);
    assertThat(c.conflictResolution()).isEqualTo(ConflictStrategy.MANUAL);
    assertThat(c.corsOrigins()).containsExactly("*");
    assertThat(c.jwtSecret()).isEqualTo("quoted # not a comment, 32 bytes or more");
    assertThat(c.toString()).doesNotContain("quoted");
  }

  @Test
  void load_invalidConflictResolution_namesKeyAndAcceptedValues() {
    assertThatThrownBy(() -> ServerConfig.load(Map.of("CONFLICT_RESOLUTION", "newest"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CONFLICT_RESOLUTION")
        .hasMessageContaining("source_wins, destination_wins, latest_wins, manual");
  }

  @Test
  void load_invalidPortOrBoolean_namesKey() {
    assertThatThrownBy(() -> ServerConfig.load(Map.of("API_PORT", "80808"), null))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("API_PORT:").hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> ServerConfig.load(Map.of("AUTH_ENABLED", "maybe"), null))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("AUTH_ENABLED:").hasMessageContaining("true or false");
  }

  @Test
  void envExample_documentsEveryKey() throws Exception {
    Path example = Path.of(".env.example"); // server/.env.example; surefire runs in the module directory
    String text = Files.readString(example);
    for (String key : ServerConfig.KEYS) {
      assertThat(text).as(key).containsPattern("(?m)^#?\\s*" + key + "=");
    }
  }
}
