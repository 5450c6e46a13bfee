package io.calsync.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a browser: keeps the dashboard's cookies and posts its forms, for HTTP-level tests. */
final class WebSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  final Map<String, String> cookies = new LinkedHashMap<>();
  /** The raw Set-Cookie headers of the last answer, to check their attributes. */
  List<String> lastSetCookies = List.of();

  WebSession(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  HttpResponse<String> htmxGet(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET());
  }

  /** Posts a form as the browser would (no htmx): the fields in order, url-encoded. */
  HttpResponse<String> post(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Signs in with {@code key} through the login form; returns the form's answer. */
  HttpResponse<String> signIn(String key) {
    String token = csrfIn(get("/login").body());
    return post("/login", Map.of("_csrf", token, "key", key));
  }

  static String csrfIn(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) throw new AssertionError("no CSRF token in the page:\n" + html);
    return m.group(1);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      lastSetCookies = r.headers().allValues("Set-Cookie");
      for (String c : lastSetCookies) {
        String pair = c.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty()) cookies.remove(name);
        else cookies.put(name, value);
      }
      return r;
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
