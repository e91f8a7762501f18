import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Storyboard } from "@/lib/validation/storyboard";
import { startAppEnv } from "../support/app-env";

/**
 * GET /api/stories/[id]/events (server-sent events) and POST /api/stories/[id]/presence, on the embedded database
 * (in-process bus): a save arrives on an open stream, presence reaches the other viewer, an abort removes the
 * listener. Who may open them at all is in the permission matrix.
 */

const who: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => who.actor }));

const actor = (id: string, name: string, workspace: string): Actor => ({
  user: { id, name, email: `${id}@example.test` },
  workspace: { id: workspace, name: workspace },
  role: "editor",
  workspaces: [{ id: workspace, name: workspace, role: "editor" }],
  sessionId: `session-${id}`,
});
const ana = actor("ana", "Ana", "ws-a");
const ben = actor("ben", "Ben", "ws-a");

let env: Awaited<ReturnType<typeof startAppEnv>>;
let route: typeof import("@/app/api/stories/[id]/events/route");
let presence: typeof import("@/app/api/stories/[id]/presence/route");
let q: typeof import("@/lib/db/queries");
let db: import("@/lib/db").Db;
let bus: typeof import("@/lib/live/bus");

const board: Storyboard = {
  characters: [],
  environments: [],
  objects: [],
  music: { description: "waves", lyrics: "" },
  scenes: [{ name: "One", image_description: "the sea", video_description: "pan", narrator: "hello", image_url: "" }],
};

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 60_000 });
  route = await import("@/app/api/stories/[id]/events/route");
  presence = await import("@/app/api/stories/[id]/presence/route");
  q = await import("@/lib/db/queries");
  bus = await import("@/lib/live/bus");
  db = await (await import("@/lib/db")).getDb();
  const schema = await import("@/lib/db/schema");
  await db.insert(schema.organization).values({ id: "ws-a", name: "A", slug: "a" });
});

afterAll(async () => {
  await bus?.closeLiveBus();
  await env?.stop();
});

/** Reads SSE messages from a stream until `until` matches one; returns them all. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: (msg: string) => boolean, seen: string[] = []) {
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended; saw ${JSON.stringify(seen)}`);
    buffer += decoder.decode(value, { stream: true });
    const parts = buffer.split("\n\n");
    buffer = parts.pop() ?? "";
    for (const msg of parts) {
      seen.push(msg);
      if (until(msg)) return seen;
    }
  }
}

const open = (id: string, controller: AbortController, client?: string) =>
  route.GET(new Request(`http://app.test/api/stories/${id}/events${client ? `?client=${client}` : ""}`, { signal: controller.signal }), {
    params: Promise.resolve({ id }),
  });

const report = (id: string, body: unknown) =>
  presence.POST(new Request(`http://app.test/api/stories/${id}/presence`, { method: "POST", body: JSON.stringify(body) }), {
    params: Promise.resolve({ id }),
  });

describe("story events route", () => {
  it("streams a save and a step start made after it opened, and an abort removes its listener", async () => {
    const story = await q.createStory(db, { mode: "advanced", idea: "x", storyboard: board, status: "ready", workspaceId: "ws-a" });
    who.actor = ana;
    const controller = new AbortController();
    const res = await open(story.id, controller);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    await readUntil(reader, (m) => m.startsWith("event: presence"));
    expect(bus.liveBus().listeners(story.id)).toBe(1);

    // Someone saves (through the one place a version is stored): the open page hears "saved".
    const saved = await q.saveStoryboard(db, { id: story.id, baseVersion: story.version, storyboard: { ...board, scenes: [{ ...board.scenes[0], narrator: "edited" }] }, source: "edit" });
    expect(saved.ok).toBe(true);
    const seen = await readUntil(reader, (m) => m.startsWith("event: story"));
    expect(JSON.parse(seen.at(-1)!.split("data: ")[1])).toMatchObject({ type: "saved" });

    // Someone starts a paid step: the open page hears "status" (and starts following the step).
    expect(await q.claimStep(db, story.id, "elements")).not.toBeNull();
    const started = await readUntil(reader, (m) => m.startsWith("event: story"));
    expect(JSON.parse(started.at(-1)!.split("data: ")[1])).toMatchObject({ type: "status" });

    controller.abort();
    await expect.poll(() => bus.liveBus().listeners(story.id)).toBe(0);
    await expect(reader.read()).resolves.toMatchObject({ done: true });
  });

  it("presence: the other viewer and their scene reach an open stream, never oneself; leaving removes them", async () => {
    const story = await q.createStory(db, { mode: "advanced", idea: "x", storyboard: board, status: "ready", workspaceId: "ws-a" });
    who.actor = ana;
    const controller = new AbortController();
    const reader = (await open(story.id, controller)).body!.getReader();
    await readUntil(reader, (m) => m.startsWith("event: presence"));

    const sceneId = crypto.randomUUID();
    const client = crypto.randomUUID();
    who.actor = ben;
    expect((await report(story.id, { client, sceneId })).status).toBe(200);
    const seen = await readUntil(reader, (m) => m.includes('"Ben"'));
    expect(JSON.parse(seen.at(-1)!.split("data: ")[1])).toEqual({ viewers: [{ userId: "ben", name: "Ben", sceneId }] });
    // Ana's own report is not shown to Ana.
    who.actor = ana;
    await report(story.id, { client: crypto.randomUUID() });
    who.actor = ben;
    await report(story.id, { client, left: true });
    await readUntil(reader, (m) => m === 'event: presence\ndata: {"viewers":[]}');

    // Bad reports are refused with a message, and change nothing.
    expect((await report(story.id, { client: "not-an-id" })).status).toBe(400);
    expect((await report(story.id, "x".repeat(5_000))).status).toBe(400);
    controller.abort();
  });

  it("a stream whose page goes away says the viewer left", async () => {
    const story = await q.createStory(db, { mode: "advanced", idea: "x", storyboard: board, status: "ready", workspaceId: "ws-a" });
    who.actor = ana;
    const watching = new AbortController();
    const reader = (await open(story.id, watching)).body!.getReader();
    await readUntil(reader, (m) => m.startsWith("event: presence"));
    who.actor = ben;
    const client = crypto.randomUUID();
    await report(story.id, { client });
    const benTab = new AbortController();
    await open(story.id, benTab, client);
    await readUntil(reader, (m) => m.includes('"Ben"'));
    benTab.abort();
    await readUntil(reader, (m) => m === 'event: presence\ndata: {"viewers":[]}');
    watching.abort();
  });
});
