package io.calsync.agent.master;

import io.calsync.protocol.AckRequest;
import io.calsync.protocol.AckResponse;
import io.calsync.protocol.HeartbeatRequest;
import io.calsync.protocol.HeartbeatResponse;
import io.calsync.protocol.ItemListing;
import io.calsync.protocol.ItemUpload;
import io.calsync.protocol.ItemUploadResult;
import io.calsync.protocol.PendingUpdates;

/**
 * The master as one agent sees it (docs/protocol.md). {@link MasterClient} speaks HTTP; tests use
 * an in-memory master that follows the protocol's decision table.
 *
 * <p>Every call may throw {@link MasterException}: {@link MasterException.Unreachable} (try again
 * later, with backoff) or {@link MasterException.Refused} (the master said no; trying again the
 * same way will not help).
 */
public interface MasterApi {

  HeartbeatResponse heartbeat(HeartbeatRequest request);

  /** The updates waiting for this agent; waits up to {@code waitSeconds} for one to arrive. */
  PendingUpdates pendingUpdates(int waitSeconds);

  /** Confirms (or reports the failure of) one update. */
  AckResponse ack(String updateId, AckRequest ack);

  /** Uploads one batch of local changes of a source. */
  ItemUploadResult upload(ItemUpload upload);

  /** One page of the master's items of a source changed after {@code since} (0: every live one). */
  ItemListing download(String sourceName, long since, int limit);
}
