package io.calsync.provider.caldav;

import io.calsync.core.storage.StorageException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything the CalDAV provider needs besides the URL: credentials and the knobs of the HTTP
 * client. Build one with {@link #fromEnvironment()}, {@link #fromCredentialsFile(Path)} or the
 * constructor; {@link #toString()} hides secrets.
 *
 * @param credentials how to authenticate (never null; {@link Credentials#none()} for none)
 * @param maxConcurrentRequests requests in flight at once per storage (default 4)
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time to wait for the response headers of one request
 * @param maxRetries retries of one request after 429/5xx or a dropped connection
 * @param maxRetryWait the longest single wait between retries, whatever Retry-After asks
 * @param maxResponseBytes responses longer than this are refused as malformed (default 64 MiB)
 * @param multigetChunk hrefs per calendar-multiget request (default 100)
 */
public record CaldavSettings(
    Credentials credentials,
    int maxConcurrentRequests,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration maxRetryWait,
    long maxResponseBytes,
    int multigetChunk) {

  public static final String ENV_USERNAME = "CALSYNC_USERNAME";
  public static final String ENV_PASSWORD = "CALSYNC_PASSWORD";
  public static final String ENV_TOKEN = "CALSYNC_TOKEN";

  public CaldavSettings {
    Objects.requireNonNull(credentials, "credentials");
    if (maxConcurrentRequests < 1) throw new IllegalArgumentException("maxConcurrentRequests < 1");
    if (multigetChunk < 1) throw new IllegalArgumentException("multigetChunk < 1");
    if (maxRetries < 0) throw new IllegalArgumentException("maxRetries < 0");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(maxRetryWait, "maxRetryWait");
  }

  /** Default knobs with the given credentials. */
  public static CaldavSettings of(Credentials credentials) {
    return new CaldavSettings(
        credentials,
        4,
        Duration.ofSeconds(15),
        Duration.ofSeconds(120),
        3,
        Duration.ofSeconds(30),
        64L * 1024 * 1024,
        100);
  }

  /** Credentials from {@code CALSYNC_TOKEN}, or {@code CALSYNC_USERNAME}/{@code CALSYNC_PASSWORD}. */
  public static CaldavSettings fromEnvironment() {
    return of(credentialsFrom(System.getenv()));
  }

  /**
   * Credentials from this environment map ({@code CALSYNC_TOKEN}, else {@code
   * CALSYNC_USERNAME}/{@code CALSYNC_PASSWORD}); none when it has neither.
   */
  public static CaldavSettings fromEnvironment(Map<String, String> env) {
    return of(credentialsFrom(env));
  }

  static Credentials credentialsFrom(Map<String, String> env) {
    String token = env.get(ENV_TOKEN);
    if (token != null && !token.isBlank()) return Credentials.bearer(token.strip());
    String user = env.get(ENV_USERNAME);
    if (user != null && !user.isBlank()) {
      String password = env.get(ENV_PASSWORD);
      return Credentials.basic(user, password == null ? "" : password);
    }
    return Credentials.none();
  }

  /**
   * Credentials from a small file: either a flat JSON object or a properties file, with keys
   * {@code username} and {@code password}, or {@code token}.
   *
   * @throws StorageException.InvalidConfiguration if the file cannot be read or holds neither
   */
  public static CaldavSettings fromCredentialsFile(Path file) {
    return of(readCredentials(file));
  }

  public static Credentials readCredentials(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException.InvalidConfiguration(
          "cannot read credentials file " + file + ": " + e.getClass().getSimpleName());
    }
    Map<String, String> values;
    try {
      values = text.stripLeading().startsWith("{") ? FlatJson.parse(text) : properties(text);
    } catch (IllegalArgumentException e) {
      throw new StorageException.InvalidConfiguration(
          "credentials file " + file + " is neither flat JSON nor a properties file: " + e.getMessage());
    }
    String token = values.get("token");
    if (token != null && !token.isBlank()) return Credentials.bearer(token.strip());
    String user = values.getOrDefault("username", values.get("user"));
    if (user != null && !user.isBlank()) {
      return Credentials.basic(user, values.getOrDefault("password", ""));
    }
    throw new StorageException.InvalidConfiguration(
        "credentials file " + file + " has neither 'username'/'password' nor 'token'");
  }

  private static Map<String, String> properties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  public CaldavSettings withCredentials(Credentials c) {
    return new CaldavSettings(c, maxConcurrentRequests, connectTimeout, requestTimeout, maxRetries,
        maxRetryWait, maxResponseBytes, multigetChunk);
  }

  public CaldavSettings withMaxConcurrentRequests(int n) {
    return new CaldavSettings(credentials, n, connectTimeout, requestTimeout, maxRetries,
        maxRetryWait, maxResponseBytes, multigetChunk);
  }

  public CaldavSettings withRetries(int retries, Duration maxWait) {
    return new CaldavSettings(credentials, maxConcurrentRequests, connectTimeout, requestTimeout,
        retries, maxWait, maxResponseBytes, multigetChunk);
  }

  public CaldavSettings withTimeouts(Duration connect, Duration request) {
    return new CaldavSettings(credentials, maxConcurrentRequests, connect, request, maxRetries,
        maxRetryWait, maxResponseBytes, multigetChunk);
  }

  public CaldavSettings withMaxResponseBytes(long max) {
    return new CaldavSettings(credentials, maxConcurrentRequests, connectTimeout, requestTimeout,
        maxRetries, maxRetryWait, max, multigetChunk);
  }

  public CaldavSettings withMultigetChunk(int n) {
    return new CaldavSettings(credentials, maxConcurrentRequests, connectTimeout, requestTimeout,
        maxRetries, maxRetryWait, maxResponseBytes, n);
  }

  /** A tiny parser for one flat JSON object of string (or scalar) values. */
  static final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
      this.s = s;
    }

    static Map<String, String> parse(String text) {
      FlatJson p = new FlatJson(text);
      Map<String, String> out = new LinkedHashMap<>();
      p.ws();
      p.expect('{');
      p.ws();
      if (p.peek() == '}') return out;
      while (true) {
        p.ws();
        String key = p.string();
        p.ws();
        p.expect(':');
        p.ws();
        String value = p.peek() == '"' ? p.string() : p.scalar();
        out.put(key, value);
        p.ws();
        char c = p.next();
        if (c == '}') return out;
        if (c != ',') throw new IllegalArgumentException("expected ',' or '}' at offset " + (p.i - 1));
      }
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private char peek() {
      if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
      return s.charAt(i);
    }

    private char next() {
      char c = peek();
      i++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) throw new IllegalArgumentException("expected '" + c + "' at offset " + (i - 1));
    }

    private String scalar() {
      int start = i;
      while (i < s.length() && ",}".indexOf(s.charAt(i)) < 0 && !Character.isWhitespace(s.charAt(i))) i++;
      String v = s.substring(start, i);
      if (v.isEmpty() || v.startsWith("{") || v.startsWith("[")) {
        throw new IllegalArgumentException("only flat string values are supported");
      }
      return v.equals("null") ? null : v;
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') return b.toString();
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (i + 4 > s.length()) throw new IllegalArgumentException("bad \\u escape");
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);
        }
      }
    }
  }
}
