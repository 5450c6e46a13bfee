package io.calsync.provider.ics;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.StorageFactory;
import io.calsync.provider.StorageUri;

/**
 * Type {@code ics}: a folder of {@code .ics} files ({@link IcsFolderStorage}); as an account, a
 * folder of such folders ({@link IcsFolderAccount}).
 */
public final class IcsStorageFactory implements StorageFactory {

  @Override
  public String type() {
    return "ics";
  }

  @Override
  public String description() {
    return "a folder of .ics files, one event per file (the vdir layout of vdirsyncer and khal)";
  }

  @Override
  public String uriExample() {
    return "ics:/home/me/calendars/work";
  }

  @Override
  public CalendarStorage open(StorageUri uri) {
    return IcsFolderStorage.open(uri.path());
  }

  @Override
  public CalendarAccount openAccount(StorageUri uri) {
    return IcsFolderAccount.open(uri.path());
  }
}
