import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAppEnv } from "../support/app-env";
import { countRequests, fault, readyStory, sim, until } from "./helpers";

/**
 * Paid twice after a timeout (issue 6): POST /elements answered after the app gave up; an immediate retry found
 * nothing running upstream and sent again. Now a retry within the grace period is refused with the time it can be
 * tried, and after it the retry checks with Vimmerse first: exactly one upstream POST when the late answer lands.
 */

let env: Awaited<ReturnType<typeof startAppEnv>>;

beforeAll(async () => {
  process.env.SWEEP_INTERVAL_MS = "0";
  env = await startAppEnv({ refreshMs: 50 });
});

afterEach(async () => {
  await sim(env.sim, "DELETE", "/faults");
  delete process.env.VIMMERSE_TIMEOUT_MS;
  delete process.env.UNKNOWN_OUTCOME_GRACE_MS;
});

afterAll(async () => {
  await env?.stop();
});

const elements = (storyId: string) => ({
  step: "elements" as const,
  storyId,
  requestId: crypto.randomUUID(),
  options: { option: "Seedream" as const, aspectRatio: "16:9" as const, enhanceImage: false },
});

describe("a retry after an unknown outcome", () => {
  it("is refused within the grace period (saying when), then adopts the late job: one upstream POST", async () => {
    process.env.VIMMERSE_TIMEOUT_MS = "400";
    process.env.UNKNOWN_OUTCOME_GRACE_MS = "1500";
    const { runStep } = await import("@/lib/stories/steps");
    const { getDb } = await import("@/lib/db");
    const q = await import("@/lib/db/queries");
    const row = await readyStory();
    // The answer comes after 1 s; the app gives up at 0.4 s. The job starts upstream when the answer lands.
    await fault(env.sim, { method: "POST", path: "/story/*/elements", delayMs: 1_000 });

    await expect(runStep(elements(row.id))).rejects.toMatchObject({ kind: "timeout", outcomeUnknown: true });
    const unknown = (await q.getStory(await getDb(), row.id))!;
    expect(unknown.error).toMatchObject({ kind: "outcome_unknown", retryAt: expect.any(String) });

    // The immediate retry (a new, deliberate click): refused, with when and why.
    const refused = await runStep(elements(row.id)).catch((e) => e);
    expect(refused).toMatchObject({ code: "busy", extra: { kind: "unknown_outcome_grace" } });
    expect(refused.message).toMatch(/try again in \d+ s .*check with Vimmerse first/);
    const retryAt = new Date((refused.extra.details as { retryAt: string }).retryAt).getTime();
    expect(retryAt).toBeGreaterThan(Date.now());

    // Wait until the late answer has landed and the grace period is over, then retry: Vimmerse shows the step
    // running, so it is adopted and nothing is sent.
    await new Promise((r) => setTimeout(r, Math.max(0, retryAt - Date.now()) + 50));
    const adopted = await runStep(elements(row.id));
    expect(adopted.alreadySent).toBe(true);
    expect(await countRequests(env.sim, "POST", new RegExp(`/story/${row.vimmerseId}/elements$`))).toBe(1);
    const finished = await until(
      async () => (await (await import("@/lib/stories/service")).refreshStory(row.id, { force: true }))!,
      (r) => r.status === "ready" || r.status === "failed",
    );
    expect(finished.status).toBe("ready");
  });

  it("after the grace period with nothing running upstream, the retry sends (the first request never arrived)", async () => {
    process.env.UNKNOWN_OUTCOME_GRACE_MS = "300";
    const { runStep } = await import("@/lib/stories/steps");
    const row = await readyStory();
    await fault(env.sim, { method: "POST", path: "/story/*/elements", drop: true });
    await expect(runStep(elements(row.id))).rejects.toMatchObject({ outcomeUnknown: true });
    await expect(runStep(elements(row.id))).rejects.toMatchObject({ code: "busy" });
    await new Promise((r) => setTimeout(r, 350));
    const sent = await runStep(elements(row.id));
    expect(sent.alreadySent).toBe(false);
    // Two POSTs reached the simulator's log, but only the second was processed (the first was dropped).
    expect(await countRequests(env.sim, "POST", new RegExp(`/story/${row.vimmerseId}/elements$`))).toBe(2);
  });

  it("the same request twice sends once; a definite refusal (402) leaves no grace period", async () => {
    const { runStep } = await import("@/lib/stories/steps");
    const row = await readyStory();
    await fault(env.sim, { method: "POST", path: "/story/*/elements", status: 402 });
    await expect(runStep(elements(row.id))).rejects.toMatchObject({ kind: "insufficient_credit" });
    const input = elements(row.id);
    const both = await Promise.allSettled([runStep(input), runStep(input)]);
    const sent = both.filter((r) => r.status === "fulfilled" && !r.value.alreadySent);
    expect(sent).toHaveLength(1);
    // The other one either found the intention already sent or the step already claimed: never a second POST.
    for (const r of both) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "busy" });
    expect(await runStep(input)).toMatchObject({ alreadySent: true });
    expect(await countRequests(env.sim, "POST", new RegExp(`/story/${row.vimmerseId}/elements$`))).toBe(2); // 402 + 1
  });
});
