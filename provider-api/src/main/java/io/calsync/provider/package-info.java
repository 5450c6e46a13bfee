/**
 * Finding storages by type: {@link io.calsync.provider.StorageFactory} is the ServiceLoader SPI
 * each provider module registers, {@link io.calsync.provider.StorageUri} the {@code type:value}
 * form users write, and {@link io.calsync.provider.Storages} the entry point that opens a URI.
 *
 * <p>The storages themselves implement {@link io.calsync.core.storage.CalendarStorage} and {@link
 * io.calsync.core.storage.CalendarAccount} from {@code calsync-core}, and run the contract suite
 * of {@code calsync-provider-testkit}.
 */
package io.calsync.provider;
