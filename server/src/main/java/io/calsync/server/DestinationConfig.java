package io.calsync.server;

import io.calsync.core.storage.StorageException;
import io.calsync.provider.StorageUri;
import io.calsync.provider.caldav.CaldavSettings;
import io.calsync.provider.caldav.Credentials;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Where the master keeps its consolidated calendars in two-way sync: a storage <em>account</em>
 * the engine's providers open ({@code caldav+https://host/path/}: discovery finds the calendar
 * home; {@code ics:/folder}: every subfolder is a calendar), its credentials and how often it is
 * checked for its own changes.
 *
 * @param url {@code DESTINATION_URL}, as given
 * @param type the storage type of the URL ({@code caldav} or {@code ics})
 * @param credentials from {@code DESTINATION_TOKEN}, {@code DESTINATION_USERNAME}/{@code
 *     DESTINATION_PASSWORD} or {@code DESTINATION_CREDENTIALS_FILE}; none for {@code ics}
 * @param pollSeconds {@code DESTINATION_POLL_SECONDS} (10)
 */
public record DestinationConfig(String url, String type, Credentials credentials, int pollSeconds) {

  public static final Set<String> KEYS = Set.of("DESTINATION_URL", "DESTINATION_USERNAME", "DESTINATION_PASSWORD",
      "DESTINATION_TOKEN", "DESTINATION_CREDENTIALS_FILE", "DESTINATION_POLL_SECONDS");

  /** The storage types that work as a destination account today. */
  static final Set<String> SUPPORTED_TYPES = Set.of("caldav", "ics");

  /**
   * Reads the destination keys; null when {@code DESTINATION_URL} is unset.
   *
   * @throws ConfigException naming the key of an invalid or unsupported value
   */
  static DestinationConfig read(Map<String, String> values) {
    ServerConfig.Reader r = new ServerConfig.Reader(values);
    if (r.string("EXCHANGE_SERVER_URL", null) != null) {
      throw new ConfigException("EXCHANGE_SERVER_URL", "not supported yet: an Exchange destination"
          + " (EXCHANGE_SERVER_URL); use DESTINATION_URL with a caldav+https:// or ics: URI");
    }
    String url = r.string("DESTINATION_URL", null);
    int poll = r.integer("DESTINATION_POLL_SECONDS", 10, 1, 86_400);
    if (url == null) return null;
    String type;
    try {
      type = StorageUri.parse(url).type();
    } catch (StorageException.InvalidConfiguration e) {
      throw new ConfigException("DESTINATION_URL", e.getMessage());
    }
    if (!SUPPORTED_TYPES.contains(type)) {
      throw new ConfigException("DESTINATION_URL", "not supported yet: a '" + type + "' destination; use a"
          + " caldav+https://host/path/ or ics:/folder URI");
    }
    Credentials credentials = credentials(r);
    if (type.equals("ics") && credentials != Credentials.none()) {
      throw new ConfigException("DESTINATION_URL", "an ics: destination needs no credentials: unset"
          + " DESTINATION_USERNAME, DESTINATION_PASSWORD, DESTINATION_TOKEN and DESTINATION_CREDENTIALS_FILE");
    }
    return new DestinationConfig(url, type, credentials, poll);
  }

  /** One way of logging in at most; a token, a user name with password, or a file holding either. */
  private static Credentials credentials(ServerConfig.Reader r) {
    String token = r.string("DESTINATION_TOKEN", null);
    String user = r.string("DESTINATION_USERNAME", null);
    String file = r.string("DESTINATION_CREDENTIALS_FILE", null);
    int ways = (token != null ? 1 : 0) + (user != null ? 1 : 0) + (file != null ? 1 : 0);
    if (ways > 1) {
      throw new ConfigException(token != null ? "DESTINATION_TOKEN" : "DESTINATION_USERNAME", "give one of"
          + " DESTINATION_TOKEN, DESTINATION_USERNAME (with DESTINATION_PASSWORD) or DESTINATION_CREDENTIALS_FILE");
    }
    if (token != null) return Credentials.bearer(token);
    if (user != null) {
      // a password may legitimately end in spaces, so it is taken as written
      String password = r.values().get("DESTINATION_PASSWORD");
      return Credentials.basic(user, password == null ? "" : password);
    }
    if (file != null) {
      try {
        return CaldavSettings.readCredentials(Path.of(file));
      } catch (StorageException.InvalidConfiguration e) {
        throw new ConfigException("DESTINATION_CREDENTIALS_FILE", e.getMessage());
      }
    }
    if (r.string("DESTINATION_PASSWORD", null) != null) {
      throw new ConfigException("DESTINATION_PASSWORD", "DESTINATION_PASSWORD needs DESTINATION_USERNAME");
    }
    return Credentials.none();
  }

  /** Never prints a password or token. */
  @Override
  public String toString() {
    return url + " (" + credentials + ", poll every " + pollSeconds + " s)";
  }
}
