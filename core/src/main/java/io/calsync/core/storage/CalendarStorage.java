package io.calsync.core.storage;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One calendar collection in some storage. The sync engine sees storages only through this
 * interface.
 *
 * <p>Concurrency is optimistic: every write names the etag it was based on, and a storage that
 * holds another version answers {@link StorageException.EtagMismatch} instead of overwriting.
 *
 * <p>Implementations need not be thread-safe unless they say so; the engine calls one storage
 * from one thread at a time, except for the writes of a storage whose {@link #writeConcurrency()}
 * is above one.
 */
public interface CalendarStorage extends AutoCloseable {

  /** A human-readable location for messages, e.g. {@code ics:/home/me/cal}. Never a secret. */
  String location();

  Capabilities capabilities();

  /** The calendar's metadata as the storage holds it now. */
  CalendarMeta metadata() throws StorageException;

  /**
   * Lists every item with its version token. A storage that cannot list everything (a date
   * window, a failed page) returns a listing with {@code complete == false}; a storage that
   * cannot list at all throws: it never returns a short listing as if it were whole.
   */
  Listing list() throws StorageException;

  /**
   * What changed since {@code syncToken}, for storages with {@link Capabilities#incremental()}.
   * Empty when the token is unknown, expired or incremental listing is not supported: the caller
   * then falls back to {@link #list()}.
   */
  default Optional<Changes> changesSince(String syncToken) throws StorageException {
    return Optional.empty();
  }

  /**
   * Fetches items. Returns one answer per distinct href asked, in any order: {@link
   * Fetched.Found}, {@link Fetched.Missing}, or {@link Fetched.Unreadable} when the stored data
   * cannot be parsed (with the reason).
   */
  List<Fetched> get(Collection<String> hrefs) throws StorageException;

  /**
   * Stores a new item. The storage chooses the href (derived from the UID where it can).
   *
   * @throws StorageException.ItemAlreadyExists if an item with that UID or at that href exists
   */
  WriteResult create(Item item) throws StorageException;

  /**
   * Replaces the item at {@code href}, if its current etag is {@code ifMatch}.
   *
   * @throws StorageException.EtagMismatch if the stored etag differs
   * @throws StorageException.ItemNotFound if nothing is stored at {@code href}
   */
  WriteResult update(String href, Item item, String ifMatch) throws StorageException;

  /**
   * Deletes the item at {@code href}, if its current etag is {@code ifMatch}.
   *
   * @throws StorageException.EtagMismatch if the stored etag differs
   * @throws StorageException.ItemNotFound if nothing is stored at {@code href}
   */
  void delete(String href, String ifMatch) throws StorageException;

  /**
   * How many {@link #create}, {@link #update} and {@link #delete} calls the engine may have in
   * flight at once on this storage. Above one, these three methods must be safe to call from
   * several threads together (on different items); a network storage answers its connection
   * limit here, so that a first upload is not held to one round trip at a time. The engine never
   * runs any other method of the storage alongside them.
   */
  default int writeConcurrency() {
    return 1;
  }

  /**
   * Renames, recolors or re-describes the calendar.
   *
   * @throws StorageException.NotSupported when {@link Capabilities#metadataWritable()} is false
   */
  void updateMetadata(MetadataChange change) throws StorageException;

  /**
   * Makes every write so far durable and visible to other readers. A storage that buffers writes
   * (one file holding the whole calendar, a folder that forces many files to disk at once, a
   * batch API) writes them out here; until then its writes need only be visible through this
   * instance. The engine calls it before it records those writes in the status store, so the
   * status never claims what the storage does not hold.
   *
   * @throws StorageException when some writes could not be made durable; the storage still
   *     writes out all the others it can, and the message names the hrefs that failed
   */
  default void flush() throws StorageException {}

  @Override
  default void close() throws StorageException {}
}
