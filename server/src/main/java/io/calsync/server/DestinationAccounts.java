package io.calsync.server;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.provider.StorageUri;
import io.calsync.provider.Storages;
import io.calsync.provider.caldav.CaldavSettings;
import io.calsync.provider.caldav.CaldavStorageFactory;

/**
 * Opens the destination account of {@code DESTINATION_URL}. CalDAV gets the destination's own
 * credentials (never the CLI's {@code CALSYNC_*} environment); every other type opens as {@link
 * Storages#openAccount} does. Opening a CalDAV account runs discovery, so it may fail with the
 * server down: callers retry.
 */
final class DestinationAccounts {
  private DestinationAccounts() {}

  static CalendarAccount open(DestinationConfig config) {
    StorageUri uri = StorageUri.parse(config.url());
    if (config.type().equals("caldav")) {
      return new CaldavStorageFactory(CaldavSettings.of(config.credentials())).openAccount(uri);
    }
    return Storages.openAccount(config.url());
  }
}
