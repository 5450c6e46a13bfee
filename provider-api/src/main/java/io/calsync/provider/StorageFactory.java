package io.calsync.provider;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;

/**
 * Opens storages of one type, named by the scheme of a storage URI ({@code ics:/home/me/cal}).
 *
 * <p>Implementations are found through {@link java.util.ServiceLoader}: list the implementing class
 * in {@code META-INF/services/io.calsync.provider.StorageFactory} of the provider's jar (and, in a
 * modular build, declare {@code provides io.calsync.provider.StorageFactory with …}). They need a
 * public no-argument constructor, must be cheap to construct and must not touch any storage before
 * {@link #open} is called. Use {@link Storages} to look them up.
 */
public interface StorageFactory {

  /**
   * The type name: the URI scheme and the {@code type} of an agent configuration, e.g. {@code
   * "ics"} or {@code "ics-file"}. Lower case, unique among the factories on the class path.
   */
  String type();

  /** One line describing the storage, for {@code calsync sync --help}. */
  String description();

  /** A URI showing the accepted form, e.g. {@code "ics:/home/me/calendars/work"}. */
  String uriExample();

  /**
   * Opens one calendar.
   *
   * @param uri a parsed URI whose {@link StorageUri#type()} is this factory's {@link #type()}
   * @throws StorageException.InvalidConfiguration when the URI does not name a usable calendar,
   *     with a message saying what is accepted
   */
  CalendarStorage open(StorageUri uri);

  /**
   * Opens the place holding calendars (a folder of calendar folders, a CalDAV calendar home).
   *
   * @throws StorageException.NotSupported when this type has no account level (the default)
   */
  default CalendarAccount openAccount(StorageUri uri) {
    throw new StorageException.NotSupported(
        type()
            + " has no account level: open one calendar with a URI like "
            + uriExample());
  }
}
