package io.calsync.provider.caldav;

import io.calsync.core.storage.StorageException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.stream.XMLStreamException;

/**
 * The HTTP side of CalDAV: one {@link HttpClient} (HTTP/2 over TLS where offered, HTTP/1.1
 * otherwise; never {@code Expect: 100-continue}), a bounded number of requests in flight,
 * retries with backoff, redirects, a response size cap and errors that name the URL but never a
 * credential.
 *
 * <p>Retry rules: 429 and 503 are retried for every request (the server says it did nothing),
 * honouring {@code Retry-After} up to {@link CaldavSettings#maxRetryWait()}; other 5xx and
 * dropped connections only for requests marked {@code replayable} (GET, PROPFIND, REPORT). A
 * write that died with its connection is handed back to the caller as {@link
 * ConnectionLost}: only the caller knows how to check whether it happened.
 */
final class DavClient implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DavClient.class.getName());
  private static final int MAX_REDIRECTS = 5;
  static final String XML = "application/xml; charset=utf-8";
  static final String ICS = "text/calendar; charset=utf-8";

  private final CaldavSettings settings;
  private final HttpClient http;
  private final Semaphore permits;
  private final String authOrigin;

  DavClient(CaldavSettings settings, URI base) {
    this.settings = settings;
    this.http = newHttpClient();
    this.permits = new Semaphore(settings.maxConcurrentRequests(), true);
    this.authOrigin = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
  }

  CaldavSettings settings() {
    return settings;
  }

  private HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(settings.connectTimeout())
        .build();
  }

  /**
   * Set once a pooled connection turned out dead: the server closes connections without saying
   * {@code Connection: close} (Radicale's HTTP/1.0 server, sogod without nginx), and the JDK
   * client keeps such connections in its pool. From then on every request gets a connection of
   * its own.
   */
  private volatile boolean freshConnections;

  boolean freshConnections() {
    return freshConnections;
  }

  /** One request to send. */
  record Request(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      boolean replayable,
      boolean retryServerErrors) {

    static Request of(String method, URI uri) {
      boolean replayable = switch (method) {
        case "GET", "HEAD", "PROPFIND", "REPORT", "OPTIONS" -> true;
        default -> false;
      };
      return new Request(method, uri, new LinkedHashMap<>(), null, replayable, true);
    }

    Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    Request xml(String xml) {
      headers.put("Content-Type", XML);
      return new Request(method, uri, headers, xml.getBytes(StandardCharsets.UTF_8), replayable, retryServerErrors);
    }

    Request ics(String text) {
      headers.put("Content-Type", ICS);
      return new Request(method, uri, headers, text.getBytes(StandardCharsets.UTF_8), replayable, retryServerErrors);
    }

    Request depth(String depth) {
      return header("Depth", depth);
    }

    /** Marks a request safe to send again (e.g. a PROPPATCH setting fixed values). */
    Request asReplayable() {
      return new Request(method, uri, headers, body, true, retryServerErrors);
    }

    Request noServerErrorRetry() {
      return new Request(method, uri, headers, body, replayable, false);
    }
  }

  /** A response whose body has not been read. */
  interface Received {
    int status();

    HttpHeaders headers();

    URI uri();

    /** The body, capped at {@link CaldavSettings#maxResponseBytes()}. */
    InputStream body();

    default Optional<String> header(String name) {
      return headers().firstValue(name);
    }

    /** The body as text, at most {@code limit} characters (for error messages). */
    default String text(int limit) throws IOException {
      byte[] b = body().readNBytes(limit);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  interface Handler<T> {
    T handle(Received response) throws IOException, XMLStreamException;
  }

  /** The connection died before a complete answer to a non-replayable request arrived. */
  static final class ConnectionLost extends Exception {
    ConnectionLost(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Sends a replayable request (or a write whose connection loss the caller treats as unavailable). */
  <T> T execute(Request req, Handler<T> handler) {
    try {
      return executeOrLose(req, handler);
    } catch (ConnectionLost e) {
      throw new StorageException.Unavailable(e.getMessage(), e.getCause());
    }
  }

  /** Sends a request; a write whose connection died comes back as {@link ConnectionLost}. */
  <T> T executeOrLose(Request req, Handler<T> handler) throws ConnectionLost {
    URI uri = req.uri();
    int redirects = 0;
    int attempt = 0;
    Duration wait = null;
    while (true) {
      if (wait != null) {
        sleep(wait);
        wait = null;
      }
      HttpResponse<InputStream> resp;
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException.Unavailable("interrupted before " + req.method() + " " + safe(uri), e);
      }
      HttpClient oneShot = freshConnections ? newHttpClient() : null;
      try {
        try {
          resp = (oneShot != null ? oneShot : http).send(build(req, uri), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
          if (oneShot == null && !(e instanceof HttpTimeoutException) && !(e instanceof ConnectException)) {
            freshConnections = true;
            LOG.fine(() -> safe(req.uri()) + ": the server drops kept-alive connections; one connection per request from now on");
          }
          if (canRetryIo(req, attempt, e)) {
            attempt++;
            LOG.log(Level.FINE, () -> req.method() + " " + safe(req.uri()) + " failed (" + e + "), retrying");
            wait = backoff(attempt);
            continue;
          }
          throw lost(req, uri, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException.Unavailable("interrupted during " + req.method() + " " + safe(uri), e);
        }
        int status = resp.statusCode();
        if (isRedirect(status) && resp.headers().firstValue("Location").isPresent()) {
          drain(resp);
          if (++redirects > MAX_REDIRECTS) {
            throw new StorageException.Unavailable("too many redirects from " + safe(req.uri()), null);
          }
          uri = uri.resolve(resp.headers().firstValue("Location").get().strip());
          continue;
        }
        if (attempt < settings.maxRetries() && shouldRetryStatus(req, status)) {
          Duration w = retryAfter(resp.headers()).orElse(backoff(attempt + 1));
          if (w.compareTo(settings.maxRetryWait()) > 0) w = settings.maxRetryWait();
          drain(resp);
          attempt++;
          final Duration logged = w;
          final URI u = uri;
          LOG.log(Level.FINE, () -> req.method() + " " + safe(u) + " answered " + status + ", retrying in " + logged);
          wait = w;
          continue;
        }
        URI finalUri = uri;
        InputStream capped = new CappedStream(resp.body(), settings.maxResponseBytes());
        Received received =
            new Received() {
              @Override
              public int status() {
                return status;
              }

              @Override
              public HttpHeaders headers() {
                return resp.headers();
              }

              @Override
              public URI uri() {
                return finalUri;
              }

              @Override
              public InputStream body() {
                return capped;
              }
            };
        try (capped) {
          return handler.handle(received);
        } catch (TooLarge e) {
          throw new StorageException.Malformed(
              req.method() + " " + safe(uri) + ": response larger than "
                  + settings.maxResponseBytes() + " bytes, refused", e);
        } catch (XMLStreamException e) {
          if (e.getNestedException() instanceof TooLarge t) {
            throw new StorageException.Malformed(
                req.method() + " " + safe(uri) + ": response larger than "
                    + settings.maxResponseBytes() + " bytes, refused", t);
          }
          if (e.getNestedException() instanceof IOException io && canRetryIo(req, attempt, io)) {
            attempt++;
            wait = backoff(attempt);
            continue;
          }
          throw new StorageException.Malformed(
              req.method() + " " + safe(uri) + " answered " + status + " with malformed XML: " + e.getMessage(), e);
        } catch (IOException e) {
          if (canRetryIo(req, attempt, e)) {
            attempt++;
            wait = backoff(attempt);
            continue;
          }
          throw lost(req, uri, e);
        }
      } finally {
        if (oneShot != null) oneShot.shutdownNow();
        permits.release();
      }
    }
  }

  private ConnectionLost lost(Request req, URI uri, IOException e) {
    String what = e instanceof HttpTimeoutException ? "timed out"
        : e instanceof ConnectException ? "could not connect"
        : "connection failed (" + e.getClass().getSimpleName() + ")";
    return new ConnectionLost(req.method() + " " + safe(uri) + ": " + what, e);
  }

  private boolean canRetryIo(Request req, int attempt, IOException e) {
    if (e instanceof TooLarge) return false;
    return req.replayable() && attempt < settings.maxRetries();
  }

  private static boolean shouldRetryStatus(Request req, int status) {
    if (status == 429 || status == 503) return true;
    if (!req.replayable() || !req.retryServerErrors()) return false;
    return status == 500 || status == 502 || status == 504;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private HttpRequest build(Request req, URI uri) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .method(
                req.method(),
                req.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(req.body()));
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      // no h2c upgrade dance with small Python servers
      b.version(HttpClient.Version.HTTP_1_1);
    }
    req.headers().forEach(b::header);
    b.header("User-Agent", "calsync-caldav/0.1");
    String auth = settings.credentials().authorizationHeader();
    if (auth != null && sameAuthOrigin(uri)) b.header("Authorization", auth);
    return b.build();
  }

  /** Credentials go only to the configured host or a sibling host of its domain (iCloud shards). */
  private boolean sameAuthOrigin(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.equals(authOrigin)) return true;
    String a = parentDomain(authOrigin);
    return a != null && a.equals(parentDomain(host)) && "https".equalsIgnoreCase(uri.getScheme());
  }

  private static String parentDomain(String host) {
    if (host.isEmpty() || Character.isDigit(host.charAt(host.length() - 1)) || host.contains(":")) return null;
    String[] parts = host.split("\\.");
    if (parts.length < 3) return null;
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  private Duration backoff(int attempt) {
    long base = 200L << Math.min(attempt - 1, 6);
    long jitter = ThreadLocalRandom.current().nextLong(base / 2 + 1);
    Duration d = Duration.ofMillis(base + jitter);
    return d.compareTo(settings.maxRetryWait()) > 0 ? settings.maxRetryWait() : d;
  }

  static Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> v = headers.firstValue("Retry-After");
    if (v.isEmpty()) return Optional.empty();
    String s = v.get().strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException e2) {
        return Optional.empty();
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException.Unavailable("interrupted while waiting to retry", e);
    }
  }

  private static void drain(HttpResponse<InputStream> resp) {
    try (InputStream in = resp.body()) {
      in.readNBytes(64 * 1024);
    } catch (IOException ignored) {
      // the connection is dropped; nothing to save
    }
  }

  /**
   * A URL fit for messages: no user info, no query. Never shows credentials even when someone put
   * them into the URL.
   */
  static String safe(URI uri) {
    if (uri == null) return "?";
    StringBuilder b = new StringBuilder();
    if (uri.getScheme() != null) b.append(uri.getScheme()).append("://");
    if (uri.getHost() != null) b.append(uri.getHost());
    if (uri.getPort() >= 0) b.append(':').append(uri.getPort());
    b.append(uri.getRawPath() == null ? "" : uri.getRawPath());
    return b.toString();
  }

  /** The standard error for a status the caller did not handle itself. */
  static StorageException error(String method, URI uri, int status, String body) {
    String where = method + " " + safe(uri);
    String detail = summary(body);
    return switch (status) {
      case 401 -> new StorageException.AccessDenied(
          where + ": 401 Unauthorized: credentials missing or wrong", null);
      case 403 -> new StorageException.AccessDenied(where + ": 403 Forbidden" + detail, null);
      case 404, 410 -> new StorageException.ItemNotFound(where + ": " + status + " not found");
      case 405, 501 -> new StorageException.NotSupported(
          where + ": " + status + (status == 405 ? " method not allowed" : " not implemented") + detail);
      case 412 -> new StorageException.EtagMismatch(where + ": 412 precondition failed");
      case 408, 429, 500, 502, 503, 504 -> new StorageException.Unavailable(
          where + ": server answered " + status + detail, null);
      default -> status >= 500
          ? new StorageException.Unavailable(where + ": server answered " + status + detail, null)
          : new StorageException.ItemRejected(where + ": server answered " + status + detail, null);
    };
  }

  private static String summary(String body) {
    if (body == null || body.isBlank()) return "";
    String oneLine = body.replaceAll("\\s+", " ").strip();
    if (oneLine.length() > 200) oneLine = oneLine.substring(0, 200) + "…";
    return " (" + oneLine + ")";
  }

  @Override
  public void close() {
    http.shutdownNow();
  }

  /** Thrown by {@link CappedStream} when a response passes the cap. */
  static final class TooLarge extends IOException {
    TooLarge(long cap) {
      super("response larger than " + cap + " bytes");
    }
  }

  private static final class CappedStream extends FilterInputStream {
    private final long cap;
    private long seen;

    CappedStream(InputStream in, long cap) {
      super(in);
      this.cap = cap;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0 && ++seen > cap) throw new TooLarge(cap);
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && (seen += n) > cap) throw new TooLarge(cap);
      return n;
    }
  }
}
