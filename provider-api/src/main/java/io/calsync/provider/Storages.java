package io.calsync.provider;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Opens storages by URI, finding the {@link StorageFactory} for the URI's type on the class path.
 *
 * {@snippet :
 * try (CalendarStorage work = Storages.open("ics:~/calendars/work")) {
 *   Listing listing = work.list();
 * }
 * }
 */
public final class Storages {

  private Storages() {}

  /**
   * Opens one calendar.
   *
   * @throws StorageException.InvalidConfiguration for a malformed URI or an unknown type, naming
   *     the supported types
   */
  public static CalendarStorage open(String uri) {
    StorageUri parsed = StorageUri.parse(uri);
    return lookup(parsed.type(), parsed.original()).open(parsed);
  }

  /**
   * Opens the place holding calendars.
   *
   * @throws StorageException.NotSupported when the type has no account level
   */
  public static CalendarAccount openAccount(String uri) {
    StorageUri parsed = StorageUri.parse(uri);
    return lookup(parsed.type(), parsed.original()).openAccount(parsed);
  }

  /**
   * Every factory on the class path, sorted by type.
   *
   * @throws StorageException.InvalidConfiguration when two factories claim the same type
   */
  public static List<StorageFactory> factories() {
    List<StorageFactory> found = new ArrayList<>();
    for (StorageFactory f : ServiceLoader.load(StorageFactory.class, classLoader())) {
      found.add(f);
    }
    found.sort(Comparator.comparing(StorageFactory::type));
    for (int i = 1; i < found.size(); i++) {
      if (found.get(i).type().equals(found.get(i - 1).type())) {
        throw new StorageException.InvalidConfiguration(
            "two storage factories claim type '"
                + found.get(i).type()
                + "': "
                + found.get(i - 1).getClass().getName()
                + " and "
                + found.get(i).getClass().getName()
                + "; remove one of their jars from the class path");
      }
    }
    return List.copyOf(found);
  }

  /**
   * The factory for a type (case-insensitive).
   *
   * @throws StorageException.InvalidConfiguration when no factory has that type, naming those
   *     that exist
   */
  public static StorageFactory factory(String type) {
    return lookup(type, null);
  }

  private static StorageFactory lookup(String type, String uri) {
    List<StorageFactory> all = factories();
    for (StorageFactory f : all) {
      if (f.type().equalsIgnoreCase(type)) {
        return f;
      }
    }
    String supported =
        all.isEmpty()
            ? "none (no storage provider is on the class path)"
            : all.stream().map(StorageFactory::type).collect(Collectors.joining(", "));
    throw new StorageException.InvalidConfiguration(
        "unknown storage type '"
            + type
            + "'"
            + (uri == null ? "" : " in '" + uri + "'")
            + ": supported: "
            + supported);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Storages.class.getClassLoader();
  }
}
