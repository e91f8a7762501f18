import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { createMemoryBus, createPostgresBus, type LiveBus, type StoryEvent } from "@/lib/live/bus";
import { PRESENCE_TTL_MS, viewersOf } from "@/lib/live/presence";
import { backends, type TestDatabase } from "../db/databases";

/**
 * The live bus: in process (PGlite), and between two app instances over PostgreSQL LISTEN/NOTIFY (two buses, each
 * with its own connection, as two `next start` processes would have).
 */

const at = () => new Date().toISOString();
const story = () => crypto.randomUUID();
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

function collect(bus: LiveBus, storyId: string) {
  const got: StoryEvent[] = [];
  const stop = bus.subscribe(storyId, (e) => got.push(e));
  return { got, stop };
}

describe("live bus in process (PGlite)", () => {
  it("delivers a story's events to its listeners only, and not after they stop listening", async () => {
    const bus = createMemoryBus();
    const [a, b] = [story(), story()];
    const onA = collect(bus, a);
    const onB = collect(bus, b);
    await bus.publish({ storyId: a, type: "saved", by: "u1", at: at() });
    expect(onA.got.map((e) => [e.type, e.by])).toEqual([["saved", "u1"]]);
    expect(onB.got).toEqual([]);
    onA.stop();
    await bus.publish({ storyId: a, type: "status", at: at() });
    expect(onA.got).toHaveLength(1);
  });

  it("a failing listener does not keep the event from the others", async () => {
    const bus = createMemoryBus();
    const id = story();
    bus.subscribe(id, () => {
      throw new Error("boom");
    });
    const ok = collect(bus, id);
    await bus.publish({ storyId: id, type: "comment", itemId: "s1", at: at() });
    expect(ok.got).toHaveLength(1);
  });

  it("publishStoryEvent / subscribeStory use the in-process bus without DATABASE_URL", async () => {
    delete process.env.DATABASE_URL;
    const { publishStoryEvent, subscribeStory, liveBus } = await import("@/lib/live/bus");
    expect(liveBus().kind).toBe("memory");
    const id = story();
    const got: StoryEvent[] = [];
    const stop = subscribeStory(id, (e) => got.push(e));
    await publishStoryEvent({ storyId: id, type: "review", by: "u2", itemId: "scene-1" });
    stop();
    expect(got).toMatchObject([{ storyId: id, type: "review", by: "u2", itemId: "scene-1" }]);
    expect(typeof got[0].at).toBe("string");
  });

  it("presence: one entry per person (the tab editing a scene), without the asker, gone after the TTL or on leaving", async () => {
    const bus = createMemoryBus();
    const id = story();
    await bus.publish({ storyId: id, type: "presence", by: "ana", name: "Ana", client: "tab1", itemId: "scene-4", at: at() });
    await bus.publish({ storyId: id, type: "presence", by: "ana", name: "Ana", client: "tab2", at: at() });
    await bus.publish({ storyId: id, type: "presence", by: "me", name: "Me", client: "tab3", at: at() });
    expect(viewersOf(id, "me")).toEqual([{ userId: "ana", name: "Ana", sceneId: "scene-4" }]);
    expect(viewersOf(id, "me", Date.now() + PRESENCE_TTL_MS + 1)).toEqual([]);
    await bus.publish({ storyId: id, type: "presence", by: "ana", name: "Ana", client: "tab1", itemId: "scene-4", at: at() });
    await bus.publish({ storyId: id, type: "presence", by: "ana", client: "tab1", left: true, at: at() });
    expect(viewersOf(id, "me")).toEqual([]);
  });
});

const pgBackend = backends().find((b) => b.name === "postgres");

describe.skipIf(!pgBackend)("live bus between two instances (PostgreSQL LISTEN/NOTIFY)", () => {
  async function twoInstances() {
    const database: TestDatabase = await pgBackend!.create({ migrate: false });
    opened.push(database);
    const one = createPostgresBus(database.url!, { reconnectMs: 50 });
    const two = createPostgresBus(database.url!, { reconnectMs: 50 });
    opened.push(one, two);
    await Promise.all([one.ready(), two.ready()]);
    return { database, one, two };
  }

  it("an event published on one instance reaches the other's listeners; the publisher's own get it once", async () => {
    const { one, two } = await twoInstances();
    const id = story();
    const onOne = collect(one, id);
    const onTwo = collect(two, id);
    await one.publish({ storyId: id, type: "saved", by: "ana", at: at() });
    await expect.poll(() => onTwo.got.length).toBe(1);
    expect(onTwo.got[0]).toMatchObject({ storyId: id, type: "saved", by: "ana" });
    expect(onTwo.got[0]).not.toHaveProperty("origin");
    // A later event proves the first one's echo has come back meanwhile and was ignored.
    await two.publish({ storyId: id, type: "status", at: at() });
    await expect.poll(() => onOne.got.length).toBe(2);
    expect(onOne.got.map((e) => e.type)).toEqual(["saved", "status"]);
    // Presence travels too: the other instance knows the viewer.
    await one.publish({ storyId: id, type: "presence", by: "ana", name: "Ana", client: crypto.randomUUID(), itemId: "s4", at: at() });
    await expect.poll(() => onTwo.got.some((e) => e.type === "presence")).toBe(true);
  });

  it("uses one connection per instance, however many pages listen", async () => {
    const { database, one } = await twoInstances();
    for (let i = 0; i < 20; i++) collect(one, story());
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const { rows } = await admin.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'");
    await admin.end();
    expect(rows[0].n).toBe(2);
  });

  it("after its connection is killed an instance reconnects, tells its pages to refetch, and receives again", async () => {
    const { database, one, two } = await twoInstances();
    const id = story();
    const onTwo = collect(two, id);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
    // The pages are told to refetch once the connection is back (events meanwhile may be lost).
    await expect.poll(() => onTwo.got.some((e) => e.type === "status"), { timeout: 10_000 }).toBe(true);
    await one.ready();
    await one.publish({ storyId: id, type: "comment", itemId: "s2", at: at() });
    await expect.poll(() => onTwo.got.some((e) => e.type === "comment"), { timeout: 10_000 }).toBe(true);
    await admin.end();
  });

  it("an event too large for NOTIFY still reaches this instance's pages (and fails nothing)", async () => {
    const { one } = await twoInstances();
    const id = story();
    const onOne = collect(one, id);
    await one.publish({ storyId: id, type: "comment", itemId: "x".repeat(9_000), at: at() });
    expect(onOne.got).toHaveLength(1);
  });
});
