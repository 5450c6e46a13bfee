/**
 * Storages on local files: {@code ics} ({@link io.calsync.provider.ics.IcsFolderStorage}, a
 * folder with one {@code .ics} file per item, and {@link io.calsync.provider.ics.IcsFolderAccount},
 * a folder of such folders) and {@code ics-file} ({@link io.calsync.provider.ics.IcsFileStorage},
 * one {@code .ics} file holding a whole calendar). Both write atomically (temp file, fsync,
 * rename). Registered through {@code META-INF/services/io.calsync.provider.StorageFactory}.
 */
package io.calsync.provider.ics;
