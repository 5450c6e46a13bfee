package io.calsync.server;

import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.testkit.CalendarStorageContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A master calendar seen as a storage passes the contract every storage passes. */
class ConsolidatedStorageContractTest extends CalendarStorageContract {
  @TempDir Path dataDir;
  TestMaster master;
  int calendars;

  @BeforeEach
  void start() {
    master = TestMaster.start(dataDir, Map.of());
  }

  @AfterEach
  void stop() {
    master.close();
  }

  @Override
  protected CalendarStorage newEmptyStorage() {
    String id = "contract-" + (++calendars);
    var r = master.post("/calendars", "{\"id\":\"" + id + "\",\"name\":\"Contract " + calendars + "\"}");
    if (r.status() != 201 && r.status() != 200) throw new AssertionError("create calendar: " + r.raw());
    return master.server.consolidatedStorage(id);
  }

  @Override
  protected CalendarStorage reopen(CalendarStorage storage) {
    return master.server.consolidatedStorage(storage.metadata().id());
  }
}
