import { describe, expect, inject, it } from "vitest";
import { CalendarApiError, CalendarClient } from "../src/index.js";

const admin = new CalendarClient(inject("masterUrl"), { apiKey: inject("adminKey") });

/** An agent source holding master calendar {@link master}, taking renames and event changes. */
function source(name: string, master: string) {
  return {
    type: "outlook",
    name,
    calendar_name: name,
    calendar_id: `prov-${name}`,
    master_calendar_id: master,
    allow_metadata_updates: true,
    allow_event_updates: true,
  };
}

/** Two agents whose sources share one master calendar; unique per test, as all tests share one master. */
async function twoAgentsSharing(tag: string) {
  const calendar = `cal-${tag}`;
  const [a1, a2] = [`${tag}-a1`, `${tag}-a2`];
  await admin.heartbeat(a1, { agent_name: `${a1} pc`, calendar_sources: [source(`${tag}-work`, calendar)] });
  await admin.heartbeat(a2, { agent_name: `${a2} pc`, calendar_sources: [source(`${tag}-job`, calendar)] });
  return { calendar, a1, a2 };
}

function event(uid: string, summary: string, lastModified: string, sequence: number): string {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//calsync//ts-client test//EN", "BEGIN:VEVENT", `UID:${uid}`,
    "DTSTAMP:20260101T000000Z", "DTSTART:20260201T100000Z", "DTEND:20260201T110000Z", `SUMMARY:${summary}`,
    `LAST-MODIFIED:${lastModified}`, `SEQUENCE:${sequence}`, "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");
}

describe("CalendarClient against a real master", () => {
  it("getAgentStatus lists the agents that sent heartbeats, as active", async () => {
    const { a1, a2 } = await twoAgentsSharing("status");
    const status = await admin.getAgentStatus();
    expect(status.agent_status[a1]?.status).toBe("active");
    expect(status.agent_status[a2]?.name).toBe(`${a2} pc`);
    expect(status.total_agents).toBeGreaterThanOrEqual(2);
  });

  it("getCalendars shows a shared calendar with both agents' sources", async () => {
    const { calendar, a1, a2 } = await twoAgentsSharing("list");
    const { calendars } = await admin.getCalendars();
    const shared = calendars?.find((c) => c.id === calendar);
    expect(shared?.sources?.map((s) => s.agent_id).sort()).toEqual([a1, a2]);
  });

  it("updateCalendarMetadata queues the rename for every holder, which the agents take and ack", async () => {
    const { calendar, a1, a2 } = await twoAgentsSharing("rename");
    const changed = await admin.updateCalendarMetadata(calendar, { name: "Renamed by TS", color: "#112233" });
    expect(changed.calendar.name).toBe("Renamed by TS");
    expect(changed.updates_queued).toBe(2);
    expect(changed.agents.sort()).toEqual([a1, a2]);

    const { updates } = await admin.getPendingUpdates(a1);
    const rename = updates?.find((u) => u.type === "calendar_metadata");
    expect(rename?.data).toMatchObject({ master_calendar_id: calendar, changes: { name: "Renamed by TS", color: "#112233" } });
    const ack = await admin.ackUpdate(a1, rename!.id!);
    expect(ack.state).toBe("processed");
    expect((await admin.getAgent(a1)).pending_updates).toBe(0);
  });

  it("pushToAgents with target agents queues for those agents only", async () => {
    const { calendar, a1, a2 } = await twoAgentsSharing("push");
    const result = await admin.pushToAgents({ calendar_id: calendar, changes: { color: "#445566" } }, [a2]);
    expect(result.agents).toEqual([a2]);
    expect((await admin.getPendingUpdates(a1)).updates).toEqual([]);
    // a2 joined a calendar that existed already, so its queue also holds the calendar's current name
    const pushed = (await admin.getPendingUpdates(a2)).updates?.map((u) => u.data as { changes?: { color?: string } });
    expect(pushed?.filter((d) => d?.changes?.color === "#445566")).toHaveLength(1);
  });

  it("a concurrent item change becomes a manual conflict, and resolveConflict settles it", async () => {
    const { a1, a2 } = await twoAgentsSharing("conflict");
    await admin.uploadItems(a1, { source_name: "conflict-work", changes: [{ uid: "ts-e1", action: "put", ics: event("ts-e1", "Planning", "20260110T100000Z", 0) }] });
    await admin.uploadItems(a1, { source_name: "conflict-work", changes: [{ uid: "ts-e1", action: "put", ics: event("ts-e1", "Planning", "20260110T110000Z", 1), base_version: 1 }] });
    const stale = await admin.uploadItems(a2, { source_name: "conflict-job", changes: [{ uid: "ts-e1", action: "put", ics: event("ts-e1", "Planning (moved)", "20260110T120000Z", 1), base_version: 1 }] });
    const outcome = stale.results?.[0];
    expect(outcome?.outcome).toBe("conflict");

    const open = (await admin.getConflicts()).conflicts?.find((c) => c.id === outcome?.conflict_id);
    expect(open?.state).toBe("open");
    expect(open?.incoming?.title).toBe("Planning (moved)");

    const resolved = await admin.resolveConflict(outcome!.conflict_id!, { resolution: "source_wins" });
    expect(resolved.conflict?.state).toBe("resolved");
    expect((await admin.getConflict(outcome!.conflict_id!)).resolution).toBe("source_wins");
  });

  it("an agent secret runs its own agent and is refused another agent's queue", async () => {
    const { a1, a2 } = await twoAgentsSharing("secret");
    const issued = await admin.issueAgentSecret(a1);
    const agent = new CalendarClient(inject("masterUrl"), { apiKey: String(issued.agent_secret) });
    expect((await agent.heartbeat(a1)).status).toBeDefined();
    const refusal = await agent.getPendingUpdates(a2).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CalendarApiError);
    expect((refusal as CalendarApiError).status).toBe(403);
  });

  it("a read-only API key may read but not change", async () => {
    const { calendar } = await twoAgentsSharing("reader");
    const key = await admin.createApiKey({ name: "ts reader", role: "read" });
    const reader = new CalendarClient(inject("masterUrl"), { apiKey: key.api_key });
    expect((await reader.getCalendars()).calendars?.length).toBeGreaterThan(0);
    await expect(reader.updateCalendarMetadata(calendar, { name: "nope" })).rejects.toMatchObject({ status: 403 });
  });

  it("a wrong key is a 401 with the master's problem detail", async () => {
    const stranger = new CalendarClient(inject("masterUrl"), { apiKey: "csk_wrong" });
    const error = await stranger.getCalendars().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarApiError);
    expect((error as CalendarApiError).status).toBe(401);
    expect((error as CalendarApiError).problem?.title).toBe("Unauthorized");
    expect((error as CalendarApiError).message).not.toContain("csk_wrong");
  });

  it("a failed update becomes a dead letter, which retryDeadLetter requeues and discardDeadLetter rejects", async () => {
    const { calendar, a1 } = await twoAgentsSharing("dead");
    await admin.updateCalendarMetadata(calendar, { name: "Will fail" });
    const take = async () => (await admin.getPendingUpdates(a1)).updates![0]!;
    const update = await take();
    expect((await admin.ackUpdate(a1, update.id!, { success: false, message: "read-only calendar" })).state).toBe("dead");

    await admin.retryDeadLetter(a1, update.id!);
    expect((await take()).id).toBe(update.id);
    await admin.ackUpdate(a1, update.id!, { success: false, message: "still read-only" });
    const discarded = await admin.discardDeadLetter(a1, update.id!);
    expect(discarded).toMatchObject({ status: "discarded", update: { id: update.id, state: "rejected" } });
    await expect(admin.discardDeadLetter(a1, update.id!)).rejects.toMatchObject({ status: 409 });
  });

  it("queue, activity and health endpoints answer", async () => {
    expect((await admin.health()).status).toBe("healthy");
    expect(await admin.getQueueStats()).toHaveProperty("by_state");
    expect(await admin.cleanupQueues()).toHaveProperty("purged");
    expect((await admin.getRecentActivity({ limit: 5 })).activity).toBeDefined();
  });
});
