package io.calsync.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.StorageFactory;
import io.calsync.provider.Storages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ics factories are found through ServiceLoader and open what their URIs name. */
class StorageFactoriesTest {

  @TempDir Path tmp;

  @Test
  void factories_areRegisteredByType() {
    assertThat(Storages.factories()).extracting(StorageFactory::type).contains("ics", "ics-file");
    assertThat(Storages.factory("ics").uriExample()).startsWith("ics:");
    assertThat(Storages.factory("ics-file").uriExample()).startsWith("ics-file:");
  }

  @Test
  void open_icsUri_opensFolderStorage() throws Exception {
    try (CalendarStorage s = Storages.open("ics:" + tmp.resolve("cal"))) {
      assertThat(s).isInstanceOf(IcsFolderStorage.class);
      assertThat(s.location()).isEqualTo("ics:" + tmp.resolve("cal"));
    }
  }

  @Test
  void open_icsFileUri_opensFileStorage() throws Exception {
    try (CalendarStorage s = Storages.open("ics-file:" + tmp.resolve("cal.ics"))) {
      assertThat(s).isInstanceOf(IcsFileStorage.class);
      assertThat(s.list().items()).isEmpty();
    }
  }

  @Test
  void openAccount_icsUri_listsSubFolders() throws Exception {
    try (CalendarAccount account = Storages.openAccount("ics:" + tmp)) {
      assertThat(account).isInstanceOf(IcsFolderAccount.class);
      account.createCalendar(io.calsync.core.model.CalendarMeta.named("Work/Home", "Work"));
      assertThat(account.listCalendars()).extracting(m -> m.id()).containsExactly("Work-Home");
    }
  }
}
