/**
 * The Storage SPI: what every calendar provider implements (ics folders, CalDAV, Google, Outlook…).
 *
 * <p>{@link io.calsync.core.storage.CalendarStorage} is one calendar collection: list items with
 * their version tokens, fetch, create, update and delete with optimistic concurrency, read and
 * change metadata. {@link io.calsync.core.storage.CalendarAccount} is the place that holds
 * calendars: list, open, create and delete them.
 *
 * <p>Errors are {@link io.calsync.core.storage.StorageException}s: a small tree the engine acts on
 * ({@link io.calsync.core.storage.StorageException#isRetryable()}, precondition failures that
 * mean "look again before writing"). Providers map their own errors onto it.
 *
 * <p>Every implementation runs the contract suite of {@code calsync-provider-testkit}. {@link
 * io.calsync.core.storage.InMemoryStorage} is the reference implementation in memory, used by
 * engine tests, the contract suite and the CLI demo.
 */
package io.calsync.core.storage;
