package io.calsync.provider;

import io.calsync.core.storage.CalendarStorage;

/** A factory registered for the tests only: remembers the URI it was asked to open. */
public final class RecordingStorageFactory implements StorageFactory {

  static volatile StorageUri lastOpened;

  @Override
  public String type() {
    return "recording";
  }

  @Override
  public String description() {
    return "remembers what it was asked to open (tests only)";
  }

  @Override
  public String uriExample() {
    return "recording:/anything";
  }

  @Override
  public CalendarStorage open(StorageUri uri) {
    lastOpened = uri;
    return null;
  }
}
