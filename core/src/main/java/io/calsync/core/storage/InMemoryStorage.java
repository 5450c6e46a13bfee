package io.calsync.core.storage;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A real {@link CalendarStorage} in memory, for tests, demos and the contract suite.
 *
 * <ul>
 *   <li>Hrefs are derived from the UID ({@code <uid>.ics}, unsafe characters replaced by {@code
 *       _}); etags are a counter, new on every write.
 *   <li>Writes honour {@code ifMatch} ({@code null} means "whatever is there"); creating a UID
 *       that exists throws {@link StorageException.ItemAlreadyExists}.
 *   <li>{@link #readOnly(boolean)} refuses item writes with {@link StorageException.NotSupported}
 *       and reports read-only capabilities.
 *   <li>{@link #metadataReadOnly(boolean)} refuses only {@link #updateMetadata}.
 *   <li>{@link #window(Predicate)} makes {@link #list()} return only the items in the window,
 *       marked incomplete, as a storage that lists a date range does.
 *   <li>{@link #incremental(boolean)} enables {@link #changesSince(String)} with tokens {@code
 *       v<n>}.
 * </ul>
 *
 * <p>The {@code put}/{@code remove}/{@code setMetadata} methods change the calendar as a user would (no etag check,
 * allowed when read-only) and are not counted in {@link #writeCount()}.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class InMemoryStorage implements CalendarStorage {

  private record Entry(String href, String etag, Item item) {}

  private record Change(long version, String href) {}

  private final String location;
  private final TreeMap<String, Entry> byHref = new TreeMap<>();
  private final List<Change> log = new ArrayList<>();
  private CalendarMeta meta;
  private long etagCounter;
  private long version;
  private int writeCount;
  private int metadataWriteCount;
  private boolean readOnly;
  private boolean metadataReadOnly;
  private boolean incremental;
  private Predicate<Item> window;
  private int writeConcurrency = 1;

  /** An empty, writable calendar with id and name {@code name}. */
  public InMemoryStorage(String name) {
    this.location = "memory:" + Objects.requireNonNull(name, "name");
    this.meta = CalendarMeta.named(name, name);
  }

  /** Makes item writes fail (and capabilities say read-only); returns this. */
  public synchronized InMemoryStorage readOnly(boolean readOnly) {
    this.readOnly = readOnly;
    return this;
  }

  /**
   * Makes {@link #updateMetadata} fail (and capabilities say metadata is not writable) while items
   * stay writable, as a CalDAV calendar whose properties the user may not change; returns this.
   */
  public synchronized InMemoryStorage metadataReadOnly(boolean metadataReadOnly) {
    this.metadataReadOnly = metadataReadOnly;
    return this;
  }

  /** Lists only items matching {@code inWindow}, as an incomplete listing; null lists all. */
  public synchronized InMemoryStorage window(Predicate<Item> inWindow) {
    this.window = inWindow;
    return this;
  }

  /** Turns {@link #changesSince} on or off; returns this. */
  public synchronized InMemoryStorage incremental(boolean incremental) {
    this.incremental = incremental;
    return this;
  }

  /**
   * Lets the engine have this many writes in flight at once (every method is synchronized, so
   * they still happen one after the other, in whichever order the threads arrive); returns this.
   */
  public synchronized InMemoryStorage writeConcurrency(int n) {
    this.writeConcurrency = n;
    return this;
  }

  @Override
  public synchronized int writeConcurrency() {
    return writeConcurrency;
  }

  // ---- CalendarStorage ---------------------------------------------------------------------

  @Override
  public String location() {
    return location;
  }

  @Override
  public synchronized Capabilities capabilities() {
    return new Capabilities(readOnly, !readOnly && !metadataReadOnly, incremental);
  }

  @Override
  public synchronized CalendarMeta metadata() {
    return new CalendarMeta(
        meta.id(), meta.name(), meta.color(), meta.description(), meta.timeZone(), readOnly);
  }

  @Override
  public synchronized Listing list() {
    List<ListedItem> items = new ArrayList<>();
    for (Entry e : byHref.values()) {
      if (window == null || window.test(e.item())) {
        items.add(new ListedItem(e.href(), e.etag()));
      }
    }
    return new Listing(items, window == null, incremental ? token() : null);
  }

  /** Changes since a token of this storage; empty when the token is unknown or a window is set. */
  @Override
  public synchronized Optional<Changes> changesSince(String syncToken) {
    if (!incremental || window != null || syncToken == null || !syncToken.startsWith("v")) {
      return Optional.empty();
    }
    long since;
    try {
      since = Long.parseLong(syncToken.substring(1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (since < 0 || since > version) {
      return Optional.empty();
    }
    LinkedHashSet<String> touched = new LinkedHashSet<>();
    for (Change c : log) {
      if (c.version() > since) {
        touched.add(c.href());
      }
    }
    List<ListedItem> changed = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (String href : touched) {
      Entry e = byHref.get(href);
      if (e == null) {
        deleted.add(href);
      } else {
        changed.add(new ListedItem(href, e.etag()));
      }
    }
    return Optional.of(new Changes(changed, deleted, token()));
  }

  @Override
  public synchronized List<Fetched> get(Collection<String> hrefs) {
    List<Fetched> answers = new ArrayList<>();
    for (String href : new LinkedHashSet<>(hrefs)) {
      Entry e = byHref.get(href);
      answers.add(e == null ? new Fetched.Missing(href) : new Fetched.Found(href, e.etag(), e.item()));
    }
    return answers;
  }

  @Override
  public synchronized WriteResult create(Item item) {
    checkWritable();
    if (hrefOf(item.uid()).isPresent()) {
      throw new StorageException.ItemAlreadyExists(
          location + ": an item with UID " + item.uid() + " exists already");
    }
    writeCount++;
    return store(freeHref(item.uid()), item);
  }

  @Override
  public synchronized WriteResult update(String href, Item item, String ifMatch) {
    checkWritable();
    checkEtag(href, ifMatch);
    writeCount++;
    return store(href, item);
  }

  @Override
  public synchronized void delete(String href, String ifMatch) {
    checkWritable();
    checkEtag(href, ifMatch);
    writeCount++;
    byHref.remove(href);
    logChange(href);
  }

  @Override
  public synchronized void updateMetadata(MetadataChange change) {
    if (readOnly || metadataReadOnly) {
      throw new StorageException.NotSupported(location + " is read-only: cannot change its metadata");
    }
    metadataWriteCount++;
    meta = meta.apply(change);
  }

  // ---- direct access, as a user or a test would ----------------------------------------------

  /** Changes the calendar's metadata as a user would (allowed when read-only, not counted). */
  public synchronized void setMetadata(MetadataChange change) {
    meta = meta.apply(change);
  }

  /** Stores {@code item} at the href of its UID (replacing it) or at a new href; returns the href. */
  public synchronized String put(Item item) {
    String href = hrefOf(item.uid()).orElseGet(() -> freeHref(item.uid()));
    store(href, item);
    return href;
  }

  /** Stores {@code item} at exactly {@code href}, even if its UID lives elsewhere too. */
  public synchronized void putAt(String href, Item item) {
    store(href, item);
  }

  /** Removes every item with this UID; true if there was one. */
  public synchronized boolean remove(String uid) {
    List<String> hrefs =
        byHref.values().stream().filter(e -> e.item().uid().equals(uid)).map(Entry::href).toList();
    hrefs.forEach(
        href -> {
          byHref.remove(href);
          logChange(href);
        });
    return !hrefs.isEmpty();
  }

  /** Every item, in href order (a UID stored twice appears twice). */
  public synchronized List<Item> items() {
    return byHref.values().stream().map(Entry::item).toList();
  }

  /** The item with this UID, if any. */
  public synchronized Optional<Item> item(String uid) {
    return byHref.values().stream().filter(e -> e.item().uid().equals(uid)).map(Entry::item).findFirst();
  }

  /** Where the item with this UID lives, if anywhere. */
  public synchronized Optional<String> hrefOf(String uid) {
    return byHref.values().stream().filter(e -> e.item().uid().equals(uid)).map(Entry::href).findFirst();
  }

  /** The current etag at {@code href}, if anything is stored there. */
  public synchronized Optional<String> etagOf(String href) {
    return Optional.ofNullable(byHref.get(href)).map(Entry::etag);
  }

  /** Hrefs and their items, in href order. */
  public synchronized Map<String, Item> byHref() {
    Map<String, Item> copy = new TreeMap<>();
    byHref.forEach((href, e) -> copy.put(href, e.item()));
    return copy;
  }

  public synchronized int size() {
    return byHref.size();
  }

  /** How many creates, updates and deletes went through the {@link CalendarStorage} methods. */
  public synchronized int writeCount() {
    return writeCount;
  }

  /** How many {@link #updateMetadata} calls went through. */
  public synchronized int metadataWriteCount() {
    return metadataWriteCount;
  }

  // ---- internals ---------------------------------------------------------------------------

  private WriteResult store(String href, Item item) {
    String etag = "\"" + (++etagCounter) + "\"";
    byHref.put(href, new Entry(href, etag, item));
    logChange(href);
    return new WriteResult(href, etag);
  }

  private void logChange(String href) {
    log.add(new Change(++version, href));
  }

  private String token() {
    return "v" + version;
  }

  private void checkWritable() {
    if (readOnly) {
      throw new StorageException.NotSupported(location + " is read-only");
    }
  }

  private void checkEtag(String href, String ifMatch) {
    Entry e = byHref.get(href);
    if (e == null) {
      throw new StorageException.ItemNotFound(location + ": nothing stored at " + href);
    }
    if (ifMatch != null && !ifMatch.equals(e.etag())) {
      throw new StorageException.EtagMismatch(
          location + ": " + href + " has etag " + e.etag() + ", not " + ifMatch);
    }
  }

  private String freeHref(String uid) {
    String base = uid.replaceAll("[^A-Za-z0-9._@-]", "_");
    String href = base + ".ics";
    for (int n = 2; byHref.containsKey(href); n++) {
      href = base + "-" + n + ".ics";
    }
    return href;
  }

  @Override
  public String toString() {
    return location;
  }
}
