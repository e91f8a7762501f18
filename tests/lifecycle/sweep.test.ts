import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { stepAttempts, stories } from "@/lib/db/schema";
import { startAppEnv } from "../support/app-env";
import { countRequests, fault, readyStory, sim, until } from "./helpers";
import { ensureTestWorkspace } from "../support/actor";

// The status route is called directly: a signed-in owner of the story (sessions: tests/auth, e2e).
vi.mock("@/lib/auth/actor", async () => (await import("../support/actor")).actorModule);

/**
 * No story stuck busy: the sweep (interval or cron route) and the fault-injection cases of issue 6, each ending in a
 * clear state and message; the user's ways out (check again, reset); Retry-After; the status route's time budget.
 */

let env: Awaited<ReturnType<typeof startAppEnv>>;

beforeAll(async () => {
  process.env.SWEEP_INTERVAL_MS = "0";
  env = await startAppEnv({ refreshMs: 50 });
});

afterEach(async () => {
  await sim(env.sim, "DELETE", "/faults");
  delete process.env.CRON_SECRET;
  delete process.env.VIMMERSE_TIMEOUT_MS;
  delete process.env.UNKNOWN_OUTCOME_GRACE_MS;
  delete process.env.STATUS_ROUTE_BUDGET_MS;
});

afterAll(async () => {
  await env?.stop();
});

const db = async () => (await import("@/lib/db")).getDb();
const q = () => import("@/lib/db/queries");

describe("the sweep", () => {
  it("with the interval disabled, a story finishes through the cron route; the route wants the bearer secret", async () => {
    const { GET } = await import("@/app/api/cron/sweep/route");
    const { vimmerse } = await import("@/lib/vimmerse/client");
    const call = (auth?: string) =>
      GET(new Request("http://app/api/cron/sweep", { headers: auth ? { authorization: auth } : {} }), undefined);

    expect((await call("Bearer whatever")).status).toBe(404); // CRON_SECRET unset: disabled
    process.env.CRON_SECRET = "s3cret-for-cron";
    expect((await call()).status).toBe(401);
    expect((await call("Bearer wrong")).status).toBe(401);

    const upstream = await vimmerse().createStoryboard({ idea: "A cat opens a bakery", scene_count: 2 });
    const row = await (await q()).createStory(await db(), {
      mode: "advanced",
      idea: "A cat opens a bakery",
      status: "generating",
      stage: "storyboard",
      vimmerseId: upstream.id,
    });
    const finished = await until(
      async () => {
        const res = await call("Bearer s3cret-for-cron");
        expect(res.status).toBe(200);
        return (await (await q()).getStory(await db(), row.id))!;
      },
      (r) => r.status === "ready",
    );
    expect(finished.status).toBe("ready");
    expect(finished.storyboard?.scenes).toHaveLength(2);
  });

  it("(a) a send cut off by a kill is marked unknown by the sweep, without a restart; a young one is left alone", async () => {
    const { runSweep } = await import("@/lib/stories/sweep");
    const Q = await q();
    const cut = await Q.createStory(await db(), { mode: "advanced", idea: "cut off", status: "submitting", stage: "storyboard" });
    const { attempt } = await Q.beginAttempt(await db(), { storyId: cut.id, step: "storyboard", idempotencyKey: `k-${cut.id}` });
    await (await db()).update(stepAttempts).set({ createdAt: new Date(Date.now() - 10 * 60_000) }).where(eq(stepAttempts.id, attempt.id));
    const young = await Q.createStory(await db(), { mode: "advanced", idea: "in flight", status: "submitting", stage: "storyboard" });
    await Q.beginAttempt(await db(), { storyId: young.id, step: "storyboard", idempotencyKey: `k-${young.id}` });

    await runSweep();
    await runSweep(); // idempotent

    const after = (await Q.getStory(await db(), cut.id))!;
    expect(after.status).toBe("failed");
    expect(after.error?.kind).toBe("outcome_unknown");
    expect(after.error?.message).toMatch(/one storyboard may have been charged/);
    expect((await Q.listAttempts(await db(), cut.id))[0].state).toBe("unknown");
    expect((await Q.getStory(await db(), young.id))!.status).toBe("submitting");
  });

  it("(b) concat answered with an empty body and no new video: past its maximum time it is failed with a message, and can be reset", async () => {
    const { runSweep, resetStep } = await import("@/lib/stories/sweep");
    const { runStep } = await import("@/lib/stories/steps");
    const { toStatusView } = await import("@/lib/stories/service");
    const { STAGE_MAX_MS } = await import("@/lib/stories/stages");
    const Q = await q();
    const row = await readyStory();
    await Q.updateStory(await db(), row.id, { videoUrl: "https://media.example/old.webm", stage: "videos", status: "done" });
    await fault(env.sim, { method: "POST", path: "/story/*/concat", status: 200, body: {} });

    await runStep({ step: "concat", storyId: row.id, requestId: crypto.randomUUID(), options: {} });
    await runSweep();
    const stuck = (await Q.getStory(await db(), row.id))!;
    expect(stuck.status).toBe("generating");
    expect(stuck.progress).toBe(99); // "Re-composing 99 %", the audit's case

    await runSweep({ now: new Date(Date.now() + STAGE_MAX_MS.concat + 60_000) });
    const marked = (await Q.getStory(await db(), row.id))!;
    expect(marked.status).toBe("failed");
    expect(marked.error?.kind).toBe("stage_timeout");
    expect(marked.error?.message).toMatch(/Re-composing the final video has not finished after \d+ minutes/);
    expect(toStatusView(marked).canReset).toBe(true);

    // The sweep keeps looking (it may still finish) but does not flip it back to "generating".
    await runSweep();
    expect((await Q.getStory(await db(), row.id))!.status).toBe("failed");

    const reset = await resetStep(row.id);
    expect(reset).toMatchObject({ stage: "videos", status: "done", error: null });
    expect(await countRequests(env.sim, "POST", /\/concat$/)).toBe(1); // the reset paid nothing
  });

  it("(c) a permanent 401 on GET: failures are counted and shown, then the story is failed with the reason; re-check recovers", async () => {
    const { refreshStory, toStatusView } = await import("@/lib/stories/service");
    const { recheckStory } = await import("@/lib/stories/sweep");
    const { PERMANENT_REFRESH_FAILURE_LIMIT } = await import("@/lib/stories/stages");
    const Q = await q();
    const row = await readyStory();
    await Q.updateStory(await db(), row.id, { stage: "elements", status: "generating", stageStartedAt: new Date() });
    await fault(env.sim, { method: "GET", path: "/story/*", status: 401, times: 0 });

    await refreshStory(row.id, { force: true });
    await refreshStory(row.id, { force: true });
    const shown = toStatusView((await Q.getStory(await db(), row.id))!);
    expect(shown.status).toBe("generating");
    expect(shown.refresh).toMatchObject({ failures: 2, reason: expect.stringMatching(/key/i) });

    for (let i = 2; i < PERMANENT_REFRESH_FAILURE_LIMIT; i++) await refreshStory(row.id, { force: true });
    const failed = (await Q.getStory(await db(), row.id))!;
    expect(failed.status).toBe("failed");
    expect(failed.error?.kind).toBe("upstream_unreachable");
    expect(failed.error?.message).toMatch(/^Vimmerse has not answered for .+ \(5 tries\): /);
    // No more automatic GETs for it.
    const gets = await countRequests(env.sim, "GET", new RegExp(`/story/${row.vimmerseId}$`));
    await refreshStory(row.id, { force: true });
    expect(await countRequests(env.sim, "GET", new RegExp(`/story/${row.vimmerseId}$`))).toBe(gets);

    await expect(recheckStory(row.id)).rejects.toMatchObject({ code: "busy", message: expect.stringMatching(/did not answer/) });
    await sim(env.sim, "DELETE", "/faults");
    const again = await recheckStory(row.id);
    expect(again.refreshFailures).toBe(0);
  });

  it("honours Retry-After: after a 429 no refresh of that story before the time, even a forced one", async () => {
    const { refreshStory } = await import("@/lib/stories/service");
    const { recheckStory } = await import("@/lib/stories/sweep");
    const Q = await q();
    const row = await readyStory();
    await Q.updateStory(await db(), row.id, { stage: "elements", status: "generating", stageStartedAt: new Date() });
    await fault(env.sim, { method: "GET", path: "/story/*", status: 429 }); // the simulator sends Retry-After: 1
    await refreshStory(row.id, { force: true });
    const limited = (await Q.getStory(await db(), row.id))!;
    expect(limited.refreshNotBefore!.getTime()).toBeGreaterThan(Date.now() + 500);
    const gets = await countRequests(env.sim, "GET", /\/story\/[^/]+$/);
    await refreshStory(row.id, { force: true });
    await expect(recheckStory(row.id)).rejects.toMatchObject({ code: "busy", message: /wait before asking again/ });
    expect(await countRequests(env.sim, "GET", /\/story\/[^/]+$/)).toBe(gets);
    await new Promise((r) => setTimeout(r, limited.refreshNotBefore!.getTime() - Date.now() + 50));
    await refreshStory(row.id, { force: true });
    expect(await countRequests(env.sim, "GET", /\/story\/[^/]+$/)).toBe(gets + 1);
  });

  it("the status route answers from the database within its budget while a hung upstream GET goes on", async () => {
    process.env.STATUS_ROUTE_BUDGET_MS = "300";
    const { GET } = await import("@/app/api/stories/[id]/status/route");
    const Q = await q();
    const row = await readyStory();
    await Q.updateStory(await db(), row.id, { stage: "elements", status: "generating", stageStartedAt: new Date(), progress: 7, workspaceId: await ensureTestWorkspace() });
    await fault(env.sim, { method: "GET", path: "/story/*", delayMs: 3_000 });
    const started = Date.now();
    const res = await GET(new Request("http://app/x"), { params: Promise.resolve({ id: row.id }) });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: row.id, status: "generating", progress: 7 });
  });
});

describe("partial video failure", () => {
  it("a finished video with a failed scene is 'Video ready – 1 scene failed' with the reason", async () => {
    const { runStep } = await import("@/lib/stories/steps");
    const { refreshStory, toStatusView } = await import("@/lib/stories/service");
    const Q = await q();
    const row = await readyStory();
    const withImages = {
      ...row.storyboard!,
      scenes: row.storyboard!.scenes.map((s, i) => ({ ...s, image_url: `https://media.example/${i}.png` })),
    };
    await Q.saveStoryboard(await db(), { id: row.id, baseVersion: 1, storyboard: withImages, source: "edit" });
    await fault(env.sim, { method: "POST", path: "/story/*/videos", failScenes: [1] });
    await runStep({
      step: "videos",
      storyId: row.id,
      requestId: crypto.randomUUID(),
      options: { motionType: "Auto", duration: 5, loop: 1, isTransition: false, title: "" },
    });
    const done = await until(
      async () => (await refreshStory(row.id, { force: true }))!,
      (r) => r.status !== "generating" && r.status !== "submitting",
    );
    expect(done.status).toBe("done");
    const view = toStatusView(done);
    expect(view.label).toBe("Video ready – 1 scene failed");
    expect(view.error).toMatchObject({ kind: "scenes_failed", failedScenes: [{ index: 1, reason: expect.any(String) }] });
    expect(view.error?.message).toMatch(/without scene 2/);
    // The dashboard's summary says it too.
    const [summary] = await (await db()).select(Q.summaryColumns).from(stories).where(eq(stories.id, row.id));
    expect(toStatusView(summary).label).toBe("Video ready – 1 scene failed");
  });
});

describe("deleting", () => {
  it("is refused while a step is claimed; the spend record survives a delete with the story's title", async () => {
    const { removeStory } = await import("@/lib/stories/service");
    const Q = await q();
    const row = await readyStory("Kept in the ledger");
    await Q.claimStep(await db(), row.id, "elements");
    const { attempt } = await Q.beginAttempt(await db(), { storyId: row.id, step: "elements", idempotencyKey: `del-${row.id}`, creditsBefore: 0 });
    await expect(removeStory(row.id)).rejects.toMatchObject({ code: "busy" });
    await Q.updateStory(await db(), row.id, { status: "ready" });
    await removeStory(row.id);
    expect(await Q.getStory(await db(), row.id)).toBeNull();
    const [kept] = await (await db()).select().from(stepAttempts).where(eq(stepAttempts.id, attempt.id));
    expect(kept).toMatchObject({ storyId: null, storyTitle: "Kept in the ledger", vimmerseId: row.vimmerseId });
    await expect(removeStory(row.id)).rejects.toMatchObject({ code: "not_found" });
    void stories;
  });
});
