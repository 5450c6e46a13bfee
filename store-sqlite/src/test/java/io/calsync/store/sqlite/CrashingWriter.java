package io.calsync.store.sqlite;

import io.calsync.core.model.Side;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.SideStatus;
import io.calsync.core.status.StatusStore;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link SqliteStateDbTest}: writes batches of 50 items, each batch and its
 * token in one transaction, forever, until the test kills the process. Prints "ready" after the
 * first batch.
 */
final class CrashingWriter {
  static final int BATCH = 50;

  public static void main(String[] args) {
    SqliteStateDb db = SqliteStateDb.open(Path.of(args[0]));
    SyncPair pair = db.pair("ics:/src", "ics:/dst");
    PairLock lock = db.lock(pair); // held until killed: the OS must release it
    StatusStore store = db.status(pair);
    for (int batch = 0; ; batch++) {
      int b = batch;
      store.transaction(
          () -> {
            for (int i = 0; i < BATCH; i++) {
              String uid = "b" + b + "-" + i;
              store.putItem(
                  new ItemStatus(uid, new SideStatus(uid, "e", "h"), new SideStatus(uid, "e", "h")));
            }
            store.putSyncToken(Side.A, Integer.toString(b + 1));
            return null;
          });
      if (batch == 0) {
        System.out.println("ready " + lock);
        System.out.flush();
      }
    }
  }

  private CrashingWriter() {}
}
