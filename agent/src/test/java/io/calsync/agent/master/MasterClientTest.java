package io.calsync.agent.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.calsync.protocol.ItemChange;
import io.calsync.protocol.ItemUpload;
import io.calsync.protocol.ProtocolJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasterClientTest {

  HttpServer server;
  final AtomicReference<HttpExchange> last = new AtomicReference<>();
  final AtomicReference<byte[]> lastBody = new AtomicReference<>();
  volatile int status = 200;
  volatile String answer = "{}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      last.set(ex);
      lastBody.set(ex.getRequestBody().readAllBytes());
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private MasterClient client(boolean compress) {
    return new MasterClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "pc-1", "s3cret",
        compress, null);
  }

  @Test
  void with_enable_compression_an_upload_is_sent_gzip_encoded_with_the_agent_key() throws IOException {
    answer = "{\"agent_id\":\"pc-1\",\"source_name\":\"Home\",\"results\":[],\"updates_queued\":0}";

    client(true).upload(new ItemUpload("Home", List.of(ItemChange.delete("u1", 3L))));

    HttpExchange ex = last.get();
    assertThat(ex.getRequestURI().getPath()).isEqualTo("/sync/agents/pc-1/items");
    assertThat(ex.getRequestHeaders().getFirst("Content-Encoding")).isEqualTo("gzip");
    assertThat(ex.getRequestHeaders().getFirst("X-API-Key")).isEqualTo("s3cret");
    byte[] plain = new GZIPInputStream(new java.io.ByteArrayInputStream(lastBody.get())).readAllBytes();
    ItemUpload sent = ProtocolJson.mapper().readValue(plain, ItemUpload.class);
    assertThat(sent.changes()).containsExactly(ItemChange.delete("u1", 3L));
  }

  @Test
  void without_compression_the_body_is_plain_json() {
    answer = "{\"results\":[]}";

    client(false).upload(new ItemUpload("Home", List.of()));

    assertThat(last.get().getRequestHeaders().getFirst("Content-Encoding")).isNull();
    assertThat(new String(lastBody.get(), StandardCharsets.UTF_8)).contains("\"source_name\":\"Home\"");
  }

  @Test
  void downloads_and_long_polls_name_their_parameters() {
    answer = "{\"token\":7,\"more\":false,\"items\":[]}";
    client(false).download("My Home", 5, 500);
    assertThat(last.get().getRequestURI().getRawQuery()).isEqualTo("source_name=My%20Home&since=5&limit=500");

    answer = "{\"updates\":[]}";
    client(false).pendingUpdates(25);
    assertThat(last.get().getRequestURI().toString()).isEqualTo("/sync/agents/pc-1/pending-updates?wait=25");
  }

  @Test
  void a_4xx_is_refused_with_the_masters_problem_detail_and_a_5xx_is_retryable() {
    status = 403;
    answer = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"wrong agent secret\"}";
    assertThatThrownBy(() -> client(false).heartbeat(null))
        .isInstanceOfSatisfying(MasterException.Refused.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.isRetryable()).isFalse();
        })
        .hasMessageContaining("wrong agent secret");

    status = 503;
    answer = "{\"detail\":\"the master store is unavailable\"}";
    assertThatThrownBy(() -> client(false).heartbeat(null))
        .isInstanceOfSatisfying(MasterException.class, e -> assertThat(e.isRetryable()).isTrue());
  }

  @Test
  void an_unreachable_master_is_retryable() {
    server.stop(0);
    assertThatThrownBy(() -> client(false).pendingUpdates(1)).isInstanceOf(MasterException.Unreachable.class);
  }

  @Test
  void backoff_grows_to_its_cap_with_jitter_and_starts_over_after_a_success() {
    Backoff b = new Backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(1000));
    assertThat(b.nextDelay().toMillis()).isBetween(50L, 100L);
    assertThat(b.nextDelay().toMillis()).isBetween(100L, 200L);
    for (int i = 0; i < 10; i++) {
      assertThat(b.nextDelay().toMillis()).isLessThanOrEqualTo(1000L);
    }
    b.reset();
    assertThat(b.nextDelay().toMillis()).isBetween(50L, 100L);
  }
}
