package io.calsync.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Raw HTTP to a test master's /dav/ and /feeds/, with HTTP Basic credentials like a CalDAV client. */
final class DavClient {
  record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final String password;

  /** @param password the credential sent as the Basic password, or null for none */
  DavClient(int port, String password) {
    this.port = port;
    this.password = password;
  }

  DavClient as(String otherPassword) {
    return new DavClient(port, otherPassword);
  }

  Reply send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (password != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("me:" + password).getBytes(StandardCharsets.UTF_8)));
    }
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  Reply propfind(String path, String depth, String props) {
    return send("PROPFIND", path, "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\""
        + " xmlns:CS=\"http://calendarserver.org/ns/\" xmlns:A=\"http://apple.com/ns/ical/\"><D:prop>" + props
        + "</D:prop></D:propfind>", "Depth", depth, "Content-Type", "application/xml");
  }

  Reply syncCollection(String path, String token) {
    return send("REPORT", path, "<?xml version=\"1.0\"?><D:sync-collection xmlns:D=\"DAV:\"><D:sync-token>"
        + (token == null ? "" : token) + "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop>"
        + "</D:sync-collection>", "Content-Type", "application/xml");
  }

  /** The text of the first {@code <…:name>} element of an XML answer (enough for assertions). */
  static String first(String xml, String localName) {
    var m = java.util.regex.Pattern.compile("<(\\w+:)?" + localName + "(\\s[^>]*)?>([^<]*)</").matcher(xml);
    return m.find() ? m.group(3) : null;
  }
}
