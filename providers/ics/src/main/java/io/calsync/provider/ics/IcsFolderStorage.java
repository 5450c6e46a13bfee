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
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

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
 *   <li><b>Writes</b> are atomic: temp file in the folder ({@code .<name>.<random>.tmp}), fsync,
 *       rename (see {@code AtomicFiles}). Update and delete compare the current etag first. The
 *       renames and deletes become durable at {@link #flush()} (and {@link #close()}), which
 *       forces the folder to disk once for the whole batch: the engine flushes before it records
 *       the writes in its status, so a power cut never leaves a status claiming a file the disk
 *       lost.
 *   <li><b>Ignored</b>: files not ending in {@code .ics}, hidden files (leftover temp files of a
 *       crash), sub-folders. A file that cannot be examined is still listed (with etag {@value
 *       #UNREADABLE_ETAG}) and answered {@link Fetched.Unreadable}: a listing never silently omits
 *       an item.
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
 * time ({@link #get} parses in parallel internally).
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

  private final Path dir;
  private final String location;
  private final boolean fsync;
  private final Capabilities capabilities;

  /** A rename or delete happened since the folder was last forced to disk. */
  private volatile boolean folderDirty;

  private IcsFolderStorage(Path dir, boolean fsync, boolean forceReadOnly) {
    this.dir = dir;
    this.location = "ics:" + dir;
    this.fsync = fsync;
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
    Path absolute = dir.toAbsolutePath().normalize();
    ensureFolder(absolute, "ics:" + absolute);
    return new IcsFolderStorage(absolute, fsync, readOnly);
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
   * or virtualised disks a {@code stat} costs tens of microseconds and mostly waits).
   */
  @Override
  public Listing list() {
    requireFolder();
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (isItemName(name)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot list the folder " + dir, e);
    } catch (DirectoryIteratorException e) {
      throw IoErrors.map(location, "cannot list the folder " + dir, e.getCause());
    }
    var stream = names.size() >= PARALLEL_STAT_FROM ? names.parallelStream() : names.stream();
    return Listing.complete(stream.map(this::listed).filter(Objects::nonNull).toList());
  }

  /** The listing entry of a file, or null when it is gone or not a regular file. */
  private ListedItem listed(String name) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(dir.resolve(name), BasicFileAttributes.class);
      return attributes.isRegularFile()
          ? new ListedItem(name, FileStamp.of(attributes).etag())
          : null;
    } catch (NoSuchFileException gone) {
      return null; // deleted between the scan and the stat
    } catch (IOException e) {
      return new ListedItem(name, UNREADABLE_ETAG); // listed, and answered Unreadable by get
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

  @Override
  public WriteResult create(Item item) {
    requireWritable();
    requireFolder();
    String name = fileName(item.uid());
    Path file = dir.resolve(name);
    try {
      AtomicFiles.write(file, item.text().getBytes(StandardCharsets.UTF_8), false, fsync);
      folderDirty = true;
      return new WriteResult(name, FileStamp.read(file).etag());
    } catch (FileAlreadyExistsException e) {
      throw new StorageException.ItemAlreadyExists(
          location + ": " + name + " exists already (UID " + item.uid() + ")");
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot write " + file, e);
    }
  }

  @Override
  public WriteResult update(String href, Item item, String ifMatch) {
    requireWritable();
    Path file = existing(href, ifMatch);
    try {
      AtomicFiles.write(file, item.text().getBytes(StandardCharsets.UTF_8), true, fsync);
      folderDirty = true;
      return new WriteResult(href, FileStamp.read(file).etag());
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot write " + file, e);
    }
  }

  @Override
  public void delete(String href, String ifMatch) {
    requireWritable();
    Path file = existing(href, ifMatch);
    try {
      Files.delete(file);
      folderDirty = true;
    } catch (NoSuchFileException e) {
      throw new StorageException.ItemNotFound(location + ": " + href + " vanished before delete");
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot delete " + file, e);
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

  /** Forces the folder to disk when files were renamed or deleted since the last flush. */
  @Override
  public void flush() {
    if (folderDirty && fsync) {
      AtomicFiles.forceFolder(dir);
    }
    folderDirty = false;
  }

  @Override
  public void close() {
    flush();
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
