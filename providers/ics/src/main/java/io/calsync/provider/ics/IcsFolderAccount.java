package io.calsync.provider.ics;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A folder whose sub-folders are {@link IcsFolderStorage} calendars (vdirsyncer's {@code
 * filesystem} storage with {@code collections}). URI: {@code ics:/path/to/calendars} opened with
 * {@code Storages.openAccount}. The calendar id is the sub-folder's name; hidden sub-folders are
 * ignored.
 *
 * <p>Creating a calendar makes a sub-folder named after the wished id (characters other than
 * letters, digits and {@code _.-+@} become {@code -}), adding {@code -2}, {@code -3}… when that
 * name is taken, and writes its {@code displayname}, {@code color} and {@code description}.
 * Deleting removes the sub-folder with everything in it. A missing account folder is created when
 * its parent exists, as {@link IcsFolderStorage#open(Path)} does.
 */
public final class IcsFolderAccount implements CalendarAccount {

  private static final int MAX_ID = 100;

  private final Path root;
  private final String location;
  private final boolean fsync;

  private IcsFolderAccount(Path root, boolean fsync) {
    this.root = root;
    this.location = "ics:" + root;
    this.fsync = fsync;
  }

  /**
   * Opens the account folder, creating it when its parent exists.
   *
   * @throws StorageException.InvalidConfiguration when it is a file, or neither it nor its parent
   *     exists
   */
  public static IcsFolderAccount open(Path root) {
    return open(root, true);
  }

  static IcsFolderAccount open(Path root, boolean fsync) {
    Path absolute = root.toAbsolutePath().normalize();
    IcsFolderStorage.ensureFolder(absolute, "ics:" + absolute);
    return new IcsFolderAccount(absolute, fsync);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public List<CalendarMeta> listCalendars() {
    requireRoot();
    List<CalendarMeta> calendars = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().startsWith(".")) {
          calendars.add(IcsFolderStorage.open(entry, fsync, false).metadata());
        }
      }
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot list the folder " + root, e);
    }
    calendars.sort(Comparator.comparing(CalendarMeta::id));
    return calendars;
  }

  @Override
  public CalendarStorage open(String calendarId) {
    return IcsFolderStorage.open(existingCalendar(calendarId), fsync, false);
  }

  @Override
  public CalendarMeta createCalendar(CalendarMeta meta) {
    requireRoot();
    String base = folderName(meta.id().isBlank() ? meta.name() : meta.id());
    for (int n = 1; ; n++) {
      Path dir = root.resolve(n == 1 ? base : base + "-" + n);
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException taken) {
        continue;
      } catch (IOException e) {
        throw IoErrors.map(location, "cannot create the folder " + dir, e);
      }
      IcsFolderStorage calendar = IcsFolderStorage.open(dir, fsync, false);
      calendar.updateMetadata(
          new MetadataChange(meta.name(), meta.color(), meta.description(), null));
      calendar.flush();
      return calendar.metadata();
    }
  }

  @Override
  public void deleteCalendar(String calendarId) {
    Path dir = existingCalendar(calendarId);
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw IoErrors.map(location, "cannot delete the calendar folder " + dir, e);
    }
  }

  private Path existingCalendar(String calendarId) {
    requireRoot();
    if (calendarId.isEmpty()
        || calendarId.startsWith(".")
        || calendarId.contains("/")
        || calendarId.contains("\\")
        || calendarId.indexOf('\0') >= 0) {
      throw new StorageException.ItemNotFound(location + ": no calendar '" + calendarId + "'");
    }
    Path dir = root.resolve(calendarId);
    if (!Files.isDirectory(dir)) {
      throw new StorageException.ItemNotFound(
          location + ": no calendar '" + calendarId + "' (no folder " + dir + ")");
    }
    return dir;
  }

  private void requireRoot() {
    if (!Files.isDirectory(root)) {
      throw new StorageException.ItemNotFound(
          location + ": the folder " + root + " does not exist any more");
    }
  }

  /** A folder name from a wished id: safe characters kept, others {@code -}, never hidden. */
  static String folderName(String wish) {
    StringBuilder name = new StringBuilder();
    wish.codePoints()
        .limit(MAX_ID)
        .forEach(
            cp -> {
              boolean keep = Character.isLetterOrDigit(cp) || "_.-+@".indexOf(cp) >= 0;
              name.appendCodePoint(keep ? cp : '-');
            });
    String result = name.toString().replaceAll("^[.-]+", "");
    return result.isEmpty() ? "calendar" : result;
  }

  @Override
  public String toString() {
    return location;
  }
}
