package io.calsync.provider.caldav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import io.calsync.provider.StorageUri;
import io.calsync.provider.testkit.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * CalDAV behaviour beyond the storage contract, run against each real server by a subclass:
 * discovery, sync-token deltas after changes made by another client, token fallback, etag and
 * UID conflicts, metadata seen by a fresh discovery, wrong credentials.
 */
abstract class CaldavBehaviourTests {

  abstract ServerHarness server();

  /** A raw HTTP request as another client would send it (basic auth, no calsync code). */
  HttpResponse<String> raw(String method, URI uri, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_1_1)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (ServerHarness.USER + ":" + ServerHarness.PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    try (HttpClient c = HttpClient.newHttpClient()) {
      return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void discovery_fromServerRoot_findsHomeAndCalendars() {
    try (CaldavStorage cal = ServerContracts.newCalendar(server());
        CaldavAccount account = CaldavAccount.discover(server().root(), server().settings())) {
      assertThat(DavPaths.withSlash(account.home().getPath())).isEqualTo(server().home().getPath());
      assertThat(account.listCalendars()).extracting(CalendarMeta::id)
          .contains(DavPaths.lastSegment(cal.uri().getPath()));
    }
  }

  @Test
  void discovery_fromPrincipalUrl_findsHome() {
    URI principal = server().principal();
    try (CaldavAccount account = CaldavAccount.discover(principal, server().settings())) {
      assertThat(DavPaths.withSlash(account.home().getPath())).isEqualTo(server().home().getPath());
    }
  }

  @Test
  void factory_opensCalendarUrl_andListsWhatIsThere() {
    try (CaldavStorage cal = ServerContracts.newCalendar(server())) {
      WriteResult w = cal.create(Fixtures.simpleEvent("factory-" + UUID.randomUUID() + "@calsync.test", "F"));
      CaldavStorageFactory factory = new CaldavStorageFactory(server().settings());
      try (CalendarStorage opened = factory.open(StorageUri.parse("caldav+" + cal.uri()))) {
        assertThat(opened.list().items()).extracting(ListedItem::href).containsExactly(w.href());
        assertThat(opened.capabilities().incremental()).isTrue();
      }
    }
  }

  @Test
  void syncToken_deltaShowsChangesMadeByAnotherClient() throws Exception {
    try (CaldavStorage cal = ServerContracts.newCalendar(server())) {
      WriteResult kept = cal.create(Fixtures.simpleEvent("kept-" + UUID.randomUUID() + "@calsync.test", "Kept"));
      WriteResult dropped = cal.create(Fixtures.simpleEvent("drop-" + UUID.randomUUID() + "@calsync.test", "Drop"));
      Listing before = cal.list();
      assertThat(before.syncToken()).isNotNull();
      Thread.sleep(1100); // SOGo's tokens have one-second resolution

      String uid = "raw-" + UUID.randomUUID() + "@calsync.test";
      URI rawHref = cal.uri().resolve("raw-" + UUID.randomUUID() + ".ics");
      HttpResponse<String> put = raw("PUT", rawHref, "text/calendar; charset=utf-8", Fixtures.simpleEventText(uid, "Raw"));
      assertThat(put.statusCode()).isBetween(200, 299);
      HttpResponse<String> del = raw("DELETE", cal.uriOf(dropped.href()), null, null);
      assertThat(del.statusCode()).isBetween(200, 299);

      Optional<Changes> delta = cal.changesSince(before.syncToken());

      assertThat(delta).isPresent();
      String rawName = DavPaths.lastSegment(rawHref.getPath());
      assertThat(delta.get().changed()).extracting(ListedItem::href).contains(rawName);
      assertThat(delta.get().deletedHrefs()).contains(dropped.href());
      // "at least once": a server may re-report the kept item, but never as deleted
      assertThat(delta.get().deletedHrefs()).doesNotContain(kept.href());
      ListedItem listedRaw = cal.list().items().stream().filter(i -> i.href().equals(rawName)).findFirst().orElseThrow();
      assertThat(delta.get().changed()).contains(listedRaw);
      Fetched f = cal.get(List.of(rawName)).getFirst();
      assertThat(f).isInstanceOfSatisfying(Fetched.Found.class, x -> assertThat(x.item().uid()).isEqualTo(uid));

      Optional<Changes> none = cal.changesSince(delta.get().syncToken());
      assertThat(none).isPresent();
      // SOGo's tokens are inclusive: the last round may come again, nothing else
      assertThat(none.get().deletedHrefs()).isSubsetOf(dropped.href());
    }
  }

  @Test
  void invalidSyncToken_fallsBackToFullListing() {
    try (CaldavStorage cal = ServerContracts.newCalendar(server())) {
      cal.create(Fixtures.simpleEvent("tok-" + UUID.randomUUID() + "@calsync.test", "T"));
      assertThat(cal.changesSince("s:http://example.invalid/sync/nonsense-" + UUID.randomUUID())).isEmpty();
      assertThat(cal.changesSince("garbage")).isEmpty();
      assertThat(cal.list().items()).hasSize(1);
    }
  }

  @Test
  void staleEtag_afterChangeByAnotherClient_isEtagMismatch() throws Exception {
    try (CaldavStorage cal = ServerContracts.newCalendar(server())) {
      String uid = "stale-" + UUID.randomUUID() + "@calsync.test";
      WriteResult w = cal.create(Fixtures.simpleEvent(uid, "Mine"));
      String etag = cal.list().items().getFirst().etag();
      HttpResponse<String> put = raw("PUT", cal.uriOf(w.href()), "text/calendar; charset=utf-8",
          Fixtures.simpleEventText(uid, "Theirs, changed elsewhere"));
      assertThat(put.statusCode()).isBetween(200, 299);

      Item mine = Fixtures.simpleEvent(uid, "Mine, changed");
      assertThatThrownBy(() -> cal.update(w.href(), mine, etag)).isInstanceOf(StorageException.EtagMismatch.class);
      assertThatThrownBy(() -> cal.delete(w.href(), etag)).isInstanceOf(StorageException.EtagMismatch.class);
      Fetched f = cal.get(List.of(w.href())).getFirst();
      assertThat(((Fetched.Found) f).item().summary()).isEqualTo("Theirs, changed elsewhere");
    }
  }

  @Test
  void duplicateUid_isItemAlreadyExists() {
    try (CaldavStorage cal = ServerContracts.newCalendar(server())) {
      String uid = "dup-" + UUID.randomUUID() + "@calsync.test";
      cal.create(Fixtures.simpleEvent(uid, "One"));
      assertThatThrownBy(() -> cal.create(Fixtures.simpleEvent(uid, "Two")))
          .isInstanceOf(StorageException.ItemAlreadyExists.class);
      assertThat(cal.list().items()).hasSize(1);
    }
  }

  @Test
  void renameAndRecolor_seenByFreshDiscovery() {
    try (CaldavStorage cal = ServerContracts.newCalendar(server())) {
      cal.updateMetadata(new MetadataChange("Renamed <&> Ärger", "#FF8800", "Described", null));
      String id = DavPaths.lastSegment(cal.uri().getPath());
      try (CaldavAccount fresh = CaldavAccount.discover(server().root(), server().settings())) {
        CalendarMeta m = fresh.listCalendars().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertThat(m.name()).isEqualTo("Renamed <&> Ärger");
        assertThat(CaldavAccount.sameColor(m.color(), "#FF8800")).as(m.color()).isTrue();
        if (server().setsDescription()) {
          assertThat(m.description()).isEqualTo("Described");
        }
      }
    }
  }

  @Test
  void wrongPassword_isAccessDenied_namingUrlNotPassword() {
    CaldavSettings wrong = CaldavSettings.of(Credentials.basic(ServerHarness.USER, "wrong-Pa55word"))
        .withRetries(0, java.time.Duration.ZERO);
    assertThatThrownBy(() -> CaldavAccount.discover(server().root(), wrong))
        .isInstanceOf(StorageException.AccessDenied.class)
        .hasMessageContaining(server().root().getHost())
        .hasMessageNotContaining("wrong-Pa55word");
  }

  @Test
  void manyItems_getUsesChunkedMultigetAndQuery() {
    try (CaldavStorage cal = ServerContracts.newCalendar(server())) {
      List<String> hrefs = new java.util.ArrayList<>();
      for (int i = 0; i < 60; i++) {
        hrefs.add(cal.create(Fixtures.simpleEvent("many-" + i + "-" + UUID.randomUUID() + "@calsync.test", "M" + i)).href());
      }
      assertThat(cal.list().items()).hasSize(60);
      // most of the collection: one calendar-query with data
      assertThat(cal.get(hrefs)).hasSize(60).allMatch(f -> f instanceof Fetched.Found);
      // a few: chunked multiget, run in parallel
      try (CaldavStorage small = CaldavStorage.open(cal.uri(), server().settings().withMultigetChunk(7))) {
        assertThat(small.get(hrefs.subList(0, 30))).hasSize(30).allMatch(f -> f instanceof Fetched.Found);
      }
    }
  }
}
