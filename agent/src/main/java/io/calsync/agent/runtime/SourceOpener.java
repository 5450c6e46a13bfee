package io.calsync.agent.runtime;

import io.calsync.agent.config.CalendarSource;
import io.calsync.agent.config.SourceType;
import io.calsync.core.model.CalendarMeta;
import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import io.calsync.provider.StorageUri;
import io.calsync.provider.caldav.AppleStorageFactory;
import io.calsync.provider.caldav.CaldavAccount;
import io.calsync.provider.caldav.CaldavSettings;
import io.calsync.provider.caldav.CaldavStorageFactory;
import io.calsync.provider.caldav.Credentials;
import io.calsync.provider.ics.IcsFileStorage;
import io.calsync.provider.ics.IcsFolderAccount;
import io.calsync.provider.ics.IcsFolderStorage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Opens the storage (and the account holding it) of a configured calendar source.
 *
 * <ul>
 *   <li>{@code ics}: {@code path} names a folder of .ics files, or one .ics file (an existing
 *       regular file, or a name ending in {@code .ics}).
 *   <li>{@code caldav}: {@code calendar_id} is the calendar's URL.
 *   <li>{@code apple}: {@code calendar_id} is the calendar's URL; without it the iCloud account is
 *       discovered and the calendar named {@code calendar_name} opened.
 * </ul>
 *
 * Remote sources authenticate with their {@code credentials} ({@code username}/{@code password} or
 * {@code token}), else with the environment ({@code CALSYNC_USERNAME}/{@code CALSYNC_PASSWORD},
 * {@code CALSYNC_TOKEN}).
 */
public final class SourceOpener {

  private final Map<String, String> env;

  public SourceOpener(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public CalendarStorage open(CalendarSource source) {
    return switch (source.type()) {
      case ICS -> isFile(icsPath(source)) ? IcsFileStorage.open(icsPath(source)) : IcsFolderStorage.open(icsPath(source));
      case CALDAV -> CaldavStorageFactory.openStorage(calendarUrl(source), settings(source));
      case APPLE -> source.calendarId().isPresent()
          ? CaldavStorageFactory.openStorage(calendarUrl(source), settings(source))
          : openByName(CaldavAccount.discover(URI.create(AppleStorageFactory.ICLOUD), settings(source)), source);
      default -> throw new StorageException.NotSupported(
          "not supported yet: sources of type " + source.type().configName() + " (" + source.name() + ")");
    };
  }

  /**
   * The place holding the source's calendar, where calendars are created and deleted: for an ics
   * folder its parent folder, for CalDAV the calendar home.
   *
   * @throws StorageException.NotSupported for a single .ics file and the types without accounts
   */
  public CalendarAccount openAccount(CalendarSource source) {
    if (source.type() == SourceType.ICS && !isFile(icsPath(source))) {
      return IcsFolderAccount.open(icsPath(source).getParent());
    }
    if (source.type() == SourceType.CALDAV || source.type() == SourceType.APPLE) {
      URI url = source.calendarId().map(URI::create).orElse(URI.create(AppleStorageFactory.ICLOUD));
      return CaldavAccount.discover(url, settings(source));
    }
    throw new StorageException.NotSupported("not supported yet: creating or deleting calendars next to "
        + source.type().configName() + " source " + source.name()
        + (source.type() == SourceType.ICS ? " (a single .ics file has no folder of calendars)" : ""));
  }

  /** Whether an ics source is one file rather than a folder (what the file watch must follow). */
  public static boolean isFile(Path path) {
    return Files.isRegularFile(path)
        || (!Files.isDirectory(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ics"));
  }

  public static Path icsPath(CalendarSource source) {
    String path = source.path().orElseThrow(() -> new StorageException.InvalidConfiguration(
        source.name() + ": type ics needs path"));
    return new StorageUri("ics", path, "ics:" + path).path();
  }

  private static CalendarStorage openByName(CaldavAccount account, CalendarSource source) {
    try (account) {
      String name = source.calendarName().orElseThrow();
      for (CalendarMeta m : account.listCalendars()) {
        if (m.name().equalsIgnoreCase(name)) {
          return account.open(m.id());
        }
      }
      throw new StorageException.InvalidConfiguration(
          source.name() + ": no calendar named '" + name + "' at " + account.location());
    }
  }

  private static URI calendarUrl(CalendarSource source) {
    return URI.create(source.calendarId().orElseThrow(() -> new StorageException.InvalidConfiguration(
        source.name() + ": type " + source.type().configName() + " needs calendar_id, the calendar's URL")));
  }

  private CaldavSettings settings(CalendarSource source) {
    if (source.credentials().isEmpty()) {
      return CaldavSettings.fromEnvironment(env);
    }
    Map<String, String> c = source.credentials().get().reveal();
    if (c.get("token") != null) {
      return CaldavSettings.of(Credentials.bearer(c.get("token")));
    }
    String user = c.getOrDefault("username", c.get("user"));
    if (user == null) {
      throw new StorageException.InvalidConfiguration(
          source.name() + ": credentials need username and password, or token");
    }
    return CaldavSettings.of(Credentials.basic(user, c.getOrDefault("password", "")));
  }
}
