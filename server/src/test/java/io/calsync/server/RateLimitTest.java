package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RATE_LIMIT_REQUESTS_PER_MINUTE guards the REST API; calendar clients and /health are not counted. */
class RateLimitTest {
  @TempDir Path dataDir;
  TestMaster master;

  @AfterEach
  void stop() {
    if (master != null) master.close();
  }

  @Test
  void restApi_beyondTheLimit_is429WithRetryAfter_whileFeedsAndHealthStayOpen() {
    master = TestMaster.start(dataDir, Map.of("RATE_LIMIT_REQUESTS_PER_MINUTE", "5"));
    for (int i = 0; i < 5; i++) assertThat(master.get("/calendars").status()).isEqualTo(200);

    var limited = master.get("/calendars");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(limited.text("detail")).contains("RATE_LIMIT_REQUESTS_PER_MINUTE");
    for (int i = 0; i < 10; i++) {
      assertThat(master.get("/health").status()).isEqualTo(200);
      assertThat(master.get("/feeds/all.ics").status()).isEqualTo(200);
    }
  }
}
