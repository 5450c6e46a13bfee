package io.calsync.agent.master;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.protocol.AckRequest;
import io.calsync.protocol.AckResponse;
import io.calsync.protocol.HeartbeatRequest;
import io.calsync.protocol.HeartbeatResponse;
import io.calsync.protocol.ItemListing;
import io.calsync.protocol.ItemUpload;
import io.calsync.protocol.ItemUploadResult;
import io.calsync.protocol.PendingUpdates;
import io.calsync.protocol.ProtocolJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * {@link MasterApi} over HTTP/1.1 with {@code java.net.http}: {@code X-API-Key: <agent_secret>} on
 * every request, JSON bodies ({@link ProtocolJson}), item uploads gzip-compressed when {@code
 * enable_compression} is set. Connection failures, timeouts, 5xx and 429 become {@link
 * MasterException.Unreachable}; other 4xx {@link MasterException.Refused} carrying the master's
 * problem detail.
 */
public final class MasterClient implements MasterApi {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** How much longer than the long-poll's wait the agent waits for its answer. */
  private static final Duration POLL_GRACE = Duration.ofSeconds(15);

  private final URI base;
  private final String agentId;
  private final String secret;
  private final boolean compress;
  private final HttpClient http;
  private final ObjectMapper json = ProtocolJson.mapper();

  /**
   * @param base the master's URL ({@code central_api_url})
   * @param secret the {@code agent_secret}, or null when the master needs none
   * @param compress gzip item uploads ({@code enable_compression})
   * @param certificate {@code certificate_path}: trust only this PEM for https, or null for the
   *     system's trust store
   */
  public MasterClient(URI base, String agentId, String secret, boolean compress, Path certificate) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.agentId = agentId;
    this.secret = secret;
    this.compress = compress;
    HttpClient.Builder b =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
    if (certificate != null) {
      b.sslContext(TrustedCertificate.sslContext(certificate));
    }
    this.http = b.build();
  }

  @Override
  public HeartbeatResponse heartbeat(HeartbeatRequest request) {
    return send(post("heartbeat", jsonBody(request, false), false, REQUEST_TIMEOUT), HeartbeatResponse.class);
  }

  @Override
  public PendingUpdates pendingUpdates(int waitSeconds) {
    HttpRequest r = request("pending-updates?wait=" + waitSeconds, Duration.ofSeconds(waitSeconds).plus(POLL_GRACE))
        .GET().build();
    return send(r, PendingUpdates.class);
  }

  @Override
  public AckResponse ack(String updateId, AckRequest ack) {
    return send(post("updates/" + encode(updateId) + "/processed", jsonBody(ack, false), false, REQUEST_TIMEOUT),
        AckResponse.class);
  }

  @Override
  public ItemUploadResult upload(ItemUpload upload) {
    return send(post("items", jsonBody(upload, compress), compress, REQUEST_TIMEOUT), ItemUploadResult.class);
  }

  @Override
  public ItemListing download(String sourceName, long since, int limit) {
    String query = "items?source_name=" + encode(sourceName) + "&since=" + since + "&limit=" + limit;
    return send(request(query, REQUEST_TIMEOUT).GET().build(), ItemListing.class);
  }

  // ---- HTTP

  private HttpRequest.Builder request(String path, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("sync/agents/" + encode(agentId) + "/" + path))
        .timeout(timeout)
        .header("Accept", "application/json");
    if (secret != null) {
      b.header("X-API-Key", secret);
    }
    return b;
  }

  private HttpRequest post(String path, byte[] body, boolean gzip, Duration timeout) {
    HttpRequest.Builder b = request(path, timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      b.header("Content-Encoding", "gzip");
    }
    return b.build();
  }

  private byte[] jsonBody(Object body, boolean gzip) {
    try {
      byte[] plain = json.writeValueAsBytes(body);
      return gzip ? gzip(plain) : plain;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  private <T> T send(HttpRequest request, Class<T> type) {
    String what = request.method() + " " + request.uri().getPath();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new MasterException.Unreachable(what + ": master unreachable: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MasterException.Unreachable(what + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        return json.readValue(response.body(), type);
      } catch (IOException e) {
        throw new MasterException.Unreachable(what + ": unreadable answer from the master: " + describe(e), e);
      }
    }
    String detail = problemDetail(response.body()).orElse("HTTP " + status);
    if (status >= 500 || status == 429 || status == 408) {
      throw new MasterException.Unreachable(what + ": master answered " + status + ": " + detail, null);
    }
    throw new MasterException.Refused(status, what + ": master refused (" + status + "): " + detail);
  }

  /** The {@code detail} (else {@code title}) of an RFC 9457 problem, else the body's first line. */
  private Optional<String> problemDetail(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode node = json.readTree(body);
      for (String field : new String[] {"detail", "title"}) {
        if (node != null && node.hasNonNull(field)) {
          return Optional.of(node.get(field).asText());
        }
      }
    } catch (IOException e) {
      // not JSON: show the text itself
    }
    String text = new String(body, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
    return text.isEmpty() ? Optional.empty() : Optional.of(text.length() > 200 ? text.substring(0, 200) + "…" : text);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
