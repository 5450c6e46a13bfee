package io.calsync.provider.ics;

import io.calsync.core.model.Item;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.testkit.CalendarStorageContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class IcsFolderStorageContractTest extends CalendarStorageContract {

  @TempDir Path tmp;
  private int count;

  @Override
  protected CalendarStorage newEmptyStorage() {
    return IcsFolderStorage.open(tmp.resolve("calendar-" + ++count));
  }

  @Override
  protected CalendarStorage reopen(CalendarStorage storage) {
    return IcsFolderStorage.open(((IcsFolderStorage) storage).folder());
  }

  @Override
  protected CalendarStorage newReadOnlyStorage(List<Item> items) {
    Path dir = tmp.resolve("read-only-" + ++count);
    try (IcsFolderStorage writable = IcsFolderStorage.open(dir)) {
      items.forEach(writable::create);
    }
    return IcsFolderStorage.open(dir, true, true);
  }
}
