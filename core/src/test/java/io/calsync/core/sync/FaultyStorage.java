package io.calsync.core.sync;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Test-only wrapper that injects faults into a storage: a failing listing, unreadable hrefs,
 * the Nth write failing (before or after it took effect, the latter simulating a kill between a
 * write and its status record), per-UID write failures, and writes that report no etag.
 */
final class FaultyStorage extends DelegatingStorage {

  private RuntimeException listFailure;
  private final Map<String, String> unreadable = new HashMap<>();
  private final Map<String, Supplier<? extends RuntimeException>> uidFailures = new HashMap<>();
  private int failAtWrite = -1;
  private boolean failAfterWrite;
  private Supplier<? extends RuntimeException> writeFailure;
  private boolean nullEtags;
  private int writes;
  private int flushes;
  private RuntimeException flushFailure;
  private RuntimeException metadataReadFailure;
  private RuntimeException metadataWriteFailure;
  private boolean noDescription;

  FaultyStorage(CalendarStorage delegate) {
    super(delegate);
  }

  FaultyStorage failList(RuntimeException e) {
    this.listFailure = e;
    return this;
  }

  FaultyStorage unreadable(String href, String reason) {
    unreadable.put(href, reason);
    return this;
  }

  /** The {@code n}th write (1-based) throws; after it took effect if {@code afterWrite}. */
  FaultyStorage failWrite(int n, boolean afterWrite, Supplier<? extends RuntimeException> e) {
    this.failAtWrite = n;
    this.failAfterWrite = afterWrite;
    this.writeFailure = e;
    return this;
  }

  /** Every write of this UID throws (before taking effect). */
  FaultyStorage failUid(String uid, Supplier<? extends RuntimeException> e) {
    uidFailures.put(uid, e);
    return this;
  }

  FaultyStorage nullEtags(boolean nullEtags) {
    this.nullEtags = nullEtags;
    return this;
  }

  synchronized int writes() {
    return writes;
  }

  @Override
  public String location() {
    return "faulty:" + delegate.location();
  }

  @Override
  public CalendarMeta metadata() {
    if (metadataReadFailure != null) {
      throw metadataReadFailure;
    }
    CalendarMeta m = delegate.metadata();
    return noDescription
        ? new CalendarMeta(m.id(), m.name(), m.color(), null, m.timeZone(), m.readOnly())
        : m;
  }

  FaultyStorage failMetadataRead(RuntimeException e) {
    this.metadataReadFailure = e;
    return this;
  }

  FaultyStorage failMetadataWrite(RuntimeException e) {
    this.metadataWriteFailure = e;
    return this;
  }

  /** A storage that has no place for a description: it never reads one, writes drop it. */
  FaultyStorage noDescription() {
    this.noDescription = true;
    return this;
  }

  @Override
  public Listing list() {
    if (listFailure != null) {
      throw listFailure;
    }
    return delegate.list();
  }

  @Override
  public Optional<Changes> changesSince(String syncToken) {
    if (listFailure != null) {
      throw listFailure;
    }
    return delegate.changesSince(syncToken);
  }

  @Override
  public List<Fetched> get(Collection<String> hrefs) {
    List<Fetched> out = new ArrayList<>();
    for (Fetched f : delegate.get(hrefs)) {
      String reason = unreadable.get(f.href());
      out.add(reason != null && f instanceof Fetched.Found found
          ? new Fetched.Unreadable(f.href(), found.etag(), reason)
          : f);
    }
    return out;
  }

  @Override
  public WriteResult create(Item item) {
    return write(item.uid(), () -> delegate.create(item));
  }

  @Override
  public WriteResult update(String href, Item item, String ifMatch) {
    return write(item.uid(), () -> delegate.update(href, item, ifMatch));
  }

  @Override
  public void delete(String href, String ifMatch) {
    String uid =
        delegate.get(List.of(href)).stream()
            .filter(f -> f instanceof Fetched.Found)
            .map(f -> ((Fetched.Found) f).item().uid())
            .findFirst()
            .orElse("");
    write(uid, () -> {
      delegate.delete(href, ifMatch);
      return null;
    });
  }

  @Override
  public void updateMetadata(MetadataChange change) {
    if (metadataWriteFailure != null) {
      throw metadataWriteFailure;
    }
    delegate.updateMetadata(
        noDescription ? new MetadataChange(change.name(), change.color(), null, change.timeZone()) : change);
  }

  @Override
  public void flush() {
    flushes++;
    if (flushFailure != null) {
      throw flushFailure;
    }
    delegate.flush();
  }

  FaultyStorage failFlush(RuntimeException e) {
    this.flushFailure = e;
    return this;
  }

  int flushes() {
    return flushes;
  }

  /** Synchronized: the engine may call it from several writer threads at once. */
  private synchronized WriteResult write(String uid, Supplier<WriteResult> op) {
    Supplier<? extends RuntimeException> perUid = uidFailures.get(uid);
    if (perUid != null) {
      throw perUid.get();
    }
    int n = ++writes;
    if (n == failAtWrite && !failAfterWrite) {
      throw writeFailure.get();
    }
    WriteResult r = op.get();
    if (n == failAtWrite) {
      throw writeFailure.get();
    }
    return r == null || !nullEtags ? r : new WriteResult(r.href(), null);
  }

  static StorageException unavailable() {
    return new StorageException.Unavailable("server down", null);
  }
}
