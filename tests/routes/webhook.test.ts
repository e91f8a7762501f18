import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAppEnv } from "../support/app-env";

/**
 * The webhook receiver against a real simulator and a real (embedded) database: forged and duplicate deliveries,
 * out-of-order statuses, and the refresh a genuine delivery triggers.
 */

type Modules = {
  receiveWebhook: typeof import("@/lib/stories/webhook-receiver").receiveWebhook;
  q: typeof import("@/lib/db/queries");
  getDb: typeof import("@/lib/db").getDb;
  vimmerse: typeof import("@/lib/vimmerse/client").vimmerse;
};
let m: Modules;
let env: Awaited<ReturnType<typeof startAppEnv>>;

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 60_000 });
  m = {
    receiveWebhook: (await import("@/lib/stories/webhook-receiver")).receiveWebhook,
    q: await import("@/lib/db/queries"),
    getDb: (await import("@/lib/db")).getDb,
    vimmerse: (await import("@/lib/vimmerse/client")).vimmerse,
  };
});

afterAll(async () => {
  await env?.stop();
});

async function storyGenerating() {
  const upstream = await m.vimmerse().createStoryboard({ idea: "A fox learns to fly", scene_count: 2 });
  const db = await m.getDb();
  const row = await m.q.createStory(db, { mode: "advanced", idea: "A fox learns to fly", stage: "storyboard", status: "generating", vimmerseId: upstream.id });
  return row;
}

async function waitUpstreamDone(vimmerseId: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const s = await m.vimmerse().getStory(vimmerseId);
    if (s.status !== "processing" && s.storyboard.scenes.length > 0) return s;
    if (Date.now() > deadline) throw new Error("simulator did not finish");
    await new Promise((r) => setTimeout(r, 25));
  }
}

function body(batchId: string, status: string) {
  return JSON.stringify({ customer_id: "CUSTOMER_ID", batch_id: batchId, status });
}

describe("webhook receiver", () => {
  let jobs: (() => Promise<unknown>)[];
  const schedule = (job: () => Promise<unknown>) => void jobs.push(job);
  beforeEach(() => {
    jobs = [];
  });

  it("rejects a forged secret with 404 and records nothing", async () => {
    const row = await storyGenerating();
    const out = await m.receiveWebhook({ storyId: row.id, secret: "0".repeat(64), rawBody: body(row.vimmerseId!, "success"), schedule });
    expect(out.status).toBe(404);
    expect(jobs).toHaveLength(0);
    const again = await m.receiveWebhook({ storyId: row.id, secret: row.webhookSecret.slice(0, 10), rawBody: body(row.vimmerseId!, "success"), schedule });
    expect(again.status).toBe(404);
  });

  it("rejects an unknown story with the same 404", async () => {
    const out = await m.receiveWebhook({ storyId: "no-such-story", secret: "x", rawBody: body("x", "success"), schedule });
    expect(out).toEqual({ status: 404, body: { message: "NOT_FOUND" } });
  });

  it("rejects a body that is not JSON, or a batch_id of another story", async () => {
    const row = await storyGenerating();
    expect((await m.receiveWebhook({ storyId: row.id, secret: row.webhookSecret, rawBody: "not json", schedule })).status).toBe(400);
    expect((await m.receiveWebhook({ storyId: row.id, secret: row.webhookSecret, rawBody: body("someone-else", "success"), schedule })).status).toBe(400);
    expect(jobs).toHaveLength(0);
  });

  it("a genuine delivery answers at once and its refresh brings the story up to date; a duplicate is ignored", async () => {
    const row = await storyGenerating();
    await waitUpstreamDone(row.vimmerseId!);
    const first = await m.receiveWebhook({ storyId: row.id, secret: row.webhookSecret, rawBody: body(row.vimmerseId!, "success"), schedule });
    expect(first).toEqual({ status: 200, body: { ok: true } });
    expect(jobs).toHaveLength(1);
    // Nothing changed before the scheduled refresh ran: the answer does not wait for Vimmerse.
    expect((await m.q.getStory(await m.getDb(), row.id))!.status).toBe("generating");
    await jobs[0]();
    const after = (await m.q.getStory(await m.getDb(), row.id))!;
    expect(after.status).toBe("ready");
    expect(after.version).toBe(1);
    expect(after.storyboard?.scenes).toHaveLength(2);

    const dup = await m.receiveWebhook({ storyId: row.id, secret: row.webhookSecret, rawBody: body(row.vimmerseId!, "success"), schedule });
    expect(dup).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    expect(jobs).toHaveLength(1);
  });

  it("a late 'processing' after 'success' does not move the story backwards", async () => {
    const row = await storyGenerating();
    await waitUpstreamDone(row.vimmerseId!);
    await m.receiveWebhook({ storyId: row.id, secret: row.webhookSecret, rawBody: body(row.vimmerseId!, "success"), schedule });
    await jobs[0]();
    const late = await m.receiveWebhook({ storyId: row.id, secret: row.webhookSecret, rawBody: body(row.vimmerseId!, "processing"), schedule });
    expect(late.status).toBe(200);
    for (const job of jobs.slice(1)) await job();
    const after = (await m.q.getStory(await m.getDb(), row.id))!;
    expect(after.status).toBe("ready");
    expect(after.progress).toBe(100);
  });
});
