package io.calsync.provider.ics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a crash never leaves a half-written one: the bytes go to a temp file in the
 * same folder (named {@code .<name>.<random>.tmp}, which listings ignore), are forced to disk, and
 * the temp file then takes the target's name in one atomic step. A crash leaves at worst a stray
 * temp file, never a truncated {@code .ics}.
 *
 * <p>The rename itself becomes durable when the folder is forced to disk ({@link #forceFolder}).
 * Callers that write many files force the folder once per batch, in their {@code flush()}. They
 * can also split a write ({@link #writeTemp}, later {@link #force} and {@link #commit}) to force
 * a whole batch of temp files at once: the file system then commits them to its journal in groups
 * instead of one commit per file.
 */
final class AtomicFiles {

  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /**
   * Writes {@code data} to {@code target}.
   *
   * @param replace replace an existing target; when false an existing target is left alone and
   *     {@link FileAlreadyExistsException} thrown (a hard link makes the no-clobber check atomic
   *     where the file system has them)
   * @param fsync force the data to disk before the rename (the folder is not forced: see {@link
   *     #forceFolder})
   */
  static void write(Path target, byte[] data, boolean replace, boolean fsync) throws IOException {
    Path temp = writeTemp(target, data);
    try {
      if (fsync) {
        force(temp);
      }
      commit(temp, target, replace);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * First half of a deferred write: {@code data} in a new temp file next to {@code target}, not
   * forced to disk. {@link #force} and {@link #commit} finish it; until then the target is
   * untouched, and a crash leaves only the temp file.
   *
   * @return the temp file (deleted again when writing fails)
   */
  static Path writeTemp(Path target, byte[] data) throws IOException {
    Path temp = target.resolveSibling(tempName(target.getFileName().toString()));
    boolean written = false;
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      written = true;
    } finally {
      if (!written) {
        Files.deleteIfExists(temp);
      }
    }
    return temp;
  }

  /** Forces a file's data to disk (reopening it: no open file is kept per pending write). */
  static void force(Path file) throws IOException {
    // WRITE, not READ: Windows flushes only handles open for writing. Neither changes the mtime.
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Second half of a deferred write: {@code temp} takes the name {@code target} in one atomic
   * step, keeping its inode, size and modification time. The temp file is gone afterwards unless
   * this throws (the caller deletes it then).
   *
   * @param replace replace an existing target; when false an existing target is left alone and
   *     {@link FileAlreadyExistsException} thrown
   */
  static void commit(Path temp, Path target, boolean replace) throws IOException {
    if (replace) {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      moveWithoutReplacing(temp, target);
    }
  }

  static boolean isTempName(String name) {
    return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
  }

  private static String tempName(String targetName) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return "." + targetName + "." + HexFormat.of().formatHex(random) + TEMP_SUFFIX;
  }

  private static void moveWithoutReplacing(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
      Files.delete(temp);
      return;
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // no hard links here (FAT, some network shares): check, then rename
    }
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Makes a rename or delete in {@code dir} durable; a no-op where folders cannot be opened. */
  static void forceFolder(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a folder as a channel; NTFS journals the rename itself.
    }
  }
}
