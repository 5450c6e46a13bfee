package io.calsync.agent.testing;

import io.calsync.agent.master.MasterApi;
import io.calsync.agent.master.MasterException;
import io.calsync.core.model.Item;
import io.calsync.core.sync.ConflictStrategy;
import io.calsync.ical.IcalCodec;
import io.calsync.protocol.AckRequest;
import io.calsync.protocol.AckResponse;
import io.calsync.protocol.HeartbeatRequest;
import io.calsync.protocol.HeartbeatResponse;
import io.calsync.protocol.ItemChange;
import io.calsync.protocol.ItemListing;
import io.calsync.protocol.ItemOutcome;
import io.calsync.protocol.ItemUpload;
import io.calsync.protocol.ItemUploadResult;
import io.calsync.protocol.MasterItem;
import io.calsync.protocol.PendingUpdates;
import io.calsync.protocol.ProtocolVersion;
import io.calsync.protocol.QueuedUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A master calendar in memory that follows docs/protocol.md's decision table, for unit tests of
 * the agent (one master calendar, held by every source name). Strategies: source_wins,
 * destination_wins, manual. Also a queue of pushed updates and the acks received.
 */
public final class InMemoryMaster implements MasterApi {

  /** One UID at the master: current version, tombstone or not, its text, its sequence number. */
  public record Current(long version, boolean deleted, String ics, String hash, long seq) {}

  private final Map<String, Current> items = new LinkedHashMap<>();
  private long seq;
  private ConflictStrategy strategy = ConflictStrategy.SOURCE_WINS;
  private volatile boolean down;
  private volatile int maxChangesPerUpload = Integer.MAX_VALUE;
  private final List<ItemUpload> uploads = new ArrayList<>();
  private final List<String> rejectUids = new ArrayList<>();
  private final LinkedBlockingQueue<QueuedUpdate> queue = new LinkedBlockingQueue<>();
  public final List<HeartbeatRequest> heartbeats = new ArrayList<>();
  public final Map<String, AckRequest> acks = new LinkedHashMap<>();
  private int conflictIds;

  public synchronized InMemoryMaster strategy(ConflictStrategy s) {
    this.strategy = s;
    return this;
  }

  /** From now on every call fails as if the master were unreachable (or, false, answers again). */
  public void down(boolean isDown) {
    this.down = isDown;
  }

  /** Larger uploads are refused with 413, as a master with a small MAX_REQUEST_BYTES does. */
  public void maxChangesPerUpload(int max) {
    this.maxChangesPerUpload = max;
  }

  /** The master will answer {@code rejected} for uploads of this UID. */
  public synchronized void reject(String uid) {
    rejectUids.add(uid);
  }

  /** A change made elsewhere (another agent, the destination): the next version of the item. */
  public synchronized long edit(String uid, String ics) {
    Current c = items.get(uid);
    long v = c == null ? 1 : c.version() + 1;
    items.put(uid, new Current(v, false, ics, hash(ics), ++seq));
    return v;
  }

  public synchronized long deleteElsewhere(String uid) {
    Current c = items.get(uid);
    items.put(uid, new Current(c.version() + 1, true, null, null, ++seq));
    return c.version() + 1;
  }

  public synchronized Current current(String uid) {
    return items.get(uid);
  }

  public synchronized List<ItemUpload> uploads() {
    return List.copyOf(uploads);
  }

  /** Every change uploaded so far, over all batches. */
  public synchronized List<ItemChange> uploadedChanges() {
    return uploads.stream().flatMap(u -> u.changes().stream()).toList();
  }

  public void push(QueuedUpdate update) {
    queue.add(update);
  }

  private void check() {
    if (down) {
      throw new MasterException.Unreachable("in-memory master is down", null);
    }
  }

  @Override
  public synchronized HeartbeatResponse heartbeat(HeartbeatRequest request) {
    check();
    heartbeats.add(request);
    return new HeartbeatResponse("ok", "agent", Instant.now(), ProtocolVersion.CURRENT, true, queue.size(), List.of());
  }

  @Override
  public PendingUpdates pendingUpdates(int waitSeconds) {
    check();
    List<QueuedUpdate> out = new ArrayList<>();
    try {
      QueuedUpdate first = queue.poll(Math.min(waitSeconds, 1), TimeUnit.SECONDS);
      if (first != null) {
        out.add(first);
        queue.drainTo(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new PendingUpdates("agent", out);
  }

  @Override
  public synchronized AckResponse ack(String updateId, AckRequest ack) {
    check();
    acks.put(updateId, ack);
    return new AckResponse("agent", updateId, ack.succeeded() ? "processed" : ack.mayRetry() ? "pending" : "rejected", 0, null);
  }

  @Override
  public synchronized ItemUploadResult upload(ItemUpload upload) {
    check();
    if (upload.changes().size() > maxChangesPerUpload) {
      throw new MasterException.Refused(413, "in-memory master: the body is larger than MAX_REQUEST_BYTES");
    }
    uploads.add(upload);
    List<ItemOutcome> results = new ArrayList<>();
    for (ItemChange change : upload.changes()) {
      results.add(decide(change));
    }
    return new ItemUploadResult("agent", upload.sourceName(), "cal-1", results, 0);
  }

  private ItemOutcome decide(ItemChange ch) {
    if (rejectUids.contains(ch.uid())) {
      return new ItemOutcome(ch.uid(), ItemOutcome.REJECTED, null, null, null, null, "rejected by test");
    }
    Current cur = items.get(ch.uid());
    String hash = ch.isDelete() ? null : hash(ch.ics());
    if (cur != null && (ch.isDelete() ? cur.deleted() : !cur.deleted() && hash.equals(cur.hash()))) {
      return outcome(ch.uid(), ItemOutcome.UNCHANGED, cur);
    }
    boolean agreed = cur == null
        || (cur.deleted() && (ch.baseVersion() == null || ch.baseVersion() == cur.version()))
        || (ch.baseVersion() != null && ch.baseVersion() == cur.version());
    if (agreed || strategy == ConflictStrategy.SOURCE_WINS) {
      long v = cur == null ? 1 : cur.version() + 1;
      Current next = new Current(v, ch.isDelete(), ch.ics(), hash, ++seq);
      items.put(ch.uid(), next);
      return outcome(ch.uid(), ItemOutcome.APPLIED, next);
    }
    if (strategy == ConflictStrategy.MANUAL) {
      return new ItemOutcome(ch.uid(), ItemOutcome.CONFLICT, null, null, null, "c" + ++conflictIds, null);
    }
    return new ItemOutcome(ch.uid(), ItemOutcome.SUPERSEDED, cur.version(), cur.ics(), cur.deleted(), null, null);
  }

  private static ItemOutcome outcome(String uid, String what, Current c) {
    return new ItemOutcome(uid, what, c.version(), null, null, null, null);
  }

  @Override
  public synchronized ItemListing download(String sourceName, long since, int limit) {
    check();
    List<Map.Entry<String, Current>> changed = items.entrySet().stream()
        .filter(e -> e.getValue().seq() > since && (since > 0 || !e.getValue().deleted()))
        .sorted(Comparator.comparingLong(e -> e.getValue().seq()))
        .toList();
    boolean more = changed.size() > limit;
    List<Map.Entry<String, Current>> page = more ? changed.subList(0, limit) : changed;
    long token = more ? page.getLast().getValue().seq() : seq;
    List<MasterItem> out = page.stream()
        .map(e -> new MasterItem(e.getKey(), e.getValue().version(), e.getValue().deleted(), e.getValue().ics(), e.getValue().hash()))
        .toList();
    return new ItemListing("agent", sourceName, "cal-1", token, more, out);
  }

  private static String hash(String ics) {
    Item item = IcalCodec.parseItem(ics, "test");
    return item.hash();
  }
}
