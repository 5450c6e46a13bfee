package io.calsync.provider.caldav;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.Capabilities;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import io.calsync.ical.IcalCodec;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * One CalDAV calendar collection as a {@link CalendarStorage}.
 *
 * <p>Hrefs are the decoded member names inside the collection ({@code 6f1c….ics}); an item
 * that a server keeps outside the collection path is named by its decoded absolute path.
 * Listing uses {@code calendar-query} (only {@code getetag}), deltas use {@code sync-collection}
 * (RFC 6578) or, on servers without it, the ctag; items are fetched with {@code
 * calendar-multiget} in parallel chunks. Writes are conditional ({@code If-None-Match: *} on a
 * fresh {@code <uuid>.ics}, {@code If-Match} on update and delete). See the module README for the
 * server quirks handled here.
 *
 * <p>{@link #get} runs its requests concurrently, and {@link #create}, {@link #update} and {@link
 * #delete} may be called from several threads at once ({@link #writeConcurrency()}): all share
 * the client's limit of {@link CaldavSettings#maxConcurrentRequests()} requests in flight.
 */
public final class CaldavStorage implements CalendarStorage {

  private static final Logger LOG = Logger.getLogger(CaldavStorage.class.getName());
  private static final String SYNC_PREFIX = "s:";
  private static final String CTAG_PREFIX = "c:";
  private static final int MAX_SYNC_ROUNDS = 20;

  private final DavClient client;
  private final URI uri;
  private final String collectionPath;
  private final String id;
  private volatile CollectionInfo info;
  /**
   * When {@link #info} was read from the server, in {@link System#nanoTime()}; 0 when unknown or
   * once this storage wrote something. A sync run reads the collection's properties (metadata, sync token) right
   * after opening it, and the PROPFIND that found the calendar already holds them: reusing a read
   * that young saves a round trip per run (Radicale takes 100 ms and more per request on a large
   * collection) without reading the token any later than the listing that follows it.
   */
  private volatile long infoReadAt;
  private volatile boolean weakConditionals;
  private volatile int lastListingSize = -1;

  CaldavStorage(DavClient client, CollectionInfo info, String id, boolean weakConditionals) {
    this.client = client;
    this.uri = DavPaths.asCollection(info.uri());
    this.collectionPath = DavPaths.withSlash(DavPaths.decodedPath(uri, uri.getRawPath()));
    this.id = id;
    this.info = info;
    this.weakConditionals = weakConditionals || looksLikeSogo(uri);
  }

  /**
   * A storage over {@code info} that was read from the server just now (by discovery or a
   * probe): the first reads of metadata and sync token reuse it instead of asking again.
   */
  static CaldavStorage justRead(DavClient client, CollectionInfo info, String id, boolean weakConditionals) {
    CaldavStorage storage = new CaldavStorage(client, info, id, weakConditionals);
    storage.infoReadAt = System.nanoTime();
    return storage;
  }

  /** How long a read of the collection's properties is reused, if nothing was written since. */
  private static final long INFO_REUSE_NANOS = 2_000_000_000L;

  /**
   * Opens the calendar collection at {@code url} (no discovery: the URL must be a calendar).
   *
   * @throws StorageException.ItemNotFound when nothing is there, InvalidConfiguration when it is
   *     not a calendar
   */
  public static CaldavStorage open(URI url, CaldavSettings settings) {
    DavClient client = new DavClient(settings, url);
    try {
      URI collection = DavPaths.asCollection(url);
      Probe p = probe(client, collection);
      if (p.info() == null) {
        throw new StorageException.ItemNotFound("no calendar at " + DavClient.safe(collection));
      }
      if (!p.info().calendar()) {
        throw new StorageException.InvalidConfiguration(
            DavClient.safe(collection) + " is not a CalDAV calendar collection");
      }
      return justRead(client, p.info(), DavPaths.lastSegment(collection.getPath()), p.sogo());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** The result of a PROPFIND depth 0 on a collection; info is null on 404. */
  record Probe(CollectionInfo info, boolean sogo) {}

  static Probe probe(DavClient client, URI collection) {
    return probe(client, collection, CollectionInfo.PROPFIND);
  }

  /** A PROPFIND depth 0 on the collection asking {@code body}'s properties. */
  static Probe probe(DavClient client, URI collection, String body) {
    return client.execute(
        DavClient.Request.of("PROPFIND", collection).depth("0").xml(body),
        resp -> {
          boolean sogo = resp.header("Server").map(s -> s.contains("SOGo")).orElse(false)
              || looksLikeSogo(resp.uri());
          if (resp.status() == 404 || resp.status() == 410) return new Probe(null, sogo);
          if (resp.status() != 207) {
            throw DavClient.error("PROPFIND", resp.uri(), resp.status(), resp.text(2000));
          }
          List<DavXml.Response> rs = new ArrayList<>();
          DavXml.parseMultistatus(resp.body(), rs::add);
          URI at = DavPaths.asCollection(resp.uri());
          for (DavXml.Response r : rs) {
            if (r.href() == null || DavPaths.samePath(DavPaths.decodedPath(at, r.href()), DavPaths.decodedPath(at, at.getRawPath()))) {
              return new Probe(r.isMissing() ? null : CollectionInfo.from(at, r), sogo);
            }
          }
          if (rs.size() == 1) {
            DavXml.Response r = rs.getFirst();
            return new Probe(r.isMissing() ? null : CollectionInfo.from(at, r), sogo);
          }
          if (rs.isEmpty()) return new Probe(null, sogo);
          throw new StorageException.Malformed(
              "PROPFIND " + DavClient.safe(at) + ": no response for the collection itself", null);
        });
  }

  private static boolean looksLikeSogo(URI u) {
    String p = u.getRawPath();
    return p != null && p.contains("/SOGo/dav/");
  }

  /** The collection URL. */
  public URI uri() {
    return uri;
  }

  @Override
  public String location() {
    return "caldav:" + DavClient.safe(uri);
  }

  /**
   * Incremental always: whether the server has a sync token or a ctag shows in the token {@link
   * #list()} returns (null when it has neither, and then {@link #changesSince} is never asked), so
   * the properties read at opening need not include them (see {@link CollectionInfo#PROPS}).
   */
  @Override
  public Capabilities capabilities() {
    CollectionInfo i = info;
    return new Capabilities(!i.writable(), i.propsWritable(), true);
  }

  /** As many writes at once as the client has connections: SOGo and Nextcloud serve them in parallel. */
  @Override
  public int writeConcurrency() {
    return client.settings().maxConcurrentRequests();
  }

  @Override
  public CalendarMeta metadata() {
    return current().meta(id);
  }

  /** The collection's properties: the last read if it is young and nothing was written since. */
  private CollectionInfo current() {
    long readAt = infoReadAt;
    if (readAt != 0 && System.nanoTime() - readAt < INFO_REUSE_NANOS) {
      return info;
    }
    return refresh();
  }

  private CollectionInfo refresh() {
    Probe p = probe(client, uri);
    if (p.info() == null) throw new StorageException.ItemNotFound("calendar " + DavClient.safe(uri) + " is gone");
    if (p.sogo()) weakConditionals = true;
    info = p.info();
    infoReadAt = System.nanoTime();
    return info;
  }

  /** Called before every write: later reads of the properties must go to the server. */
  private void wrote() {
    infoReadAt = 0;
  }

  // ------------------------------------------------------------------ listing

  private static final String QUERY_ETAGS =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
          + "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
          + "<d:prop><d:getetag/></d:prop>"
          + "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\"/></c:comp-filter></c:filter>"
          + "</c:calendar-query>";

  private static final String QUERY_DATA =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
          + "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
          + "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
          + "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\"/></c:comp-filter></c:filter>"
          + "</c:calendar-query>";

  private static final String PROPFIND_ETAGS =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
          + "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>";

  @Override
  public Listing list() {
    // the token is read before the listing: a change in between shows up again in the next delta
    String token = currentToken();
    Map<String, String> items = new LinkedHashMap<>();
    boolean[] complete = {true};
    boolean ok = client.execute(
        DavClient.Request.of("REPORT", uri).depth("1").xml(QUERY_ETAGS),
        resp -> {
          if (resp.status() != 207) {
            if (resp.status() == 401 || resp.status() == 404) {
              throw DavClient.error("REPORT", resp.uri(), resp.status(), resp.text(2000));
            }
            return false;
          }
          items.clear();
          complete[0] = true;
          DavXml.parseMultistatus(resp.body(), r -> collectEtag(r, items, complete));
          return true;
        });
    if (!ok) {
      // a server without calendar-query: the slower PROPFIND depth 1
      client.execute(
          DavClient.Request.of("PROPFIND", uri).depth("1").xml(PROPFIND_ETAGS),
          resp -> {
            if (resp.status() != 207) {
              throw DavClient.error("PROPFIND", resp.uri(), resp.status(), resp.text(2000));
            }
            items.clear();
            complete[0] = true;
            DavXml.parseMultistatus(resp.body(), r -> {
              DavXml.Prop rt = r.prop(DavXml.RESOURCETYPE);
              if (rt != null && rt.descendants().contains("{DAV:}collection")) return;
              collectEtag(r, items, complete);
            });
            return null;
          });
    }
    lastListingSize = items.size();
    List<ListedItem> listed = new ArrayList<>(items.size());
    items.forEach((h, e) -> listed.add(new ListedItem(h, e)));
    return new Listing(listed, complete[0], token);
  }

  private void collectEtag(DavXml.Response r, Map<String, String> into, boolean[] complete) {
    if (r.href() == null) return;
    String href = hrefOf(r.href());
    if (href == null || href.endsWith("/")) return;
    if (r.isMissing()) return;
    String etag = r.text(DavXml.GETETAG);
    if (etag == null) {
      LOG.fine(() -> location() + ": " + href + " listed without an etag");
      complete[0] = false;
      return;
    }
    into.put(href, etag);
  }

  /** The collection's version now (one PROPFIND depth 0 of its sync token and ctag), or null. */
  private String currentToken() {
    Probe p = probe(client, uri, CollectionInfo.TOKEN_PROPFIND);
    if (p.info() == null) throw new StorageException.ItemNotFound("calendar " + DavClient.safe(uri) + " is gone");
    return tokenOf(p.info());
  }

  private static String tokenOf(CollectionInfo i) {
    if (i.syncToken() != null) return SYNC_PREFIX + i.syncToken();
    if (i.ctag() != null) return CTAG_PREFIX + i.ctag();
    return null;
  }

  @Override
  public Optional<Changes> changesSince(String syncToken) {
    if (syncToken == null) return Optional.empty();
    if (syncToken.startsWith(CTAG_PREFIX)) {
      String now = currentToken();
      if (syncToken.equals(now)) return Optional.of(new Changes(List.of(), List.of(), syncToken));
      return Optional.empty();
    }
    if (!syncToken.startsWith(SYNC_PREFIX)) return Optional.empty();
    String token = syncToken.substring(SYNC_PREFIX.length());
    if (weakConditionals && !token.matches("-?\\d{1,19}")) {
      // SOGo answers an unknown token with everything and no deletions: never send it one
      return Optional.empty();
    }
    if (weakConditionals && token.matches("\\d{1,18}") && Long.parseLong(token) > 0) {
      // SOGo's token is a Unix second and its delta holds what changed *after* it: a write in the
      // token's own second (a sync, then at once another client's PUT) would never be reported.
      // Ask from one second earlier; deltas are "at least once" anyway (etags are compared).
      token = String.valueOf(Long.parseLong(token) - 1);
    }
    Map<String, String> changed = new LinkedHashMap<>();
    Set<String> deleted = new LinkedHashSet<>();
    List<String> needEtag = new ArrayList<>();
    for (int round = 0; round < MAX_SYNC_ROUNDS; round++) {
      SyncRound r;
      try {
        r = syncRound(token, changed, deleted, needEtag);
      } catch (StorageException.Malformed e) {
        LOG.info(() -> location() + ": sync-collection answer unusable, full listing instead: " + e.getMessage());
        return Optional.empty();
      }
      if (r == null || r.token() == null) return Optional.empty();
      boolean progressed = !r.token().equals(token);
      token = r.token();
      if (!r.truncated() || !progressed) break;
    }
    for (String href : needEtag) {
      Optional<String> etag = currentEtag(href);
      if (etag.isPresent()) {
        changed.put(href, etag.get());
        deleted.remove(href);
      } else {
        changed.remove(href);
        deleted.add(href);
      }
    }
    List<ListedItem> items = new ArrayList<>();
    changed.forEach((h, e) -> items.add(new ListedItem(h, e)));
    return Optional.of(new Changes(items, List.copyOf(deleted), SYNC_PREFIX + token));
  }

  private record SyncRound(String token, boolean truncated) {}

  private SyncRound syncRound(
      String token, Map<String, String> changed, Set<String> deleted, List<String> needEtag) {
    String body =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>" + DavXml.escape(token)
            + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
            + "</d:sync-collection>";
    return client.execute(
        DavClient.Request.of("REPORT", uri).depth("0").xml(body).noServerErrorRetry(),
        resp -> {
          int st = resp.status();
          if (st == 401) throw DavClient.error("REPORT", resp.uri(), st, resp.text(2000));
          if (st == 503 || st == 502 || st == 504 || st == 429) {
            throw DavClient.error("REPORT", resp.uri(), st, resp.text(2000));
          }
          if (st != 207) {
            // 403/409 valid-sync-token (Radicale), 500 (Xandikos), 400, 501…: start over
            String text = resp.text(2000);
            LOG.info(() -> location() + ": sync token refused (" + st + " "
                + DavXml.errorConditions(text) + "), full listing instead");
            return null;
          }
          boolean[] truncated = {false};
          DavXml.Tail tail = DavXml.parseMultistatus(resp.body(), r -> {
            if (r.href() == null) return;
            String href = hrefOf(r.href());
            if (href == null) {
              if (r.status() == 507) truncated[0] = true;
              return;
            }
            if (href.endsWith("/")) return;
            if (r.isMissing()) {
              changed.remove(href);
              deleted.add(href);
              return;
            }
            String etag = r.text(DavXml.GETETAG);
            deleted.remove(href);
            if (etag != null) {
              changed.put(href, etag);
            } else {
              needEtag.add(href);
            }
          });
          return new SyncRound(tail.syncToken(), truncated[0]);
        });
  }

  // ------------------------------------------------------------------ get

  @Override
  public List<Fetched> get(Collection<String> hrefs) {
    Set<String> wanted = new LinkedHashSet<>(hrefs);
    if (wanted.isEmpty()) return List.of();
    Map<String, Fetched> out = new ConcurrentHashMap<>();
    int known = lastListingSize;
    if (wanted.size() >= 50 && known > 0 && wanted.size() * 2 >= known) {
      // most of the collection: one calendar-query with data beats per-href multiget lookups
      queryAll(wanted, out);
    }
    List<String> rest = wanted.stream().filter(h -> !out.containsKey(h)).toList();
    int chunk = client.settings().multigetChunk();
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < rest.size(); i += chunk) {
      chunks.add(rest.subList(i, Math.min(rest.size(), i + chunk)));
    }
    if (chunks.size() == 1) {
      multiget(chunks.getFirst(), out);
    } else if (!chunks.isEmpty()) {
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> futures = new ArrayList<>();
        for (List<String> c : chunks) futures.add(pool.submit(() -> multiget(c, out)));
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new StorageException.Unavailable(location() + ": multiget failed", e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException.Unavailable(location() + ": interrupted", e);
          }
        }
      }
    }
    List<Fetched> answers = new ArrayList<>(wanted.size());
    for (String h : wanted) answers.add(out.getOrDefault(h, new Fetched.Missing(h)));
    return answers;
  }

  private void multiget(List<String> hrefs, Map<String, Fetched> out) {
    StringBuilder body = new StringBuilder(256 + hrefs.size() * 96);
    body.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .append("<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">")
        .append("<d:prop><d:getetag/><c:calendar-data/></d:prop>");
    Set<String> asked = new LinkedHashSet<>(hrefs);
    for (String h : hrefs) {
      body.append("<d:href>").append(DavXml.escape(uriOf(h).getRawPath())).append("</d:href>");
    }
    body.append("</c:calendar-multiget>");
    client.execute(
        DavClient.Request.of("REPORT", uri).depth("1").xml(body.toString()),
        resp -> {
          if (resp.status() != 207) {
            throw DavClient.error("REPORT calendar-multiget", resp.uri(), resp.status(), resp.text(2000));
          }
          DavXml.parseMultistatus(resp.body(), r -> {
            if (r.href() == null) return;
            String href = hrefOf(r.href());
            if (href == null || !asked.contains(href)) return;
            out.put(href, answer(href, r));
          });
          return null;
        });
  }

  private void queryAll(Set<String> wanted, Map<String, Fetched> out) {
    client.execute(
        DavClient.Request.of("REPORT", uri).depth("1").xml(QUERY_DATA),
        resp -> {
          if (resp.status() != 207) return null; // multiget will do
          DavXml.parseMultistatus(resp.body(), r -> {
            if (r.href() == null) return;
            String href = hrefOf(r.href());
            if (href == null || !wanted.contains(href) || r.isMissing()) return;
            if (r.text(DavXml.CALENDAR_DATA) == null) return; // let multiget ask again
            out.put(href, answer(href, r));
          });
          return null;
        });
  }

  private Fetched answer(String href, DavXml.Response r) {
    if (r.isMissing()) return new Fetched.Missing(href);
    String etag = r.text(DavXml.GETETAG);
    DavXml.Prop data = r.prop(DavXml.CALENDAR_DATA);
    if (data == null || data.text().isEmpty()) {
      if (r.props().isEmpty() && r.status() >= 400) return new Fetched.Missing(href);
      return new Fetched.Unreadable(href, etag, "server sent no calendar-data for " + href);
    }
    try {
      Item item = IcalCodec.parseItem(data.text(), location() + "/" + href);
      if (etag == null) {
        return new Fetched.Unreadable(href, null, "server sent no etag for " + href);
      }
      return new Fetched.Found(href, etag, item);
    } catch (RuntimeException e) {
      return new Fetched.Unreadable(href, etag, String.valueOf(e.getMessage()));
    }
  }

  // ------------------------------------------------------------------ writes

  @Override
  public WriteResult create(Item item) {
    requireWritable("create");
    // a fresh name, never one derived from the UID: SOGo ignores If-None-Match and would overwrite
    String href = UUID.randomUUID() + ".ics";
    URI target = uriOf(href);
    DavClient.Request req =
        DavClient.Request.of("PUT", target).header("If-None-Match", "*").ics(item.text());
    wrote();
    for (int attempt = 0; ; attempt++) {
      try {
        return client.executeOrLose(req, resp -> {
          int st = resp.status();
          if (st >= 200 && st < 300 && st != 207) return written(href, resp);
          String text = resp.text(16 * 1024);
          if (st == 207) {
            // Xandikos: 207 with an inner 412 no-uid-conflict, nothing stored
            List<DavXml.Response> inner = new ArrayList<>();
            try {
              DavXml.parseMultistatus(text, inner::add);
            } catch (javax.xml.stream.XMLStreamException e) {
              throw new StorageException.Malformed("PUT " + DavClient.safe(target) + " answered 207 with malformed XML", e);
            }
            boolean uidConflict = inner.stream().anyMatch(r -> r.errors().stream().anyMatch(x -> x.contains("no-uid-conflict")));
            boolean failed = inner.stream().anyMatch(r -> r.status() >= 300);
            if (uidConflict || (failed && inner.stream().anyMatch(r -> r.status() == 412 || r.status() == 409))) {
              throw alreadyExists(item, text);
            }
            if (failed) {
              throw new StorageException.ItemRejected("PUT " + DavClient.safe(target) + " refused: " + DavXml.errorConditions(text), null);
            }
            return written(href, resp);
          }
          if (st == 409 || st == 412 || (st == 403 && text.contains("no-uid-conflict"))) {
            throw alreadyExists(item, text);
          }
          throw DavClient.error("PUT", resp.uri(), st, text);
        });
      } catch (DavClient.ConnectionLost lost) {
        // did it happen? the href is ours alone, so its existence answers that
        Optional<String> etag = currentEtag(href);
        if (etag.isPresent()) return new WriteResult(href, etag.get());
        if (attempt >= client.settings().maxRetries()) {
          throw new StorageException.Unavailable(lost.getMessage(), lost.getCause());
        }
      }
    }
  }

  private StorageException alreadyExists(Item item, String body) {
    return new StorageException.ItemAlreadyExists(
        location() + ": an item with UID " + item.uid() + " exists already"
            + (body.contains("no-uid-conflict") ? " (no-uid-conflict)" : ""));
  }

  private WriteResult written(String href, DavClient.Received resp) {
    String finalHref = href;
    Optional<String> location = resp.header("Location");
    if (location.isPresent()) {
      String h = hrefOf(location.get());
      if (h != null && !h.endsWith("/")) finalHref = h;
    }
    String etag = resp.header("ETag").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    if (etag != null && etag.startsWith("W/")) etag = null; // weak: not the version we can If-Match
    return new WriteResult(finalHref, etag);
  }

  @Override
  public WriteResult update(String href, Item item, String ifMatch) {
    requireWritable("update");
    if (weakConditionals) {
      // SOGo answers If-Match on a deleted href by creating it again: look first
      requireEtag(href, ifMatch);
    }
    URI target = uriOf(href);
    wrote();
    DavClient.Request req = DavClient.Request.of("PUT", target).header("If-Match", ifMatch).ics(item.text());
    for (int attempt = 0; ; attempt++) {
      try {
        return client.executeOrLose(req, resp -> {
          int st = resp.status();
          if (st >= 200 && st < 300 && st != 207) return written(href, resp);
          String text = resp.text(16 * 1024);
          if (st == 412) throw mismatchOrGone(href, "update");
          if (st == 404 || st == 410) throw new StorageException.ItemNotFound(location() + ": nothing at " + href);
          if (st == 409 || st == 207 || (st == 403 && text.contains("no-uid-conflict"))) {
            if (text.contains("uid") || text.contains("UID")) throw alreadyExists(item, text);
          }
          if (st == 207) {
            throw new StorageException.ItemRejected("PUT " + DavClient.safe(target) + " refused: " + DavXml.errorConditions(text), null);
          }
          throw DavClient.error("PUT", resp.uri(), st, text);
        });
      } catch (DavClient.ConnectionLost lost) {
        // did it happen? look before trying again: never a blind overwrite
        Optional<String> now = currentEtag(href);
        if (now.isEmpty()) throw new StorageException.ItemNotFound(location() + ": nothing at " + href);
        if (!now.get().equals(ifMatch)) {
          Fetched f = get(List.of(href)).getFirst();
          if (f instanceof Fetched.Found found && found.item().hash().equals(item.hash())) {
            return new WriteResult(href, found.etag());
          }
          throw new StorageException.EtagMismatch(location() + ": " + href + " changed while the update was in flight");
        }
        if (attempt >= client.settings().maxRetries()) {
          throw new StorageException.Unavailable(lost.getMessage(), lost.getCause());
        }
      }
    }
  }

  /**
   * Checks the server's current etag of {@code href} before a write, for servers that do not
   * honour If-Match themselves.
   */
  private void requireEtag(String href, String ifMatch) {
    Optional<String> now = currentEtag(href);
    if (now.isEmpty()) throw new StorageException.ItemNotFound(location() + ": nothing at " + href);
    if (!now.get().equals(ifMatch)) {
      throw new StorageException.EtagMismatch(location() + ": " + href + " has etag " + now.get() + ", not " + ifMatch);
    }
  }

  @Override
  public void delete(String href, String ifMatch) {
    requireWritable("delete");
    if (weakConditionals) {
      // SOGo deletes whatever the If-Match says: look first
      requireEtag(href, ifMatch);
    }
    URI target = uriOf(href);
    wrote();
    DavClient.Request req = DavClient.Request.of("DELETE", target).header("If-Match", ifMatch);
    for (int attempt = 0; ; attempt++) {
      try {
        client.executeOrLose(req, resp -> {
          int st = resp.status();
          if (st >= 200 && st < 300) return null;
          String text = resp.text(4096);
          if (st == 404 || st == 410) throw new StorageException.ItemNotFound(location() + ": nothing at " + href);
          if (st == 412) throw mismatchOrGone(href, "delete");
          throw DavClient.error("DELETE", resp.uri(), st, text);
        });
        return;
      } catch (DavClient.ConnectionLost lost) {
        Optional<String> now = currentEtag(href);
        if (now.isEmpty()) return; // gone: our delete (or someone's) happened
        if (!now.get().equals(ifMatch)) {
          throw new StorageException.EtagMismatch(location() + ": " + href + " changed while the delete was in flight");
        }
        if (attempt >= client.settings().maxRetries()) {
          throw new StorageException.Unavailable(lost.getMessage(), lost.getCause());
        }
      }
    }
  }

  private StorageException mismatchOrGone(String href, String what) {
    Optional<String> now = currentEtag(href);
    if (now.isEmpty()) return new StorageException.ItemNotFound(location() + ": nothing at " + href);
    return new StorageException.EtagMismatch(location() + ": " + what + " of " + href + " refused, the item changed (412)");
  }

  /** The current etag of one item (PROPFIND depth 0), or empty when nothing is there. */
  Optional<String> currentEtag(String href) {
    URI target = uriOf(href);
    return client.execute(
        DavClient.Request.of("PROPFIND", target).depth("0")
            .xml("<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>"),
        resp -> {
          if (resp.status() == 404 || resp.status() == 410) return Optional.<String>empty();
          if (resp.status() != 207) throw DavClient.error("PROPFIND", resp.uri(), resp.status(), resp.text(2000));
          List<DavXml.Response> rs = new ArrayList<>();
          DavXml.parseMultistatus(resp.body(), rs::add);
          for (DavXml.Response r : rs) {
            if (r.isMissing()) continue;
            String e = r.text(DavXml.GETETAG);
            if (e != null) return Optional.of(e);
          }
          return Optional.<String>empty();
        });
  }

  private void requireWritable(String what) {
    if (info.writable()) return;
    throw new StorageException.AccessDenied(location() + " is read-only for this user: " + what + " refused", null);
  }

  // ------------------------------------------------------------------ metadata

  @Override
  public void updateMetadata(MetadataChange change) {
    if (!info.propsWritable()) {
      throw new StorageException.NotSupported(location() + ": the properties of this calendar are read-only for this user");
    }
    if (change.isEmpty()) return;
    wrote();
    proppatch(client, uri, change);
    info = refresh();
  }

  /**
   * Sets the changed properties. PROPPATCH is all or nothing, so when the server refuses some
   * properties (Xandikos cannot set {@code calendar-description}) the others are sent again on
   * their own. Refused name or colour is an error; a refused description or time zone is logged.
   */
  static void proppatch(DavClient client, URI collection, MetadataChange change) {
    MetadataChange todo = change;
    for (int round = 0; round < 3 && !todo.isEmpty(); round++) {
      List<String> refused = new ArrayList<>(proppatchOnce(client, collection, todo));
      if (refused.isEmpty()) return;
      if (refused.contains(REFUSED_SOME)) {
        // the server refused the whole request without saying which property (SOGo: 403): one by one
        refused.clear();
        for (MetadataChange one : List.of(
            new MetadataChange(todo.name(), null, null, null), new MetadataChange(null, todo.color(), null, null),
            new MetadataChange(null, null, todo.description(), null), new MetadataChange(null, null, null, todo.timeZone()))) {
          if (!one.isEmpty()) refused.addAll(proppatchOnce(client, collection, one));
        }
      }
      if (refused.contains(DavXml.CALENDAR_COLOR) && todo.color() != null && todo.color().matches("#[0-9A-Fa-f]{6}")) {
        // SOGo accepts only #RRGGBBAA
        List<String> again = proppatchOnce(client, collection, new MetadataChange(null, todo.color() + "FF", null, null));
        if (again.isEmpty()) refused.remove(DavXml.CALENDAR_COLOR);
      }
      if (refused.isEmpty()) return;
      MetadataChange rest = new MetadataChange(
          refused.contains(DavXml.DISPLAYNAME) ? null : todo.name(),
          refused.contains(DavXml.CALENDAR_COLOR) ? null : todo.color(),
          refused.contains(DavXml.CALENDAR_DESCRIPTION) ? null : todo.description(),
          refused.contains(DavXml.CALENDAR_TIMEZONE) ? null : todo.timeZone());
      List<String> names = refused.stream().map(n -> n.substring(n.indexOf('}') + 1)).toList();
      if (refused.contains(DavXml.DISPLAYNAME) || refused.contains(DavXml.CALENDAR_COLOR)) {
        throw new StorageException.ItemRejected(
            "PROPPATCH " + DavClient.safe(collection) + ": the server refused to set " + names, null);
      }
      LOG.warning(() -> "PROPPATCH " + DavClient.safe(collection) + ": the server cannot set " + names + "; left as is");
      todo = rest;
    }
  }

  private static final String REFUSED_SOME = "?";

  /** One PROPPATCH; returns the properties the server refused (empty when all were set). */
  private static List<String> proppatchOnce(DavClient client, URI collection, MetadataChange change) {
    StringBuilder set = new StringBuilder();
    StringBuilder remove = new StringBuilder();
    List<String> asked = new ArrayList<>();
    if (change.name() != null) {
      set.append("<d:displayname>").append(DavXml.escape(change.name())).append("</d:displayname>");
      asked.add(DavXml.DISPLAYNAME);
    }
    if (change.color() != null) {
      if (change.color().isEmpty()) remove.append("<a:calendar-color/>");
      else set.append("<a:calendar-color>").append(DavXml.escape(change.color())).append("</a:calendar-color>");
      asked.add(DavXml.CALENDAR_COLOR);
    }
    if (change.description() != null) {
      if (change.description().isEmpty()) remove.append("<c:calendar-description/>");
      else set.append("<c:calendar-description>").append(DavXml.escape(change.description())).append("</c:calendar-description>");
      asked.add(DavXml.CALENDAR_DESCRIPTION);
    }
    if (change.timeZone() != null && !change.timeZone().isEmpty()) {
      String vtz = TimeZones.vcalendarWith(change.timeZone());
      if (vtz != null) {
        set.append("<c:calendar-timezone>").append(DavXml.escape(vtz)).append("</c:calendar-timezone>");
        asked.add(DavXml.CALENDAR_TIMEZONE);
      }
    }
    if (asked.isEmpty()) return List.of();
    String body =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propertyupdate xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\""
            + " xmlns:a=\"http://apple.com/ns/ical/\">"
            + (set.isEmpty() ? "" : "<d:set><d:prop>" + set + "</d:prop></d:set>")
            + (remove.isEmpty() ? "" : "<d:remove><d:prop>" + remove + "</d:prop></d:remove>")
            + "</d:propertyupdate>";
    return client.execute(
        DavClient.Request.of("PROPPATCH", collection).xml(body).asReplayable(),
        resp -> {
          int st = resp.status();
          if (st == 200 || st == 204) return List.<String>of();
          if ((st == 400 || st == 403 || st == 409 || st == 422) && asked.size() == 1) return List.copyOf(asked);
          if (st == 400 || st == 403 || st == 409 || st == 422) return List.of(REFUSED_SOME);
          if (st != 207) throw DavClient.error("PROPPATCH", resp.uri(), st, resp.text(2000));
          List<DavXml.Response> rs = new ArrayList<>();
          DavXml.parseMultistatus(resp.body(), rs::add);
          List<String> refused = new ArrayList<>();
          for (DavXml.Response r : rs) {
            r.failed().forEach((name, status) -> {
              if (status != 424 && asked.contains(name)) refused.add(name);
            });
          }
          return refused;
        });
  }

  // ------------------------------------------------------------------ hrefs

  /** Our href for a server href: the member name, or the decoded path; null for the collection. */
  String hrefOf(String serverHref) {
    String p = DavPaths.decodedPath(uri, serverHref);
    if (DavPaths.samePath(p, collectionPath)) return null;
    if (p.startsWith(collectionPath)) {
      String rest = p.substring(collectionPath.length());
      if (!rest.isEmpty() && (rest.indexOf('/') < 0 || rest.indexOf('/') == rest.length() - 1)) return rest;
    }
    return p;
  }

  /** The URL of one of our hrefs. */
  URI uriOf(String href) {
    if (href.startsWith("/")) return DavPaths.onServer(uri, href);
    return uri.resolve(DavPaths.encodeSegment(href));
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return location();
  }
}
