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
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A calendar kept as a folder of {@code .ics} files, one item per file: the vdir layout of
 * vdirsyncer's {@code filesystem} storage, khal and todoman. URI: {@code ics:/path/to/folder}.
 *
 * <ul>
 *   <li><b>href</b> is the file name. A new item's file is named after its UID when the UID is
 *       safe as a file name (letters, digits and {@code _.-+@}, not starting with a dot, at most
 *       {@value #MAX_SAFE_UID} characters), else after the SHA-256 of the UID; {@code .ics} is
 *       appended. Files named otherwise (by other programs) are read and written under their own
 *       name. {@link #create} refuses an existing file name but does not read other files to look
 *       for the same UID under another name.
 *   <li><b>etag</b> comes from the file's attributes (modification time in nanoseconds, size,
 *       inode), so listing costs one folder scan and one {@code stat} per file; contents are read
 *       only by {@link #get}.
 *   <li><b>Writes</b> are atomic and group-committed. {@link #create} and {@link #update} compare
 *       the current etag (update) or check that the name is free (create), write the new bytes
 *       to a temp file in the folder ({@code .<name>.<random>.tmp}, not yet forced to disk) and
 *       queue it; the etag they answer is the temp file's, which the file keeps when it takes the
 *       target's name (a hard link or rename changes neither inode, size nor modification time).
 *       {@link #flush()} (and {@link #close()}) forces all queued temp files to disk in parallel
 *       (so the file system commits them to its journal in groups, not one commit per file), then
 *       gives each its target's name (a create never replaces a file that appeared meanwhile; an
 *       update never replaces a file changed meanwhile), then forces the folder once. So a crash,
 *       a kill or a power cut at any point leaves every {@code .ics} file either old or new and
 *       whole, at worst plus stray temp files; and the engine, which flushes before it records
 *       the writes in its status, never records a file the disk lost. Deletes happen at once and
 *       become durable at the same folder force.
 *   <li><b>Queued writes</b> are seen by this instance ({@link #list}, {@link #get}, {@link
 *       #update}, {@link #delete}, {@link #create} of the same name) but by no other reader before
 *       {@link #flush()}. Deleting a queued create just drops it.
 *   <li><b>Ignored</b>: files not ending in {@code .ics}, hidden files (leftover temp files of a
 *       crash: {@link #list} deletes those older than a day), sub-folders. A file that cannot be
 *       examined is still listed (with etag {@value #UNREADABLE_ETAG}) and answered {@link
 *       Fetched.Unreadable}: a listing never silently omits an item.
 *   <li><b>Metadata</b> lives in one-line text files {@code displayname}, {@code color} and
 *       {@code description} in the folder, as vdirsyncer's metasync writes them. The time zone
 *       has no file in this layout and is ignored by {@link #updateMetadata}.
 *   <li><b>Read-only</b> when the folder is not writable for this process.
 * </ul>
 *
 * <p><b>Opening a missing folder.</b> {@link #open(Path)} creates the folder when its parent
 * exists, so that an empty destination can be named before it exists; a missing parent is refused
 * with {@link StorageException.InvalidConfiguration}, since it more likely means a typo. An
 * accidentally created empty source is harmless: it lists nothing, and the engine stops before
 * deleting when a side that had items suddenly lists none.
 *
 * <p>Not thread-safe beyond what the file system gives: one storage is used from one thread at a
 * time ({@link #list} and {@link #get} work in parallel internally, {@link #flush()} forces files
 * from a small pool of its own).
 */
public final class IcsFolderStorage implements CalendarStorage {

  static final String SUFFIX = ".ics";
  static final String UNREADABLE_ETAG = "unreadable";
  static final int MAX_SAFE_UID = 150;
  static final String DISPLAYNAME = "displayname";
  static final String COLOR = "color";
  static final String DESCRIPTION = "description";

  private static final Pattern SAFE_UID = Pattern.compile("[A-Za-z0-9_.+@-]+");
  private static final int PARALLEL_FROM = 8;
  private static final int PARALLEL_STAT_FROM = 512;
  /** Threads forcing queued files at {@link #flush()}: enough for the journal to batch them. */
  static final int FLUSH_THREADS = 32;
  /** Temp files older than this are leftovers of a crash, deleted by {@link #list()}. */
  static final Duration STRAY_TEMP_AGE = Duration.ofDays(1);

  private final Path dir;
  private final String location;
  private final boolean fsync;
  private final Capabilities capabilities;

  private final int flushThreads;

  /** A rename or delete happened since the folder was last forced to disk. */
  private volatile boolean folderDirty;

  /** Writes not yet flushed, by href, in the order made. */
  private final Map<String, Queued> queued = new LinkedHashMap<>();

  /**
   * The item names of this instance's last listing, kept up to date with its own writes, so that
   * {@link #create} need not look on disk (each look costs a directory lookup); built from {@link
   * #lastListing} at the first create after a listing. Null before the first listing.
   */
  private Set<String> knownNames;

  private List<ListedItem> lastListing;

  /** Forces queued files at flush; made when first needed, its threads end when idle. */
  private ThreadPoolExecutor flushPool;

  /**
   * A write waiting for {@link #flush()}.
   *
   * @param temp the temp file holding the new version
   * @param replace true when a file existed at the href when the write was queued (an update)
   * @param etag the etag of the new version (the temp file's)
   * @param replacedEtag for {@code replace}, the etag the file it replaces had, which the flush
   *     checks again before replacing it
   */
  private record Queued(Path temp, boolean replace, String etag, String replacedEtag) {}

  private IcsFolderStorage(Path dir, boolean fsync, boolean forceReadOnly, int flushThreads) {
    this.dir = dir;
    this.location = "ics:" + dir;
    this.fsync = fsync;
    this.flushThreads = Math.max(1, flushThreads);
    boolean readOnly = forceReadOnly || !Files.isWritable(dir);
    this.capabilities = new Capabilities(readOnly, !readOnly, false);
  }

  /**
   * Opens the calendar folder {@code dir}, creating it when its parent folder exists.
   *
   * @throws StorageException.InvalidConfiguration when {@code dir} is a file, or neither it nor
   *     its parent exists
   */
  public static IcsFolderStorage open(Path dir) {
    return open(dir, true, false);
  }

  /**
   * As {@link #open(Path)}, with the write options.
   *
   * @param fsync force each file's data to disk before its rename, and the folder at {@link
   *     #flush()} (the default; off only for tests and measurements)
   * @param readOnly refuse every write even when the folder is writable
   */
  static IcsFolderStorage open(Path dir, boolean fsync, boolean readOnly) {
    return open(dir, fsync, readOnly, FLUSH_THREADS);
  }

  /** As {@link #open(Path, boolean, boolean)}, forcing files at flush from {@code flushThreads}. */
  static IcsFolderStorage open(Path dir, boolean fsync, boolean readOnly, int flushThreads) {
    Path absolute = dir.toAbsolutePath().normalize();
    ensureFolder(absolute, "ics:" + absolute);
    return new IcsFolderStorage(absolute, fsync, readOnly, flushThreads);
  }

  /** Makes sure {@code dir} is a folder: creates it when its parent exists, else refuses. */
  static void ensureFolder(Path dir, String location) {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (Files.exists(dir)) {
      throw new StorageException.InvalidConfiguration(
          location + ": " + dir + " is a file, not a folder; for one .ics file holding a whole"
              + " calendar use ics-file:" + dir);
    }
    Path parent = dir.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new StorageException.InvalidConfiguration(
          location + " does not exist, nor does its parent folder " + parent
              + "; create it with mkdir -p or use an existing folder");
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw new StorageException.InvalidConfiguration(location + ": " + dir + " is not a folder");
      }
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot create the folder " + dir, e);
    }
  }

  /** The folder this calendar lives in. */
  public Path folder() {
    return dir;
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
  public CalendarMeta metadata() {
    requireFolder();
    return new CalendarMeta(
        dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
        readMeta(DISPLAYNAME),
        readMeta(COLOR),
        readMeta(DESCRIPTION),
        null,
        capabilities.readOnly());
  }

  /**
   * Scans the folder, then reads each file's attributes (in parallel for large folders: on slow
   * or virtualised disks a {@code stat} costs tens of microseconds and mostly waits). Queued
   * writes of this instance are listed with their new etags. Temp files left by a crash more than
   * {@link #STRAY_TEMP_AGE} ago are deleted on the way.
   */
  @Override
  public Listing list() {
    requireFolder();
    List<String> names = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Path> temps = null;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (isItemName(name)) {
          names.add(name);
          files.add(entry);
        } else if (AtomicFiles.isTempName(name)) {
          (temps == null ? temps = new ArrayList<>() : temps).add(entry);
        }
      }
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot list the folder " + dir, e);
    } catch (DirectoryIteratorException e) {
      throw IoErrors.map(location, "cannot list the folder " + dir, e.getCause());
    }
    IntStream indexes = IntStream.range(0, files.size());
    List<ListedItem> items =
        (files.size() >= PARALLEL_STAT_FROM ? indexes.parallel() : indexes)
            .mapToObj(i -> listed(names.get(i), files.get(i)))
            .filter(Objects::nonNull)
            .toList();
    if (temps != null) {
      deleteStrayTemps(temps);
    }
    lastListing = items;
    knownNames = null;
    return Listing.complete(queued.isEmpty() ? items : withQueued(items));
  }

  /** The listing entry of a file, or null when it is gone or not a regular file. */
  private static ListedItem listed(String name, Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.isRegularFile() ? new ListedItem(name, FileStamp.etag(attributes)) : null;
    } catch (NoSuchFileException gone) {
      return null; // deleted between the scan and the stat
    } catch (IOException e) {
      return new ListedItem(name, UNREADABLE_ETAG); // listed, and answered Unreadable by get
    }
  }

  /** {@code items} with the queued writes: new etags for queued updates, queued creates added. */
  private List<ListedItem> withQueued(List<ListedItem> items) {
    List<ListedItem> all = new ArrayList<>(items.size() + queued.size());
    Set<String> seen = new HashSet<>();
    for (ListedItem item : items) {
      Queued q = queued.get(item.href());
      if (q == null) {
        all.add(item);
      } else if (seen.add(item.href())) {
        all.add(new ListedItem(item.href(), q.etag()));
      }
    }
    queued.forEach(
        (href, q) -> {
          if (!seen.contains(href)) {
            all.add(new ListedItem(href, q.etag()));
          }
        });
    return all;
  }

  /** Deletes temp files older than {@link #STRAY_TEMP_AGE} that are not queued writes of ours. */
  private void deleteStrayTemps(List<Path> temps) {
    if (capabilities.readOnly()) {
      return;
    }
    Set<Path> ours = new HashSet<>();
    queued.values().forEach(q -> ours.add(q.temp()));
    long oldest = System.currentTimeMillis() - STRAY_TEMP_AGE.toMillis();
    for (Path temp : temps) {
      try {
        if (!ours.contains(temp)
            && Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toMillis() < oldest) {
          Files.deleteIfExists(temp);
          folderDirty = true;
        }
      } catch (IOException e) {
        // left for the next listing; listings ignore temp files anyway
      }
    }
  }

  /**
   * Reads and parses each file; many files are parsed in parallel. A file that cannot be read or
   * parsed is answered {@link Fetched.Unreadable}, one that is not there {@link Fetched.Missing}.
   */
  @Override
  public List<Fetched> get(Collection<String> hrefs) {
    requireFolder();
    List<String> distinct = List.copyOf(new LinkedHashSet<>(hrefs));
    var stream = distinct.size() >= PARALLEL_FROM ? distinct.parallelStream() : distinct.stream();
    return stream.map(this::fetch).toList();
  }

  private Fetched fetch(String href) {
    if (!isItemName(href)) {
      return new Fetched.Missing(href);
    }
    Path file = dir.resolve(href);
    Queued q = queued.get(href);
    if (q != null) {
      try {
        return parse(href, file, Files.readAllBytes(q.temp()), q.etag());
      } catch (IOException e) {
        return new Fetched.Unreadable(
            href, q.etag(), "cannot read " + q.temp() + " (the new version of " + file + "): " + e);
      }
    }
    for (int attempt = 1; ; attempt++) {
      FileStamp before;
      byte[] bytes;
      FileStamp after;
      try {
        before = FileStamp.read(file);
        if (!before.exists() || !Files.isRegularFile(file)) {
          return new Fetched.Missing(href);
        }
        bytes = Files.readAllBytes(file);
        after = FileStamp.read(file);
      } catch (NoSuchFileException gone) {
        return new Fetched.Missing(href);
      } catch (IOException e) {
        return new Fetched.Unreadable(href, UNREADABLE_ETAG, "cannot read " + file + ": " + e);
      }
      if (!after.exists()) {
        return new Fetched.Missing(href);
      }
      if (!before.equals(after) && attempt < 3) {
        continue; // written while we read: read the new version
      }
      return parse(href, file, bytes, after.etag());
    }
  }

  private static Fetched parse(String href, Path file, byte[] bytes, String etag) {
    String text;
    try {
      text = Text.decodeUtf8(bytes);
    } catch (CharacterCodingException e) {
      return new Fetched.Unreadable(href, etag, file + " is not UTF-8 text");
    }
    try {
      return new Fetched.Found(href, etag, IcalCodec.parseItem(text, file.toString()));
    } catch (StorageException e) {
      return new Fetched.Unreadable(href, etag, e.getMessage());
    } catch (RuntimeException e) {
      return new Fetched.Unreadable(href, etag, "cannot parse " + file + ": " + e);
    }
  }

  /**
   * Queues a new file named after the UID (see the class comment): written now to a temp file,
   * given its name at {@link #flush()}.
   *
   * @throws StorageException.ItemAlreadyExists when a file of that name exists or is queued
   */
  @Override
  public WriteResult create(Item item) {
    requireWritable();
    String name = fileName(item.uid());
    Path file = dir.resolve(name);
    if (queued.containsKey(name) || exists(name, file)) {
      throw new StorageException.ItemAlreadyExists(
          location + ": " + name + " exists already (UID " + item.uid() + ")");
    }
    return queue(name, file, item, false, null, null);
  }

  /**
   * Whether {@code name} is taken: as this instance last listed it (and wrote since) when it has
   * listed, else as the disk says. A name taken by someone else after the listing is caught by
   * the flush, which never replaces a file for a create.
   */
  private boolean exists(String name, Path file) {
    if (knownNames == null && lastListing != null) {
      knownNames = new HashSet<>(lastListing.size() * 2);
      lastListing.forEach(item -> knownNames.add(item.href()));
      lastListing = null;
    }
    return knownNames == null
        ? Files.exists(file, LinkOption.NOFOLLOW_LINKS)
        : knownNames.contains(name);
  }

  /** Queues the new version of {@code href} after checking its etag (see {@link #create}). */
  @Override
  public WriteResult update(String href, Item item, String ifMatch) {
    requireWritable();
    Queued before = queued.get(href);
    if (before != null) {
      requireQueuedEtag(href, before, ifMatch);
      return queue(href, dir.resolve(href), item, before.replace(), before.replacedEtag(), before);
    }
    Path file = existing(href, ifMatch);
    return queue(href, file, item, true, ifMatch, null);
  }

  /** Writes the temp file of a write and queues it, replacing (and deleting) {@code previous}. */
  private WriteResult queue(
      String href, Path file, Item item, boolean replace, String replacedEtag, Queued previous) {
    Path temp;
    try {
      temp = AtomicFiles.writeTemp(file, item.text().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      requireFolder();
      throw IoErrors.map(location, "cannot write " + file, e);
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot write " + file, e);
    }
    String etag;
    try {
      etag = FileStamp.etag(Files.readAttributes(temp, BasicFileAttributes.class));
    } catch (IOException e) {
      deleteQuietly(temp);
      throw IoErrors.map(location, "cannot examine " + temp, e);
    }
    queued.put(href, new Queued(temp, replace, etag, replacedEtag));
    if (previous != null) {
      deleteQuietly(previous.temp());
    }
    return new WriteResult(href, etag);
  }

  /**
   * Deletes the file at {@code href} after checking its etag; a queued create is just dropped,
   * a queued update dropped and the file it would have replaced deleted.
   */
  @Override
  public void delete(String href, String ifMatch) {
    requireWritable();
    Queued q = queued.get(href);
    if (q != null) {
      requireQueuedEtag(href, q, ifMatch);
      if (q.replace()) {
        deleteFile(href, q.replacedEtag(), true);
      }
      queued.remove(href);
      deleteQuietly(q.temp());
      return;
    }
    deleteFile(href, ifMatch, false);
  }

  private void deleteFile(String href, String ifMatch, boolean goneIsFine) {
    Path file;
    try {
      file = existing(href, ifMatch);
    } catch (StorageException.ItemNotFound e) {
      if (goneIsFine) {
        return;
      }
      throw e;
    }
    try {
      Files.delete(file);
      folderDirty = true;
      noteExists(href, false);
    } catch (NoSuchFileException e) {
      if (!goneIsFine) {
        throw new StorageException.ItemNotFound(
            location + ": " + href + " vanished before delete");
      }
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot delete " + file, e);
    }
  }

  private void noteExists(String href, boolean exists) {
    if (lastListing != null) {
      exists(href, dir.resolve(href)); // builds knownNames
    }
    if (knownNames != null) {
      if (exists) {
        knownNames.add(href);
      } else {
        knownNames.remove(href);
      }
    }
  }

  private void requireQueuedEtag(String href, Queued q, String ifMatch) {
    if (!q.etag().equals(ifMatch)) {
      throw new StorageException.EtagMismatch(
          location + ": " + href + " changed (etag " + q.etag() + ", expected " + ifMatch + ")");
    }
  }

  /** The file at {@code href} after checking that its etag is {@code ifMatch}. */
  private Path existing(String href, String ifMatch) {
    requireFolder();
    if (!isItemName(href)) {
      throw new StorageException.ItemNotFound(location + ": no item " + href);
    }
    Path file = dir.resolve(href);
    FileStamp stamp;
    try {
      stamp = FileStamp.read(file);
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot examine " + file, e);
    }
    if (!stamp.exists()) {
      throw new StorageException.ItemNotFound(location + ": no item " + href);
    }
    if (!stamp.etag().equals(ifMatch)) {
      throw new StorageException.EtagMismatch(
          location + ": " + href + " changed (etag " + stamp.etag() + ", expected " + ifMatch
              + ")");
    }
    return file;
  }

  /**
   * Writes the name, color and description files; an empty value removes the file. The time zone
   * is ignored: the vdir layout has no place for it.
   */
  @Override
  public void updateMetadata(MetadataChange change) {
    if (!capabilities.metadataWritable()) {
      throw new StorageException.NotSupported(location + " is read-only: cannot change metadata");
    }
    requireFolder();
    writeMeta(DISPLAYNAME, change.name());
    writeMeta(COLOR, change.color());
    writeMeta(DESCRIPTION, change.description());
  }

  private String readMeta(String name) {
    Path file = dir.resolve(name);
    try {
      String value = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
      int newline = value.indexOf('\n');
      value = newline < 0 ? value : value.substring(0, newline).strip();
      return value.isEmpty() ? null : value;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot read " + file, e);
    }
  }

  private void writeMeta(String name, String value) {
    if (value == null) {
      return;
    }
    Path file = dir.resolve(name);
    String line = value.replaceAll("[\\r\\n]+", " ").strip();
    try {
      if (line.isEmpty()) {
        Files.deleteIfExists(file);
      } else {
        AtomicFiles.write(file, line.getBytes(StandardCharsets.UTF_8), true, fsync);
      }
      folderDirty = true;
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot write " + file, e);
    }
  }

  /**
   * Makes every write so far durable: forces the queued temp files to disk (in parallel), gives
   * each its target's name, then forces the folder once. A queued create whose name was taken
   * meanwhile, or a queued update whose file changed meanwhile, is dropped (the other writes
   * still go through) and reported by the exception thrown at the end ({@link
   * StorageException.ItemAlreadyExists} or {@link StorageException.EtagMismatch}; an I/O error
   * wins over both).
   */
  @Override
  public void flush() {
    List<String> failures = new ArrayList<>();
    StorageException first = null;
    if (!queued.isEmpty()) {
      List<Map.Entry<String, Queued>> batch = List.copyOf(queued.entrySet());
      queued.clear();
      List<StorageException> results = commitAll(batch);
      for (int i = 0; i < results.size(); i++) {
        StorageException e = results.get(i);
        if (e == null) {
          noteExists(batch.get(i).getKey(), true);
          continue;
        }
        failures.add(e.getMessage());
        if (first == null
            || (e instanceof StorageException.ItemAlreadyExists
                && first instanceof StorageException.EtagMismatch)
            || (!(e instanceof StorageException.PreconditionFailed)
                && first instanceof StorageException.PreconditionFailed)) {
          first = e;
        }
      }
      folderDirty |= failures.size() < batch.size();
    }
    if (folderDirty && fsync) {
      AtomicFiles.forceFolder(dir);
    }
    folderDirty = false;
    if (first != null) {
      String shown = String.join("; ", failures.subList(0, Math.min(5, failures.size())));
      String message =
          failures.size() == 1
              ? first.getMessage()
              : failures.size() + " writes were not made (the others were): " + shown
                  + (failures.size() > 5 ? "; …" : "");
      throw switch (first) {
        case StorageException.ItemAlreadyExists e ->
            new StorageException.ItemAlreadyExists(message);
        case StorageException.EtagMismatch e -> new StorageException.EtagMismatch(message);
        case StorageException.AccessDenied e -> new StorageException.AccessDenied(message, e);
        default -> new StorageException.Unavailable(message, first);
      };
    }
  }

  /** Commits each queued write; answers per write null (done) or why it was not made. */
  private List<StorageException> commitAll(List<Map.Entry<String, Queued>> batch) {
    if (!fsync || flushThreads == 1 || batch.size() == 1) {
      return batch.stream().map(e -> commit(e.getKey(), e.getValue())).toList();
    }
    ExecutorService pool = flushPool();
    List<Future<StorageException>> futures = new ArrayList<>(batch.size());
    for (Map.Entry<String, Queued> e : batch) {
      futures.add(pool.submit(() -> commit(e.getKey(), e.getValue())));
    }
    List<StorageException> results = new ArrayList<>(batch.size());
    boolean interrupted = false;
    for (Future<StorageException> future : futures) {
      while (true) {
        try {
          results.add(future.get());
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the writes are under way: wait for them, then keep the interrupt
        } catch (ExecutionException e) {
          results.add(
              new StorageException.Unavailable(
                  location + ": flushing failed: " + e.getCause(), e.getCause()));
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return results;
  }

  /** Forces one queued temp file and gives it its name; null when done, else why not. */
  private StorageException commit(String href, Queued q) {
    Path file = dir.resolve(href);
    boolean done = false;
    try {
      if (fsync) {
        AtomicFiles.force(q.temp());
      }
      if (q.replace()) {
        String now = FileStamp.read(file).etag();
        if (!now.equals(q.replacedEtag())) {
          return new StorageException.EtagMismatch(
              location + ": " + href + " changed before the update was written out (etag " + now
                  + ", expected " + q.replacedEtag() + "); not replaced");
        }
      }
      AtomicFiles.commit(q.temp(), file, q.replace());
      done = true;
      return null;
    } catch (FileAlreadyExistsException e) {
      return new StorageException.ItemAlreadyExists(
          location + ": " + href + " was created by someone else before this create was written"
              + " out; not replaced");
    } catch (IOException e) {
      return IoErrors.map(location, "cannot write " + file, e);
    } finally {
      if (!done) {
        deleteQuietly(q.temp());
      }
    }
  }

  private ExecutorService flushPool() {
    if (flushPool == null) {
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              flushThreads,
              flushThreads,
              5,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread thread = new Thread(task, "calsync-ics-flush");
                thread.setDaemon(true);
                return thread;
              });
      pool.allowCoreThreadTimeOut(true);
      flushPool = pool;
    }
    return flushPool;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stray temp file: ignored by listings, deleted by a later one when old
    }
  }

  /** Flushes, then stops the flush threads. */
  @Override
  public void close() {
    try {
      flush();
    } finally {
      if (flushPool != null) {
        flushPool.shutdown();
        flushPool = null;
      }
    }
  }

  private void requireWritable() {
    if (capabilities.readOnly()) {
      throw new StorageException.AccessDenied(
          location + " is read-only (the folder is not writable, or it was opened read-only)",
          null);
    }
  }

  private void requireFolder() {
    if (!Files.isDirectory(dir)) {
      throw new StorageException.ItemNotFound(
          location + ": the calendar folder " + dir + " does not exist any more");
    }
  }

  /** True for names this storage lists: {@code *.ics}, not hidden, no path separators. */
  static boolean isItemName(String name) {
    return name.endsWith(SUFFIX)
        && name.length() > SUFFIX.length()
        && !name.startsWith(".")
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && name.indexOf('\0') < 0;
  }

  /** The file name of a new item: the UID when safe, else its SHA-256; plus {@code .ics}. */
  static String fileName(String uid) {
    boolean safe =
        !uid.isEmpty()
            && uid.length() <= MAX_SAFE_UID
            && !uid.startsWith(".")
            && SAFE_UID.matcher(uid).matches();
    return (safe ? uid : sha256(uid)) + SUFFIX;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return location;
  }
}
