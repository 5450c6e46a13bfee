package io.calsync.store.sqlite;

import io.calsync.core.status.StatusStore;

/** The in-memory store keeps the same contract as the SQLite one, so engine tests stay truthful. */
class InMemoryStatusStoreTest extends StatusStoreContract {
  @Override
  protected StatusStore newStore() {
    return StatusStore.inMemory();
  }
}
