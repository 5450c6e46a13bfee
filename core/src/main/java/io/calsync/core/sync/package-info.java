/**
 * The sync engine: brings two {@link io.calsync.core.storage.CalendarStorage}s into agreement
 * against a {@link io.calsync.core.status.StatusStore}.
 *
 * <p>{@link io.calsync.core.sync.SyncPlanner} decides (pure, documented with the full decision
 * table), {@link io.calsync.core.sync.SyncEngine} reads the sides and applies the plan. Start
 * with the planner's class comment.
 */
package io.calsync.core.sync;
