package io.calsync.provider.ics;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.Capabilities;
import io.calsync.core.storage.StorageException;
import io.calsync.ical.IcalCodec;
import io.calsync.ical.ParsedCalendar;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A calendar kept as one {@code .ics} file holding every item, as Outlook, Google and Apple
 * Calendar export it. URI: {@code ics-file:/path/to/calendar.ics}.
 *
 * <ul>
 *   <li><b>href</b> is the item's UID; <b>etag</b> its content hash.
 *   <li><b>Reading</b> parses the whole file once with {@link IcalCodec#parseCalendar} and keeps
 *       the result while the file's modification time, size and inode stay the same.
 *   <li><b>Unreadable parts</b>: a UID the parser rejected (two masters with one UID, a broken
 *       component) is listed and answered {@link Fetched.Unreadable} with the reason, so the
 *       engine leaves it alone instead of deleting it elsewhere; a rejected component without a
 *       UID is logged, not listed. While the file holds rejected parts every write is refused
 *       with {@link StorageException.NotSupported}: rewriting the file would drop them.
 *   <li><b>Not iCalendar</b>: a file that is not iCalendar at all (nor empty) makes {@link
 *       #list()} throw {@link StorageException.Malformed} naming the file; it is never taken
 *       for an empty calendar. A missing or empty file is an empty calendar; a missing file is
 *       created by the first {@link #flush()} that has something to write.
 *   <li><b>Writes are buffered</b> in memory and written by {@link #flush()} (and {@link
 *       #close()}): the whole file at once, atomically (temp file, fsync, rename), by {@link
 *       IcalCodec#joinCalendar}, keeping the calendar-level properties. A first sync of 10,000
 *       items therefore writes the file once, not 10,000 times. If the file changed on disk
 *       since it was read, {@code flush} writes nothing, drops the buffered writes, re-reads the
 *       file and throws {@link StorageException.EtagMismatch}: the next sync sees the other
 *       program's change.
 *   <li><b>Metadata</b>: {@code X-WR-CALNAME} is the name, {@code X-APPLE-CALENDAR-COLOR} the
 *       color, {@code X-WR-CALDESC} the description, {@code X-WR-TIMEZONE} the time zone.
 *   <li><b>Read-only</b> when the file (or, for a missing file, its folder) is not writable.
 * </ul>
 *
 * <p>Methods are synchronized; the storage is nevertheless meant to be used from one thread.
 */
public final class IcsFileStorage implements CalendarStorage {

  static final String NAME = "X-WR-CALNAME";
  static final String COLOR = "X-APPLE-CALENDAR-COLOR";
  static final String DESCRIPTION = "X-WR-CALDESC";
  static final String TIME_ZONE = "X-WR-TIMEZONE";

  private static final System.Logger LOG = System.getLogger(IcsFileStorage.class.getName());
  private static final int READ_ATTEMPTS = 3;

  private final Path file;
  private final String location;
  private final boolean fsync;
  private final Capabilities capabilities;

  /** The file as last read or written; null before the first read. */
  private FileStamp diskStamp;

  private final LinkedHashMap<String, Item> items = new LinkedHashMap<>();
  private final Map<String, String> properties = new HashMap<>();
  private final LinkedHashMap<String, String> rejectedByUid = new LinkedHashMap<>();
  private final List<ParsedCalendar.Rejected> rejected = new ArrayList<>();

  /** Writes buffered since the last read or flush. */
  private int pending;

  private IcsFileStorage(Path file, boolean fsync, boolean forceReadOnly) {
    this.file = file;
    this.location = "ics-file:" + file;
    this.fsync = fsync;
    boolean readOnly =
        forceReadOnly
            || !Files.isWritable(file.getParent())
            || (Files.exists(file) && !Files.isWritable(file));
    this.capabilities = new Capabilities(readOnly, !readOnly, false);
  }

  /**
   * Opens the calendar file; nothing is read until first asked.
   *
   * @throws StorageException.InvalidConfiguration when {@code file} is a folder or its folder
   *     does not exist
   */
  public static IcsFileStorage open(Path file) {
    return open(file, true, false);
  }

  /**
   * As {@link #open(Path)}, with the write options.
   *
   * @param fsync force every write to disk (the default; off only for tests and measurements)
   * @param readOnly refuse every write even when the file is writable
   */
  static IcsFileStorage open(Path file, boolean fsync, boolean readOnly) {
    Path absolute = file.toAbsolutePath().normalize();
    String location = "ics-file:" + absolute;
    if (Files.isDirectory(absolute)) {
      throw new StorageException.InvalidConfiguration(
          location + " is a folder; for a folder of .ics files use ics:" + absolute);
    }
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new StorageException.InvalidConfiguration(
          location + ": the folder " + parent + " does not exist; create it with mkdir -p or"
              + " name a file in an existing folder");
    }
    return new IcsFileStorage(absolute, fsync, readOnly);
  }

  /** The calendar file. */
  public Path file() {
    return file;
  }

  /** What the last read of the file could not take, with the reasons (empty when all is well). */
  public synchronized List<ParsedCalendar.Rejected> rejected() {
    refresh();
    return List.copyOf(rejected);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public synchronized CalendarMeta metadata() {
    refresh();
    return new CalendarMeta(
        file.getFileName().toString(),
        properties.get(NAME),
        properties.get(COLOR),
        properties.get(DESCRIPTION),
        properties.get(TIME_ZONE),
        capabilities.readOnly());
  }

  @Override
  public synchronized Listing list() {
    refresh();
    List<ListedItem> listed = new ArrayList<>(items.size() + rejectedByUid.size());
    items.forEach((uid, item) -> listed.add(new ListedItem(uid, item.hash())));
    rejectedByUid.forEach((uid, reason) -> listed.add(new ListedItem(uid, rejectedEtag(reason))));
    return Listing.complete(listed);
  }

  @Override
  public synchronized List<Fetched> get(Collection<String> hrefs) {
    refresh();
    List<Fetched> answers = new ArrayList<>();
    for (String href : new LinkedHashSet<>(hrefs)) {
      Item item = items.get(href);
      String reason = rejectedByUid.get(href);
      if (item != null) {
        answers.add(new Fetched.Found(href, item.hash(), item));
      } else if (reason != null) {
        answers.add(new Fetched.Unreadable(href, rejectedEtag(reason), reason));
      } else {
        answers.add(new Fetched.Missing(href));
      }
    }
    return answers;
  }

  @Override
  public synchronized WriteResult create(Item item) {
    requireWritable();
    if (items.containsKey(item.uid()) || rejectedByUid.containsKey(item.uid())) {
      throw new StorageException.ItemAlreadyExists(
          location + ": an item with UID " + item.uid() + " exists already");
    }
    items.put(item.uid(), item);
    pending++;
    return new WriteResult(item.uid(), item.hash());
  }

  @Override
  public synchronized WriteResult update(String href, Item item, String ifMatch) {
    requireWritable();
    requireCurrent(href, ifMatch);
    if (!item.uid().equals(href)) {
      throw new StorageException.ItemRejected(
          location + ": cannot store UID " + item.uid() + " at " + href
              + ": here the href is the UID",
          null);
    }
    items.put(href, item);
    pending++;
    return new WriteResult(href, item.hash());
  }

  @Override
  public synchronized void delete(String href, String ifMatch) {
    requireWritable();
    requireCurrent(href, ifMatch);
    items.remove(href);
    pending++;
  }

  @Override
  public synchronized void updateMetadata(MetadataChange change) {
    if (!capabilities.metadataWritable()) {
      throw new StorageException.NotSupported(location + " is read-only: cannot change metadata");
    }
    requireWritable();
    setProperty(NAME, change.name());
    setProperty(COLOR, change.color());
    setProperty(DESCRIPTION, change.description());
    setProperty(TIME_ZONE, change.timeZone());
    pending++;
  }

  private void setProperty(String name, String value) {
    if (value == null) {
      return;
    }
    String line = value.replaceAll("[\\r\\n]+", " ").strip();
    if (line.isEmpty()) {
      properties.remove(name);
    } else {
      properties.put(name, line);
    }
  }

  /**
   * Writes the buffered changes: the whole file, atomically.
   *
   * @throws StorageException.EtagMismatch when the file changed on disk since it was read;
   *     nothing is written and the buffered changes are dropped
   */
  @Override
  public synchronized void flush() {
    if (pending == 0) {
      return;
    }
    FileStamp now = stamp();
    if (!now.equals(diskStamp)) {
      int dropped = pending;
      pending = 0;
      diskStamp = null;
      try {
        refresh();
      } catch (StorageException e) {
        LOG.log(System.Logger.Level.WARNING, "{0}: cannot re-read: {1}", location, e.getMessage());
      }
      throw new StorageException.EtagMismatch(
          location + " changed on disk since calsync read it (another program wrote it?);"
              + " nothing was written and " + dropped + " buffered change(s) were dropped:"
              + " run the sync again");
    }
    String text = IcalCodec.joinCalendar(List.copyOf(items.values()), Map.copyOf(properties));
    try {
      AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), true, fsync);
      if (fsync) {
        AtomicFiles.forceFolder(file.getParent());
      }
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot write " + file, e);
    }
    diskStamp = stamp();
    pending = 0;
  }

  /** Flushes buffered writes. */
  @Override
  public synchronized void close() {
    flush();
  }

  // ---------------------------------------------------------------- reading

  /** Re-reads the file when it changed on disk, unless writes are buffered (they win). */
  private void refresh() {
    if (pending > 0) {
      return;
    }
    if (diskStamp != null && stamp().equals(diskStamp)) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      FileStamp before = stamp();
      if (!before.exists()) {
        load(null, FileStamp.MISSING);
        return;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException gone) {
        continue;
      } catch (IOException e) {
        throw IoErrors.map(location, "cannot read " + file, e);
      }
      FileStamp after = stamp();
      if (before.equals(after)) {
        load(parse(bytes), after);
        return;
      }
      if (attempt == READ_ATTEMPTS) {
        throw new StorageException.Unavailable(
            location + ": the file keeps changing while calsync reads it; try again later", null);
      }
    }
  }

  private ParsedCalendar parse(byte[] bytes) {
    String text;
    try {
      text = Text.decodeUtf8(bytes);
    } catch (CharacterCodingException e) {
      throw new StorageException.Malformed(
          location + ": " + file + " is not UTF-8 text, so not an iCalendar file", e);
    }
    if (text.isBlank()) {
      return null;
    }
    if (!text.stripLeading().toUpperCase(Locale.ROOT).startsWith("BEGIN:VCALENDAR")) {
      throw notIcalendar("it does not start with BEGIN:VCALENDAR", null);
    }
    try {
      return IcalCodec.parseCalendar(text, file.toString());
    } catch (StorageException.Malformed e) {
      throw notIcalendar(e.getMessage(), e);
    }
  }

  private StorageException.Malformed notIcalendar(String reason, Throwable cause) {
    return new StorageException.Malformed(
        location + ": " + file + " is not an iCalendar file (" + reason + "); calsync will not"
            + " take it for an empty calendar: fix the file or name another one",
        cause);
  }

  private void load(ParsedCalendar parsed, FileStamp stamp) {
    items.clear();
    properties.clear();
    rejectedByUid.clear();
    rejected.clear();
    if (parsed != null) {
      properties.putAll(parsed.properties());
      rejected.addAll(parsed.rejected());
      for (ParsedCalendar.Rejected r : parsed.rejected()) {
        if (r.uid() != null) {
          rejectedByUid.merge(r.uid(), r.reason(), (a, b) -> a + "; " + b);
        }
      }
      for (Item item : parsed.items()) {
        if (!rejectedByUid.containsKey(item.uid())) {
          items.put(item.uid(), item);
        }
      }
      if (!rejected.isEmpty()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "{0}: {1} part(s) of the file cannot be read and are left alone: {2}",
            location,
            rejected.size(),
            describeRejected());
      }
    }
    diskStamp = stamp;
  }

  // ---------------------------------------------------------------- helpers

  private void requireWritable() {
    if (capabilities.readOnly()) {
      throw new StorageException.AccessDenied(
          location + " is read-only (the file or its folder is not writable, or it was opened"
              + " read-only)",
          null);
    }
    refresh();
    if (!rejected.isEmpty()) {
      throw new StorageException.NotSupported(
          location + ": refusing to rewrite the file: it holds " + rejected.size()
              + " part(s) calsync cannot read (" + describeRejected() + "), and rewriting it would"
              + " drop them; fix or remove them, or sync into another file");
    }
  }

  private void requireCurrent(String href, String ifMatch) {
    Item current = items.get(href);
    if (current == null) {
      throw new StorageException.ItemNotFound(location + ": no item with UID " + href);
    }
    if (!current.hash().equals(ifMatch)) {
      throw new StorageException.EtagMismatch(
          location + ": " + href + " changed (etag " + current.hash() + ", expected " + ifMatch
              + ")");
    }
  }

  private String describeRejected() {
    return rejected.stream()
        .map(r -> (r.uid() == null ? "no UID" : "UID " + r.uid()) + ": " + r.reason())
        .collect(Collectors.joining("; "));
  }

  private static String rejectedEtag(String reason) {
    return "rejected-" + Integer.toHexString(reason.hashCode());
  }

  private FileStamp stamp() {
    try {
      return FileStamp.read(file);
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot examine " + file, e);
    }
  }

  @Override
  public String toString() {
    return location;
  }
}
