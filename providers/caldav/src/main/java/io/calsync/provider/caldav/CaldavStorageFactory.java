package io.calsync.provider.caldav;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import io.calsync.provider.StorageFactory;
import io.calsync.provider.StorageUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Storage type {@code caldav}: {@code caldav+https://host/path/} (or {@code caldav+http://}).
 *
 * <p>The URL may name a calendar collection, the user's principal or calendar home, or just the
 * server: when it is not a calendar, the calendar home is discovered and its only event calendar
 * is opened (several calendars: the error lists their URLs). Credentials never come from the URI:
 * the no-argument constructor (used by ServiceLoader) reads {@code CALSYNC_USERNAME}/{@code
 * CALSYNC_PASSWORD} or {@code CALSYNC_TOKEN} when a storage is opened; the CLI and the agent pass
 * {@link CaldavSettings} (e.g. from {@link CaldavSettings#fromCredentialsFile}) instead.
 */
public class CaldavStorageFactory implements StorageFactory {

  private final CaldavSettings settings;

  /** Credentials from the environment, read when a storage is opened. */
  public CaldavStorageFactory() {
    this(null);
  }

  /** Uses these settings (credentials, concurrency, timeouts) for every storage it opens. */
  public CaldavStorageFactory(CaldavSettings settings) {
    this.settings = settings;
  }

  /** This factory with other settings, e.g. credentials read from {@code --from-credentials}. */
  public CaldavStorageFactory withSettings(CaldavSettings settings) {
    return new CaldavStorageFactory(settings);
  }

  @Override
  public String type() {
    return "caldav";
  }

  @Override
  public String description() {
    return "a CalDAV calendar (Radicale, Xandikos, SOGo/Mailcow, Nextcloud, DAViCal…); "
        + "credentials from --from/--to-credentials FILE, else CALSYNC_USERNAME/CALSYNC_PASSWORD"
        + " or CALSYNC_TOKEN";
  }

  @Override
  public String uriExample() {
    return "caldav+https://dav.example.com/dav/alice/calendar/";
  }

  /** The URL used when the URI names none (only the {@code apple} type has one). */
  protected String defaultUrl() {
    return null;
  }

  protected CaldavSettings settings() {
    return settings != null ? settings : CaldavSettings.fromEnvironment();
  }

  @Override
  public CalendarStorage open(StorageUri uri) {
    return openStorage(url(uri), settings());
  }

  @Override
  public CalendarAccount openAccount(StorageUri uri) {
    return CaldavAccount.discover(url(uri), settings());
  }

  /**
   * Opens the calendar at {@code url}; when {@code url} is not a calendar, discovers the home and
   * opens its only event calendar.
   */
  public static CaldavStorage openStorage(URI url, CaldavSettings settings) {
    DavClient client = new DavClient(settings, url);
    Discovery.Found found;
    try {
      found = Discovery.discover(client, url);
      if (found.calendar() != null) {
        CollectionInfo info = found.calendar();
        return CaldavStorage.justRead(client, info, DavPaths.lastSegment(info.uri().getPath()), found.sogo());
      }
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    try (CaldavAccount account = new CaldavAccount(client, found.home(), found.sogo())) {
      List<CalendarMeta> calendars = account.listCalendars();
      if (calendars.size() == 1) return account.open(calendars.getFirst().id());
      if (calendars.isEmpty()) {
        throw new StorageException.InvalidConfiguration(
            DavClient.safe(url) + " is not a calendar and the calendar home "
                + DavClient.safe(found.home()) + " holds no event calendar");
      }
      throw new StorageException.InvalidConfiguration(
          DavClient.safe(url) + " is not a calendar; the calendar home holds several, name one of: "
              + calendars.stream()
                  .map(m -> DavClient.safe(found.home()) + DavPaths.encodeSegment(m.id()) + "/ (" + m.name() + ")")
                  .collect(Collectors.joining(", ")));
    }
  }

  URI url(StorageUri uri) {
    String value = uri.value().strip();
    if (!value.toLowerCase(Locale.ROOT).startsWith("http://")
        && !value.toLowerCase(Locale.ROOT).startsWith("https://")) {
      String def = defaultUrl();
      if (def != null) {
        value = def;
      } else {
        throw new StorageException.InvalidConfiguration(
            "'" + uri.original() + "': expected " + type() + "+https://host/path/ (or " + type()
                + "+http://…), e.g. " + uriExample());
      }
    }
    URI u;
    try {
      u = new URI(value);
    } catch (URISyntaxException e) {
      throw new StorageException.InvalidConfiguration(
          "'" + type() + "' URL is not valid: " + e.getReason());
    }
    if (u.getHost() == null) {
      throw new StorageException.InvalidConfiguration("'" + type() + "' URL has no host: expected e.g. " + uriExample());
    }
    if (u.getRawUserInfo() != null) {
      throw new StorageException.InvalidConfiguration(
          "credentials do not belong in a storage URI (" + DavClient.safe(u)
              + "): use CALSYNC_USERNAME/CALSYNC_PASSWORD, CALSYNC_TOKEN or a credentials file");
    }
    if (u.getRawPath() == null || u.getRawPath().isEmpty()) u = u.resolve("/");
    return u;
  }
}
