import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { backends, testDatabaseUrl, assertPostgresReachable, type TestDatabase } from "../db/databases";
import { countRequests, readyStory } from "./helpers";

/**
 * The money-safety core on PostgreSQL with real concurrency: several connections (a pool, and two separate pools
 * standing for two app instances) racing for the same claim, the same intention, a delete against a claim.
 * Runs when TEST_DATABASE_URL is set (required in CI).
 */

const serverUrl = testDatabaseUrl();

describe.runIf(serverUrl)("money safety on PostgreSQL (real concurrency)", () => {
  let test: TestDatabase;
  let sim: RunningSimulator;
  let a: { db: Db; close(): Promise<void> };
  let b: { db: Db; close(): Promise<void> };

  beforeAll(async () => {
    await assertPostgresReachable(serverUrl!);
    test = await backends().find((x) => x.name === "postgres")!.create();
    sim = await startSimulator({ port: 0, timeScale: 0.02 });
    process.env.DATABASE_URL = test.url!;
    process.env.VIMMERSE_BASE_URL = sim.url;
    process.env.SWEEP_INTERVAL_MS = "0";
    delete process.env.VIMMERSE_API_KEY;
    a = await openDatabase({ url: test.url! });
    b = await openDatabase({ url: test.url! });
  });

  afterAll(async () => {
    await (await import("@/lib/db")).closeDb();
    await a?.close();
    await b?.close();
    await sim?.close();
    await test?.close();
    delete process.env.DATABASE_URL;
  });

  it("two instances claiming the same story at once: exactly one wins, 20 times over", async () => {
    const q = await import("@/lib/db/queries");
    for (let i = 0; i < 20; i++) {
      const row = await q.createStory(a.db, { mode: "advanced", status: "ready", stage: "storyboard" });
      const [x, y] = await Promise.all([q.claimStep(a.db, row.id, "elements"), q.claimStep(b.db, row.id, "scenes")]);
      expect([x, y].filter(Boolean)).toHaveLength(1);
    }
  });

  it("the same intention recorded by two instances at once: one row, one sender", async () => {
    const q = await import("@/lib/db/queries");
    const row = await q.createStory(a.db, { mode: "advanced", status: "ready" });
    for (let i = 0; i < 20; i++) {
      const key = `same-${row.id}-${i}`;
      const results = await Promise.all([
        q.beginAttempt(a.db, { storyId: row.id, step: "elements", idempotencyKey: key }),
        q.beginAttempt(b.db, { storyId: row.id, step: "elements", idempotencyKey: key }),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    }
  });

  it("a delete racing a claim: never both (the story is either deleted or running, not deleted while running)", async () => {
    const q = await import("@/lib/db/queries");
    for (let i = 0; i < 20; i++) {
      const row = await q.createStory(a.db, { mode: "advanced", status: "ready" });
      const [claimed, deleted] = await Promise.all([q.claimStep(a.db, row.id, "elements"), q.deleteStoryIfIdle(b.db, row.id)]);
      if (claimed) expect(deleted).toBe("active");
      else expect(deleted).toBe("deleted");
      expect(Boolean(await q.getStory(a.db, row.id))).toBe(Boolean(claimed));
    }
  });

  it("runStep: two clicks in parallel (different intentions) send one paid request; the same intention twice sends once", async () => {
    const { runStep } = await import("@/lib/stories/steps");
    const row = await readyStory();
    const input = () => ({
      step: "elements" as const,
      storyId: row.id,
      requestId: crypto.randomUUID(),
      options: { option: "Seedream" as const, aspectRatio: "16:9" as const, enhanceImage: false },
    });
    const results = await Promise.allSettled([runStep(input()), runStep(input()), runStep(input())]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "busy" });
    expect(await countRequests(sim, "POST", new RegExp(`/story/${row.vimmerseId}/elements$`))).toBe(1);
  });
});
