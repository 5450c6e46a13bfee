package io.calsync.provider.caldav;

/**
 * Storage type {@code apple}: iCloud calendars over CalDAV. {@code apple:icloud} (any value that
 * is not an http(s) URL) discovers from {@code https://caldav.icloud.com/}; {@code
 * apple+https://…} names a calendar or principal URL. Use an app-specific password in {@code
 * CALSYNC_USERNAME}/{@code CALSYNC_PASSWORD}.
 */
public class AppleStorageFactory extends CaldavStorageFactory {

  public static final String ICLOUD = "https://caldav.icloud.com/";

  public AppleStorageFactory() {
    super();
  }

  public AppleStorageFactory(CaldavSettings settings) {
    super(settings);
  }

  @Override
  public AppleStorageFactory withSettings(CaldavSettings settings) {
    return new AppleStorageFactory(settings);
  }

  @Override
  public String type() {
    return "apple";
  }

  @Override
  public String description() {
    return "iCloud calendars (CalDAV at " + ICLOUD + "); Apple ID and an app-specific password "
        + "in CALSYNC_USERNAME/CALSYNC_PASSWORD";
  }

  @Override
  public String uriExample() {
    return "apple:icloud";
  }

  @Override
  protected String defaultUrl() {
    return ICLOUD;
  }
}
