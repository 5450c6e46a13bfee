package io.calsync.provider.ics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What a file's attributes say about its version: modification time in nanoseconds, size and file
 * key (device and inode on Unix, null where the file system has none). Every write of this
 * provider replaces the file by a rename, so a new version also has a new inode: two versions
 * written within one clock tick with the same size still differ.
 *
 * <p>A hard link and a rename keep all three (they change only the inode's change time), so the
 * stamp of a temp file is the stamp its target will have once the temp file has taken the
 * target's name: {@link IcsFolderStorage} hands out that etag before the rename.
 *
 * @param exists false for a file that is not there
 * @param fileKey {@link BasicFileAttributes#fileKey()} (compared with {@code equals}), or null
 */
record FileStamp(boolean exists, long mtimeNanos, long size, Object fileKey) {

  static final FileStamp MISSING = new FileStamp(false, 0, 0, null);

  static FileStamp of(BasicFileAttributes attributes) {
    return new FileStamp(
        true,
        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        attributes.size(),
        attributes.fileKey());
  }

  /** The stamp of {@code file}, or {@link #MISSING} when there is no such file. */
  static FileStamp read(Path file) throws IOException {
    try {
      return of(Files.readAttributes(file, BasicFileAttributes.class));
    } catch (NoSuchFileException e) {
      return MISSING;
    }
  }

  /** The stamp as an etag, e.g. {@code 1a2b3c4d5e-2f1-803:1234567}. */
  String etag() {
    return etag(mtimeNanos, size, fileKey);
  }

  /** {@code of(attributes).etag()} without the intermediate record: listings call it per file. */
  static String etag(BasicFileAttributes attributes) {
    return etag(
        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        attributes.size(),
        attributes.fileKey());
  }

  private static String etag(long mtimeNanos, long size, Object fileKey) {
    StringBuilder etag = new StringBuilder(40);
    etag.append(Long.toString(mtimeNanos, 36)).append('-').append(Long.toString(size, 36));
    if (fileKey != null) {
      etag.append('-');
      appendCompact(etag, fileKey.toString());
    }
    return etag.toString();
  }

  /**
   * Appends the file key compactly: {@code (dev=803,ino=1234567)} → {@code 803:1234567}. The
   * Unix form is converted in one pass; any other form as the chain {@code remove "(" and ")",
   * remove "dev=", ",ino=" → ":", ' ' → '_'} (the etags of earlier versions: they must not
   * change, or every item would look changed to the next sync).
   */
  static void appendCompact(StringBuilder out, String key) {
    int comma = key.indexOf(",ino=");
    if (key.startsWith("(dev=")
        && key.endsWith(")")
        && comma > 5
        && isPlain(key, 5, comma)
        && isPlain(key, comma + 5, key.length() - 1)) {
      out.append(key, 5, comma).append(':').append(key, comma + 5, key.length() - 1);
      return;
    }
    out.append(
        key.replace("(", "")
            .replace(")", "")
            .replace("dev=", "")
            .replace(",ino=", ":")
            .replace(' ', '_'));
  }

  /** True when {@code key[from, to)} holds only letters and digits (no text the chain changes). */
  private static boolean isPlain(String key, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isLetterOrDigit(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
