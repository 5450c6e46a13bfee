package io.calsync.provider.ics;

import io.calsync.core.model.Item;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.testkit.CalendarStorageContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class IcsFileStorageContractTest extends CalendarStorageContract {

  @TempDir Path tmp;
  private int count;

  @Override
  protected CalendarStorage newEmptyStorage() {
    return IcsFileStorage.open(tmp.resolve("calendar-" + ++count + ".ics"));
  }

  @Override
  protected CalendarStorage reopen(CalendarStorage storage) {
    return IcsFileStorage.open(((IcsFileStorage) storage).file());
  }

  @Override
  protected CalendarStorage newReadOnlyStorage(List<Item> items) {
    Path file = tmp.resolve("read-only-" + ++count + ".ics");
    try (IcsFileStorage writable = IcsFileStorage.open(file)) {
      items.forEach(writable::create);
    }
    return IcsFileStorage.open(file, true, true);
  }
}
