package io.calsync.provider.testkit;

import io.calsync.core.model.Item;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.InMemoryStorage;
import java.util.List;

/** The contract suite run against core's {@link InMemoryStorage}, the engine tests' fake. */
class InMemoryStorageContractTest extends CalendarStorageContract {

  @Override
  protected CalendarStorage newEmptyStorage() {
    return new InMemoryStorage("contract");
  }

  @Override
  protected CalendarStorage newReadOnlyStorage(List<Item> items) {
    InMemoryStorage storage = new InMemoryStorage("read-only");
    items.forEach(storage::put);
    return storage.readOnly(true);
  }
}
