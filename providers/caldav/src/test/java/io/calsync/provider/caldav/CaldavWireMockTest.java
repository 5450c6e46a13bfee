package io.calsync.provider.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.calsync.core.model.Item;
import io.calsync.core.model.Listing;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.StorageException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP and XML edge cases, against WireMock: retries, errors, odd XML, server quirks. */
class CaldavWireMockTest {

  private static final String CAL = "/dav/alice/cal/";
  private static final String SECRET = "hunter2-Secret";

  private WireMockServer wm;
  private URI base;

  @BeforeEach
  void up() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    base = URI.create("http://127.0.0.1:" + wm.port() + "/");
  }

  @AfterEach
  void down() {
    wm.stop();
  }

  private CaldavSettings settings() {
    return CaldavSettings.of(Credentials.basic("alice", SECRET)).withRetries(3, Duration.ofSeconds(2));
  }

  private CaldavStorage storage(String path, boolean writable) {
    return storage(path, writable, false);
  }

  private CaldavStorage storage(String path, boolean writable, boolean sogo) {
    CollectionInfo info = new CollectionInfo(base.resolve(path), true, List.of("VEVENT"), "Cal", null, null,
        null, writable, true, "tok-1", null);
    return new CaldavStorage(new DavClient(settings(), base), info, "cal", sogo);
  }

  private static Item item(String uid) {
    String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
        + "\r\nDTSTAMP:20240301T000000Z\r\nDTSTART:20240315T090000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    return new Item(uid, text, "hash-" + uid, null, 0, "x");
  }

  private static String multistatus(String... responses) {
    return "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\">" + String.join("", responses) + "</d:multistatus>";
  }

  private static String etagResponse(String href, String etag) {
    return "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop><d:getetag>" + etag
        + "</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
  }

  private static String propfindCollection(String token) {
    return multistatus("<d:response><d:href>" + CAL + "</d:href><d:propstat><d:prop>"
        + "<d:resourcetype><d:collection/><c:calendar xmlns:c=\"urn:ietf:params:xml:ns:caldav\"/></d:resourcetype>"
        + "<d:sync-token>" + token + "</d:sync-token></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");
  }

  @Test
  void retries503_honouringRetryAfter_thenSucceeds() {
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("ready"));
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL)).inScenario("busy").whenScenarioStateIs("ready")
        .willReturn(aResponse().withStatus(207).withHeader("Content-Type", "application/xml").withBody(propfindCollection("t1"))));
    wm.stubFor(request("REPORT", urlEqualTo(CAL))
        .willReturn(aResponse().withStatus(207).withBody(multistatus(etagResponse(CAL + "a.ics", "\"e1\"")))));

    long t0 = System.nanoTime();
    try (CaldavStorage s = storage(CAL, true)) {
      Listing l = s.list();
      assertThat(l.items()).hasSize(1);
      assertThat(l.syncToken()).isEqualTo("s:t1");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    wm.verify(2, RequestPatternBuilder.newRequestPattern(RequestMethod.fromString("PROPFIND"), urlEqualTo(CAL)));
  }

  @Test
  void unauthorized_isAccessDenied_namingUrlButNotPassword() {
    wm.stubFor(request("PROPFIND", urlMatching(".*"))
        .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "basic realm=\"SOGo\"")));
    assertThatThrownBy(() -> CaldavStorageFactory.openStorage(base.resolve(CAL), settings()))
        .isInstanceOf(StorageException.AccessDenied.class)
        .hasMessageContaining("127.0.0.1:" + wm.port())
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining("aHVudGVy"); // nor its base64 form
    wm.verify(RequestPatternBuilder.newRequestPattern(RequestMethod.fromString("PROPFIND"), urlEqualTo(CAL))
        .withHeader("Authorization", equalTo(Credentials.basic("alice", SECRET).authorizationHeader())));
  }

  @Test
  void malformedXml_isMalformed() {
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL))
        .willReturn(aResponse().withStatus(207).withBody("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>")));
    try (CaldavStorage s = storage(CAL, true)) {
      assertThatThrownBy(s::metadata).isInstanceOf(StorageException.Malformed.class).hasMessageContaining(CAL);
    }
  }

  @Test
  void oversizedResponse_isRefusedAsMalformed() {
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL))
        .willReturn(aResponse().withStatus(207).withBody(propfindCollection("x".repeat(5000)))));
    CollectionInfo info = new CollectionInfo(base.resolve(CAL), true, List.of(), "Cal", null, null, null, true, true, null, null);
    try (CaldavStorage s = new CaldavStorage(new DavClient(settings().withMaxResponseBytes(1000), base), info, "cal", false)) {
      assertThatThrownBy(s::metadata).isInstanceOf(StorageException.Malformed.class).hasMessageContaining("larger than");
    }
  }

  @Test
  void defaultNamespaceAndOddPrefixes_areParsed() {
    String xml = "<?xml version=\"1.0\"?><multistatus xmlns=\"DAV:\" xmlns:X=\"urn:ietf:params:xml:ns:caldav\""
        + " xmlns:Q=\"http://apple.com/ns/ical/\"><response><href>/dav/alice/cal/</href><propstat><prop>"
        + "<resourcetype><collection/><X:calendar/></resourcetype><displayname>Work &amp; more</displayname>"
        + "<Q:calendar-color>#3366CCFF</Q:calendar-color><X:supported-calendar-component-set><X:comp name=\"VEVENT\"/>"
        + "</X:supported-calendar-component-set><current-user-privilege-set><privilege><read/></privilege>"
        + "</current-user-privilege-set></prop><status>HTTP/1.1 200 OK</status></propstat>"
        + "<propstat><prop><sync-token/></prop><status>HTTP/1.1 404 Not Found</status></propstat></response>"
        + "<ns9:unknown xmlns:ns9=\"urn:x\"/></multistatus>";
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL)).willReturn(aResponse().withStatus(207).withBody(xml)));
    try (CaldavStorage s = storage(CAL, true)) {
      var meta = s.metadata();
      assertThat(meta.name()).isEqualTo("Work & more");
      assertThat(meta.color()).isEqualTo("#3366CCFF");
      assertThat(meta.readOnly()).isTrue(); // only read privilege
      assertThat(s.capabilities().readOnly()).isTrue();
    }
  }

  @Test
  void metadataReads_leaveTheTokensOut_andTheListingAsksForThemOnItsOwn() {
    // Radicale computes sync-token and getctag over every item: 2.5 s per PROPFIND at 10,000 events
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL)).willReturn(aResponse().withStatus(207).withBody(propfindCollection("tok-7"))));
    wm.stubFor(request("REPORT", urlEqualTo(CAL)).willReturn(aResponse().withStatus(207).withBody(multistatus(""))));
    try (CaldavStorage s = storage(CAL, true)) {
      s.metadata();
      wm.verify(1, requestedFor("PROPFIND", urlEqualTo(CAL))
          .withRequestBody(notContaining("sync-token"))
          .withRequestBody(notContaining("getctag")));
      assertThat(s.list().syncToken()).isEqualTo("s:tok-7");
      wm.verify(1, requestedFor("PROPFIND", urlEqualTo(CAL))
          .withRequestBody(containing("sync-token")));
    }
  }

  @Test
  void sogoStyleErrorNamespace_andPrefixedStatus_areAccepted() {
    assertThat(DavXml.errorConditions("<D:error xmlns:D=\"DAV\"><D:valid-sync-token/></D:error>")).contains("valid-sync-token");
    assertThat(DavXml.errorConditions("Event UID already in use")).isEmpty();
  }

  @Test
  void externalEntities_areNotResolved() {
    String evil = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&x;</d:href></d:response></d:multistatus>";
    assertThatThrownBy(() -> DavXml.parseMultistatus(evil, r -> { throw new AssertionError("parsed: " + r); }))
        .isInstanceOf(javax.xml.stream.XMLStreamException.class);
  }

  @Test
  void invalidSyncToken_403or500_givesEmpty() {
    wm.stubFor(request("REPORT", urlEqualTo(CAL)).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(403).withBody("<d:error xmlns:d=\"DAV:\"><d:valid-sync-token/></d:error>"))
        .willSetStateTo("xandikos"));
    wm.stubFor(request("REPORT", urlEqualTo(CAL)).inScenario("t").whenScenarioStateIs("xandikos")
        .willReturn(aResponse().withStatus(500).withBody("AssertionError")));
    try (CaldavStorage s = storage(CAL, true)) {
      assertThat(s.changesSince("s:old")).isEmpty();
      assertThat(s.changesSince("s:old")).isEmpty();
    }
    // the 500 is not retried: it is the answer, not an outage
    wm.verify(2, RequestPatternBuilder.newRequestPattern(RequestMethod.fromString("REPORT"), urlEqualTo(CAL)));
  }

  @Test
  void syncDelta_sogoStyle_404Members_andTokenAfterResponses() {
    String body = "<D:multistatus xmlns:D=\"DAV:\" xmlns:d=\"DAV:\">" + etagResponse(CAL + "new.ics", "\"gcs00000000\"")
        + "<D:response><D:href>" + CAL + "gone.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>"
        + "<D:sync-token>1732560000</D:sync-token></D:multistatus>";
    wm.stubFor(request("REPORT", urlEqualTo(CAL)).willReturn(aResponse().withStatus(207).withBody(body)));
    try (CaldavStorage s = storage(CAL, true, true)) {
      var c = s.changesSince("s:1732559999").orElseThrow();
      assertThat(c.changed()).extracting(i -> i.href() + " " + i.etag()).containsExactly("new.ics \"gcs00000000\"");
      assertThat(c.deletedHrefs()).containsExactly("gone.ics");
      assertThat(c.syncToken()).isEqualTo("s:1732560000");
    }
    // a write in the token's own second must show up: SOGo is asked from one second earlier
    wm.verify(RequestPatternBuilder.newRequestPattern(RequestMethod.fromString("REPORT"), urlEqualTo(CAL))
        .withRequestBody(containing("<d:sync-token>1732559998</d:sync-token>")));
  }

  @Test
  void create_xandikosStyle207WithInner412_isItemAlreadyExists() {
    String body = "<ns0:multistatus xmlns:ns0=\"DAV:\"><ns0:response><ns0:href>http%3A//h/x.ics</ns0:href>"
        + "<ns0:status>HTTP/1.1 412 Precondition Failed</ns0:status><ns0:error>"
        + "<ns1:no-uid-conflict xmlns:ns1=\"urn:ietf:params:xml:ns:caldav\"/></ns0:error></ns0:response></ns0:multistatus>";
    wm.stubFor(request("PUT", urlMatching(CAL + ".*\\.ics")).willReturn(aResponse().withStatus(207).withBody(body)));
    try (CaldavStorage s = storage(CAL, true)) {
      assertThatThrownBy(() -> s.create(item("u1"))).isInstanceOf(StorageException.ItemAlreadyExists.class);
    }
  }

  @Test
  void create_sogoStyle409_isItemAlreadyExists_andSendsCalendarContentType() {
    wm.stubFor(request("PUT", urlMatching(CAL + ".*\\.ics")).willReturn(aResponse().withStatus(409)
        .withBody("<D:error xmlns:D=\"DAV\">Event UID already in use</D:error>")));
    try (CaldavStorage s = storage(CAL, true)) {
      assertThatThrownBy(() -> s.create(item("u1"))).isInstanceOf(StorageException.ItemAlreadyExists.class);
    }
    wm.verify(RequestPatternBuilder.newRequestPattern(RequestMethod.PUT, urlMatching(CAL + "[0-9a-f-]{36}\\.ics"))
        .withHeader("Content-Type", equalTo("text/calendar; charset=utf-8"))
        .withHeader("If-None-Match", equalTo("*"))
        .withoutHeader("Expect"));
  }

  @Test
  void create_withoutEtag_andWithLocation_reportsServerChosenHref() {
    wm.stubFor(request("PUT", urlMatching(CAL + ".*\\.ics"))
        .willReturn(aResponse().withStatus(201).withHeader("Location", "http://127.0.0.1:" + wm.port() + CAL + "server%20name.ics")));
    try (CaldavStorage s = storage(CAL, true)) {
      WriteResult w = s.create(item("u2"));
      assertThat(w).isEqualTo(new WriteResult("server name.ics", null));
      assertThat(s.uriOf(w.href()).getRawPath()).isEqualTo(CAL + "server%20name.ics");
    }
  }

  @Test
  void update_412_isEtagMismatch() {
    wm.stubFor(request("PUT", urlEqualTo(CAL + "a.ics")).willReturn(aResponse().withStatus(412)));
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL + "a.ics"))
        .willReturn(aResponse().withStatus(207).withBody(multistatus(etagResponse(CAL + "a.ics", "\"new\"")))));
    try (CaldavStorage s = storage(CAL, true)) {
      assertThatThrownBy(() -> s.update("a.ics", item("u3"), "\"old\"")).isInstanceOf(StorageException.EtagMismatch.class);
    }
  }

  @Test
  void sogoDelete_checksEtagFirst_becauseSogoIgnoresIfMatch() {
    String sogoCal = "/SOGo/dav/alice/Calendar/personal/";
    wm.stubFor(request("PROPFIND", urlEqualTo(sogoCal + "a.ics"))
        .willReturn(aResponse().withStatus(207).withBody(multistatus(etagResponse(sogoCal + "a.ics", "\"gcs00000001\"")))));
    wm.stubFor(request("DELETE", urlEqualTo(sogoCal + "a.ics")).willReturn(aResponse().withStatus(204)));
    try (CaldavStorage s = storage(sogoCal, true)) {
      assertThatThrownBy(() -> s.delete("a.ics", "\"gcs00000000\"")).isInstanceOf(StorageException.EtagMismatch.class);
      s.delete("a.ics", "\"gcs00000001\"");
    }
    wm.verify(1, RequestPatternBuilder.newRequestPattern(RequestMethod.DELETE, urlEqualTo(sogoCal + "a.ics"))
        .withHeader("If-Match", equalTo("\"gcs00000001\"")));
  }

  @Test
  void wellKnownRedirect_isFollowed_withPropfindKept() {
    wm.stubFor(request("PROPFIND", urlEqualTo("/")).willReturn(aResponse().withStatus(404)));
    wm.stubFor(request("PROPFIND", urlEqualTo("/.well-known/caldav")).willReturn(aResponse().withStatus(301).withHeader("Location", "/SOGo/dav/")));
    wm.stubFor(request("PROPFIND", urlEqualTo("/SOGo/dav/")).willReturn(aResponse().withStatus(207).withBody(multistatus(
        "<d:response><d:href>/SOGo/dav/</d:href><d:propstat><d:prop><d:current-user-principal><d:href>/SOGo/dav/alice</d:href>"
            + "</d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"))));
    wm.stubFor(request("PROPFIND", urlEqualTo("/SOGo/dav/alice")).willReturn(aResponse().withStatus(207).withBody(multistatus(
        "<d:response><d:href>/SOGo/dav/alice/</d:href><d:propstat><d:prop><C:calendar-home-set xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
            + "<d:href>/SOGo/dav/alice/Calendar/</d:href></C:calendar-home-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"))));
    try (CaldavAccount a = CaldavAccount.discover(base, settings())) {
      assertThat(a.home().getPath()).isEqualTo("/SOGo/dav/alice/Calendar/");
    }
  }

  @Test
  void settings_toStringAndCredentialsFiles_hideSecrets(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    var json = dir.resolve("c.json");
    java.nio.file.Files.writeString(json, "{ \"username\": \"alice\", \"password\": \"p\\u00e4ss\\\"word\" }");
    Credentials c = CaldavSettings.readCredentials(json);
    assertThat(c).isEqualTo(Credentials.basic("alice", "päss\"word"));
    assertThat(c.toString()).doesNotContain("päss");
    assertThat(CaldavSettings.of(c).toString()).doesNotContain("päss");
    var props = dir.resolve("c.properties");
    java.nio.file.Files.writeString(props, "token = abc.def\n");
    assertThat(CaldavSettings.readCredentials(props)).isEqualTo(Credentials.bearer("abc.def"));
    assertThat(Credentials.bearer("abc.def").toString()).doesNotContain("abc");
    assertThat(CaldavSettings.credentialsFrom(java.util.Map.of("CALSYNC_USERNAME", "u", "CALSYNC_PASSWORD", "p")))
        .isEqualTo(Credentials.basic("u", "p"));
  }

  @Test
  void uriWithUserInfo_isRefused() {
    var f = new CaldavStorageFactory(settings());
    assertThatThrownBy(() -> f.open(io.calsync.provider.StorageUri.parse("caldav+https://alice:pw@h.example/x/")))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessageNotContaining("pw@");
  }

  @Test
  void factories_areRegistered() {
    var types = java.util.ServiceLoader.load(io.calsync.provider.StorageFactory.class).stream()
        .map(p -> p.get().type()).toList();
    assertThat(types).contains("caldav", "apple");
  }

  @Test
  void connectionReset_onPropfind_isRetriedOnAFreshConnection() {
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL)).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
        .willSetStateTo("ok"));
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL)).inScenario("reset").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(207).withBody(propfindCollection("t9"))));
    try (CaldavStorage s = storage(CAL, true)) {
      assertThat(s.metadata().name()).isEqualTo("cal");
    }
  }

  @Test
  void create_whoseConnectionDied_isCheckedNotBlindlyRepeated() {
    wm.stubFor(request("PUT", urlMatching(CAL + ".*\\.ics"))
        .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(request("PROPFIND", urlMatching(CAL + ".*\\.ics"))
        .willReturn(aResponse().withStatus(207).withBody(multistatus(etagResponse(CAL + "x.ics", "\"stored\"")))));
    try (CaldavStorage s = storage(CAL, true)) {
      WriteResult w = s.create(item("u9"));
      assertThat(w.etag()).isEqualTo("\"stored\"");
      assertThat(w.href()).endsWith(".ics");
    }
    wm.verify(1, RequestPatternBuilder.newRequestPattern(RequestMethod.PUT, urlMatching(CAL + ".*")));
  }

  @Test
  void ctagOnlyServer_deltaIsEmptyWhileCtagStays_elseFullListing() {
    String withCtag = multistatus("<d:response><d:href>" + CAL + "</d:href><d:propstat><d:prop>"
        + "<d:resourcetype><d:collection/><c:calendar xmlns:c=\"urn:ietf:params:xml:ns:caldav\"/></d:resourcetype>"
        + "<cs:getctag xmlns:cs=\"http://calendarserver.org/ns/\">CT1</cs:getctag></d:prop>"
        + "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");
    wm.stubFor(request("PROPFIND", urlEqualTo(CAL)).willReturn(aResponse().withStatus(207).withBody(withCtag)));
    wm.stubFor(request("REPORT", urlEqualTo(CAL)).willReturn(aResponse().withStatus(207).withBody(multistatus())));
    try (CaldavStorage s = storage(CAL, true)) {
      Listing l = s.list();
      assertThat(l.syncToken()).isEqualTo("c:CT1");
      assertThat(s.changesSince("c:CT1")).hasValueSatisfying(c -> assertThat(c.changed()).isEmpty());
      assertThat(s.changesSince("c:CT0")).isEmpty();
    }
  }

  @Test
  void appleFactory_defaultsToIcloud() {
    var f = new AppleStorageFactory(settings());
    assertThat(f.url(io.calsync.provider.StorageUri.parse("apple:icloud"))).isEqualTo(URI.create(AppleStorageFactory.ICLOUD));
    assertThat(f.url(io.calsync.provider.StorageUri.parse("apple+https://p01-caldav.icloud.com/123/calendars/work/")).getHost())
        .isEqualTo("p01-caldav.icloud.com");
  }
}
