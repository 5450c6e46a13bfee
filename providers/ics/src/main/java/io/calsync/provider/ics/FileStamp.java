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
 * @param exists false for a file that is not there
 */
record FileStamp(boolean exists, long mtimeNanos, long size, String fileKey) {

  static final FileStamp MISSING = new FileStamp(false, 0, 0, null);

  static FileStamp of(BasicFileAttributes attributes) {
    Object key = attributes.fileKey();
    return new FileStamp(
        true,
        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        attributes.size(),
        key == null ? null : compact(key.toString()));
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
    String etag = Long.toString(mtimeNanos, 36) + "-" + Long.toString(size, 36);
    return fileKey == null ? etag : etag + "-" + fileKey;
  }

  /** {@code (dev=803,ino=1234567)} → {@code 803:1234567}. */
  private static String compact(String key) {
    return key.replace("(", "")
        .replace(")", "")
        .replace("dev=", "")
        .replace(",ino=", ":")
        .replace(' ', '_');
  }
}
