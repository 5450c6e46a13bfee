package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.provider.caldav.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationConfigTest {
  @TempDir Path dir;

  private static ServerConfig load(Map<String, String> env) {
    return ServerConfig.load(env, null);
  }

  @Test
  void noDestinationUrl_meansNoDestination() {
    assertThat(load(Map.of()).destination()).isNull();
  }

  @Test
  void caldavUrl_withUserAndPassword_isReadWithTheDefaultPoll() {
    DestinationConfig d = load(Map.of("DESTINATION_URL", "caldav+https://mail.example.com/SOGo/dav/u/",
        "DESTINATION_USERNAME", "u", "DESTINATION_PASSWORD", "p ")).destination();

    assertThat(d.type()).isEqualTo("caldav");
    assertThat(d.credentials()).isEqualTo(Credentials.basic("u", "p "));
    assertThat(d.pollSeconds()).isEqualTo(10);
    assertThat(d.toString()).doesNotContain("p ").contains("mail.example.com");
  }

  @Test
  void token_andCredentialsFile_areEachAWayToLogIn() throws Exception {
    assertThat(load(Map.of("DESTINATION_URL", "caldav+https://h/", "DESTINATION_TOKEN", "t0k")).destination()
        .credentials()).isEqualTo(Credentials.bearer("t0k"));
    Path file = Files.writeString(dir.resolve("cred.properties"), "username=alice\npassword=secret\n");
    assertThat(load(Map.of("DESTINATION_URL", "caldav+https://h/", "DESTINATION_CREDENTIALS_FILE", file.toString()))
        .destination().credentials()).isEqualTo(Credentials.basic("alice", "secret"));
  }

  @Test
  void invalidValues_stopStartUp_namingTheKey() {
    assertThatThrownBy(() -> load(Map.of("DESTINATION_URL", "no-type-here")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("DESTINATION_URL:");
    assertThatThrownBy(() -> load(Map.of("DESTINATION_URL", "google:primary")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("DESTINATION_URL:").hasMessageContaining("not supported yet");
    assertThatThrownBy(() -> load(Map.of("DESTINATION_URL", "ics:/tmp/x", "DESTINATION_POLL_SECONDS", "0")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("DESTINATION_POLL_SECONDS:");
    assertThatThrownBy(() -> load(Map.of("DESTINATION_URL", "caldav+https://h/", "DESTINATION_TOKEN", "t",
        "DESTINATION_USERNAME", "u"))).isInstanceOf(ConfigException.class).hasMessageContaining("give one of");
    assertThatThrownBy(() -> load(Map.of("DESTINATION_URL", "caldav+https://h/", "DESTINATION_CREDENTIALS_FILE",
        dir.resolve("missing").toString()))).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DESTINATION_CREDENTIALS_FILE:");
    assertThatThrownBy(() -> load(Map.of("DESTINATION_URL", "ics:/tmp/x", "DESTINATION_TOKEN", "t")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("needs no credentials");
  }

  @Test
  void exchangeServerUrl_failsAsNotSupportedYet() {
    assertThatThrownBy(() -> load(Map.of("EXCHANGE_SERVER_URL", "https://192.168.1.50/ews/exchange.asmx")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("EXCHANGE_SERVER_URL: not supported yet: an Exchange destination (EXCHANGE_SERVER_URL);"
            + " use DESTINATION_URL with a caldav+https:// or ics: URI");
  }
}
