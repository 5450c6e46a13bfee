package io.calsync.core.sync;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.Capabilities;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Test base: passes every call to another storage; subclasses override what they change. */
abstract class DelegatingStorage implements CalendarStorage {

  final CalendarStorage delegate;

  DelegatingStorage(CalendarStorage delegate) {
    this.delegate = delegate;
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public int writeConcurrency() {
    return delegate.writeConcurrency();
  }

  @Override
  public CalendarMeta metadata() {
    return delegate.metadata();
  }

  @Override
  public Listing list() {
    return delegate.list();
  }

  @Override
  public Optional<Changes> changesSince(String syncToken) {
    return delegate.changesSince(syncToken);
  }

  @Override
  public List<Fetched> get(Collection<String> hrefs) {
    return delegate.get(hrefs);
  }

  @Override
  public WriteResult create(Item item) {
    return delegate.create(item);
  }

  @Override
  public WriteResult update(String href, Item item, String ifMatch) {
    return delegate.update(href, item, ifMatch);
  }

  @Override
  public void delete(String href, String ifMatch) {
    delegate.delete(href, ifMatch);
  }

  @Override
  public void updateMetadata(MetadataChange change) {
    delegate.updateMetadata(change);
  }

  @Override
  public void flush() {
    delegate.flush();
  }
}
