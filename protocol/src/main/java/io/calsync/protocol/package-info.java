/**
 * The agent ⇄ master wire protocol: the JSON bodies of the master's REST API as Java records.
 *
 * <p>Field names are the product's snake_case names ({@code agent_id}, {@code updates_queued},
 * {@code calendar_sources}…); every record carries {@code @JsonNaming(SnakeCaseStrategy)} so it
 * reads and writes the same way with any {@link com.fasterxml.jackson.databind.ObjectMapper}, and
 * {@link io.calsync.protocol.ProtocolJson#mapper()} is the configured mapper both sides use
 * (ISO-8601 UTC timestamps, unknown fields ignored so older peers keep working). Bump {@link
 * io.calsync.protocol.ProtocolVersion#CURRENT} on an incompatible change.
 */
package io.calsync.protocol;
