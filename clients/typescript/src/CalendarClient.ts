// CalendarClient: the calsync master's REST API for browsers (Next.js/React), Node and agents.
// Every request and response type comes from src/generated/api.ts, which openapi-typescript
// generates from the master's openapi.json (npm run generate; a test fails when it is stale).
import type { components, paths } from "./generated/api.js";

export type Schemas = components["schemas"];
type Method = "get" | "post" | "put" | "delete";

/** The JSON body of an operation's success answer (200 or 201), as openapi.json describes it. */
export type ResponseOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { "application/json": infer T } } }
    ? T
    : R extends { 201: { content: { "application/json": infer T } } }
      ? T
      : never
  : never;

/** The JSON body an operation takes. */
export type RequestOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

export type CalendarList = ResponseOf<"/calendars", "get">;
export type CalendarChanged = Schemas["CalendarChanged"];
export type MetadataUpdates = Pick<Schemas["CalendarRequest"], "name" | "color" | "description">;
export type PushResult = Schemas["PushResult"];
export type AgentStatusList = Schemas["AgentStatusList"];

/** A refusal from the master: its HTTP status and RFC 9457 problem detail. */
export class CalendarApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Schemas["Problem"] | undefined,
  ) {
    super(problem?.detail ?? `the master answered HTTP ${status}`);
    this.name = "CalendarApiError";
  }
}

export interface CalendarClientOptions {
  /**
   * The admin key, an API key, a JWT or (for an agent) its agent secret; sent as X-API-Key.
   * In a browser app keep it on the server side (a Next.js route handler), never in client code.
   */
  apiKey?: string;
  /** Another fetch (tests, Next.js's cache-aware fetch); the global one by default. */
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | boolean | undefined>;

export class CalendarClient {
  private readonly baseUrl: string;
  private readonly apiKey?: string;
  private readonly fetchFn: typeof fetch;

  constructor(baseUrl: string, options: CalendarClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.apiKey = options.apiKey;
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  // ---- the seed's four methods ------------------------------------------------------------

  /** Every master calendar with the agent sources holding it. */
  getCalendars(): Promise<CalendarList> {
    return this.call("GET", "/calendars");
  }

  /** Renames/recolours a calendar; the master queues calendar_metadata for every holding agent. */
  updateCalendarMetadata(calendarId: string, updates: MetadataUpdates): Promise<CalendarChanged> {
    return this.call("PUT", `/calendars/${seg(calendarId)}`, updates);
  }

  /** Queues calendar metadata changes for the holders of a calendar, or for {@link targetAgents}. */
  pushToAgents(push: Schemas["CalendarMetadataPush"], targetAgents?: string[]): Promise<PushResult> {
    const body = targetAgents ? { ...push, target_agents: targetAgents } : push;
    return this.call("POST", "/sync/push/calendar-metadata", body);
  }

  /** Every agent's liveness (active / stale / offline), last check-in and pending updates. */
  getAgentStatus(): Promise<AgentStatusList> {
    return this.call("GET", "/sync/agents/status");
  }

  // ---- calendars and items ----------------------------------------------------------------

  health(): Promise<ResponseOf<"/health", "get">> {
    return this.call("GET", "/health");
  }

  createCalendar(request: Schemas["CalendarRequest"]): Promise<CalendarChanged> {
    return this.call("POST", "/calendars", request);
  }

  /** Deletes the master record; with {@code propagate} also queues calendar_delete to the holders. */
  deleteCalendar(calendarId: string, options: { propagate?: boolean } = {}): Promise<ResponseOf<"/calendars/{calendar_id}", "delete">> {
    return this.call("DELETE", `/calendars/${seg(calendarId)}`, undefined, { propagate: options.propagate });
  }

  /** A calendar's consolidated items changed after {@code since} (0: every live item). */
  getCalendarItems(calendarId: string, options: { since?: number; limit?: number } = {}): Promise<Schemas["CalendarItems"]> {
    return this.call("GET", `/calendars/${seg(calendarId)}/items`, undefined, options);
  }

  pushSyncConfig(push: Schemas["SyncConfigPush"]): Promise<PushResult> {
    return this.call("POST", "/sync/push/sync-config", push);
  }

  // ---- agents (as seen by an admin) -------------------------------------------------------

  getAgent(agentId: string): Promise<Schemas["AgentStatusView"]> {
    return this.call("GET", `/sync/agents/${seg(agentId)}/status`);
  }

  getAgentHistory(agentId: string, options: { limit?: number } = {}): Promise<ResponseOf<"/sync/agents/{agent_id}/history", "get">> {
    return this.call("GET", `/sync/agents/${seg(agentId)}/history`, undefined, options);
  }

  /** Queues one update of any type straight to an agent. */
  sendToAgent(agentId: string, update: Schemas["DirectUpdateRequest"]): Promise<PushResult> {
    return this.call("POST", `/sync/agents/${seg(agentId)}/receive-updates`, update);
  }

  // ---- queues, activity, conflicts --------------------------------------------------------

  getQueueStatus(): Promise<ResponseOf<"/sync/queues/status", "get">> {
    return this.call("GET", "/sync/queues/status");
  }

  getQueueStats(options: { limit?: number } = {}): Promise<ResponseOf<"/sync/queues/stats", "get">> {
    return this.call("GET", "/sync/queues/stats", undefined, options);
  }

  cleanupQueues(): Promise<ResponseOf<"/sync/queues/cleanup", "post">> {
    return this.call("POST", "/sync/queues/cleanup");
  }

  retryDeadLetter(agentId: string, updateId: string): Promise<ResponseOf<"/sync/queues/{agent_id}/dead/{update_id}/retry", "post">> {
    return this.call("POST", `/sync/queues/${seg(agentId)}/dead/${seg(updateId)}/retry`);
  }

  /** Gives up on a dead update: rejected for good, purged later by the retention cleanup. */
  discardDeadLetter(agentId: string, updateId: string): Promise<ResponseOf<"/sync/queues/{agent_id}/dead/{update_id}/discard", "post">> {
    return this.call("POST", `/sync/queues/${seg(agentId)}/dead/${seg(updateId)}/discard`);
  }

    getRecentActivity(options: { limit?: number } = {}): Promise<ResponseOf<"/sync/activity/recent", "get">> {
    return this.call("GET", "/sync/activity/recent", undefined, options);
  }

  getDestinationStatus(): Promise<Schemas["DestinationStatus"]> {
    return this.call("GET", "/sync/destination/status");
  }

  /** Open conflicts first (newest first), then recently resolved ones. */
  getConflicts(options: { limit?: number } = {}): Promise<ResponseOf<"/sync/conflicts/recent", "get">> {
    return this.call("GET", "/sync/conflicts/recent", undefined, options);
  }

  getConflict(conflictId: string): Promise<Schemas["Conflict"]> {
    return this.call("GET", `/sync/conflicts/${seg(conflictId)}`);
  }

  /** {@code source_wins}: the incoming version; {@code destination_wins}: the master's; or a merged {@code ics}. */
  resolveConflict(conflictId: string, resolution: Schemas["ConflictResolveRequest"]): Promise<Schemas["ConflictResolved"]> {
    return this.call("POST", `/sync/conflicts/${seg(conflictId)}/resolve`, resolution);
  }

  // ---- the agent protocol (with the agent's own secret) -----------------------------------

  heartbeat(agentId: string, request: Schemas["HeartbeatRequest"] = {}): Promise<Schemas["HeartbeatResponse"]> {
    return this.call("POST", `/sync/agents/${seg(agentId)}/heartbeat`, request);
  }

  /** Takes the agent's due updates; with {@code wait} (seconds, max 60) long-polls for the next one. */
  getPendingUpdates(agentId: string, options: { wait?: number } = {}): Promise<Schemas["PendingUpdates"]> {
    return this.call("GET", `/sync/agents/${seg(agentId)}/pending-updates`, undefined, options);
  }

  /** Acknowledges an update: success by default; {@code success: false} retries it later. */
  ackUpdate(agentId: string, updateId: string, ack: Schemas["AckRequest"] = { success: true }): Promise<Schemas["AckResponse"]> {
    return this.call("POST", `/sync/agents/${seg(agentId)}/updates/${seg(updateId)}/processed`, ack);
  }

  uploadItems(agentId: string, upload: Schemas["ItemUpload"]): Promise<Schemas["ItemUploadResult"]> {
    return this.call("POST", `/sync/agents/${seg(agentId)}/items`, upload);
  }

  listItems(agentId: string, options: { source_name?: string; since?: number; limit?: number } = {}): Promise<Schemas["ItemListing"]> {
    return this.call("GET", `/sync/agents/${seg(agentId)}/items`, undefined, options);
  }

  // ---- credentials (admin) ----------------------------------------------------------------

  createApiKey(request: RequestOf<"/admin/api-keys", "post">): Promise<ResponseOf<"/admin/api-keys", "post">> {
    return this.call("POST", "/admin/api-keys", request);
  }

  listApiKeys(): Promise<ResponseOf<"/admin/api-keys", "get">> {
    return this.call("GET", "/admin/api-keys");
  }

  revokeApiKey(keyId: string): Promise<Schemas["ApiKey"]> {
    return this.call("DELETE", `/admin/api-keys/${seg(keyId)}`);
  }

  issueAgentSecret(agentId: string): Promise<ResponseOf<"/admin/agents/{agent_id}/secret", "post">> {
    return this.call("POST", `/admin/agents/${seg(agentId)}/secret`);
  }

  revokeAgentSecret(agentId: string): Promise<ResponseOf<"/admin/agents/{agent_id}/secret", "delete">> {
    return this.call("DELETE", `/admin/agents/${seg(agentId)}/secret`);
  }

  // ---- transport --------------------------------------------------------------------------

  private async call<T>(method: string, path: string, body?: unknown, query: Query = {}): Promise<T> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (this.apiKey) headers["X-API-Key"] = this.apiKey;
    const response = await this.fetchFn(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text === "" ? undefined : JSON.parse(text);
    if (!response.ok) throw new CalendarApiError(response.status, json as Schemas["Problem"] | undefined);
    return json as T;
  }
}

/** One path segment, escaped: ids come from users and agents. */
function seg(id: string): string {
  return encodeURIComponent(id);
}
