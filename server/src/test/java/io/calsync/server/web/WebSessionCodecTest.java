package io.calsync.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebSessionCodecTest {
  private final Instant t0 = Instant.parse("2026-03-01T12:00:00Z");
  private final SessionCodec codec = new SessionCodec(Clock.fixed(t0, ZoneOffset.UTC), Duration.ofMinutes(30));

  @Test
  void cookie_roundTrips_whoSignedInAndTheirRole() {
    Session s = codec.open("api-key:k1", ConsoleBackend.Role.READ);
    assertThat(codec.decode(codec.encode(s))).contains(s);
  }

  @Test
  void tamperedPayload_isRejected_evenWithTheOldSignature() {
    String cookie = codec.encode(codec.open("api-key:k1", ConsoleBackend.Role.READ));
    String forgedBody = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(java.util.Base64.getUrlDecoder().decode(cookie.split("\\.")[0])).replace("READ", "ADMIN").getBytes());
    assertThat(codec.decode(forgedBody + "." + cookie.split("\\.")[1])).isEmpty();
  }

  @Test
  void cookieSignedByAnotherMasterStart_isRejected() {
    String cookie = new SessionCodec(Clock.fixed(t0, ZoneOffset.UTC), Duration.ofMinutes(30))
        .encode(codec.open("admin", ConsoleBackend.Role.ADMIN));
    assertThat(codec.decode(cookie)).isEmpty();
  }

  @Test
  void expiredSession_isRejected() {
    Session s = codec.open("admin", ConsoleBackend.Role.ADMIN);
    Session expired = new Session(s.user(), s.role(), t0.minusSeconds(1), s.nonce());
    assertThat(codec.decode(codec.encode(expired))).isEmpty();
  }

  @Test
  void csrfToken_belongsToOneSession() {
    Session a = codec.open("admin", ConsoleBackend.Role.ADMIN);
    Session b = codec.open("admin", ConsoleBackend.Role.ADMIN);
    assertThat(codec.csrfMatches(a, codec.csrfToken(a))).isTrue();
    assertThat(codec.csrfMatches(b, codec.csrfToken(a))).isFalse();
    assertThat(codec.csrfMatches(a, null)).isFalse();
  }

  @Test
  void garbage_isNoSession() {
    assertThat(codec.decode("not-a-cookie")).isEmpty();
    assertThat(codec.decode("%%%.###")).isEmpty();
    assertThat(codec.decode(null)).isEmpty();
  }
}
