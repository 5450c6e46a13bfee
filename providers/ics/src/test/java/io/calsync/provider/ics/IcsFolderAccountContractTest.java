package io.calsync.provider.ics;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.provider.testkit.CalendarAccountContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class IcsFolderAccountContractTest extends CalendarAccountContract {

  @TempDir Path tmp;

  @Override
  protected CalendarAccount newEmptyAccount() {
    return IcsFolderAccount.open(tmp.resolve("calendars"));
  }
}
