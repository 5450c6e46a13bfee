package io.calsync.provider.ics;

import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.StorageFactory;
import io.calsync.provider.StorageUri;

/**
 * Type {@code ics-file}: one {@code .ics} file holding a whole calendar ({@link IcsFileStorage}).
 */
public final class IcsFileStorageFactory implements StorageFactory {

  @Override
  public String type() {
    return "ics-file";
  }

  @Override
  public String description() {
    return "one .ics file holding a whole calendar (as Outlook, Google or Apple Calendar export)";
  }

  @Override
  public String uriExample() {
    return "ics-file:/home/me/calendars/work.ics";
  }

  @Override
  public CalendarStorage open(StorageUri uri) {
    return IcsFileStorage.open(uri.path());
  }
}
