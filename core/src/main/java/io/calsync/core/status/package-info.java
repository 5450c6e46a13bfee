/**
 * The status store port: what both sides of a sync pair looked like after the last sync of each
 * item (the third leg of the three-way comparison), the calendar metadata both sides held, sync
 * tokens, and manual conflict records.
 * The engine owns this port; {@code calsync-store-sqlite} implements it durably and {@link
 * io.calsync.core.status.StatusStore#inMemory()} in memory.
 */
package io.calsync.core.status;
