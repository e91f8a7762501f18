import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppEnv } from "../support/app-env";
import { countRequests, fault } from "./helpers";

/**
 * Create with an unknown outcome (issue 6): the API has no way to list or find a story we got no answer for, so the
 * page says plainly that one storyboard may have been charged, keeps the idea, and offers Retry (a new story with the
 * same idea and settings) and "Check with Vimmerse again" explains why it cannot look it up.
 */

let env: Awaited<ReturnType<typeof startAppEnv>>;

beforeAll(async () => {
  process.env.SWEEP_INTERVAL_MS = "0";
  env = await startAppEnv({ refreshMs: 50 });
});

afterAll(async () => {
  await env?.stop();
});

it("a lost create says one storyboard may have been charged; Retry sends the same idea once as a new story", async () => {
  const { createStoryFromForm, retryStory } = await import("@/lib/stories/create");
  const { recheckStory } = await import("@/lib/stories/sweep");
  const { newStoryDefaults } = await import("@/lib/validation/new-story");
  const q = await import("@/lib/db/queries");
  const db = await (await import("@/lib/db")).getDb();
  const input = { ...newStoryDefaults(), idea: "A robot learns to knit a scarf", title: "Knit", sceneCount: 2 };
  await fault(env.sim, { method: "POST", path: "/story", drop: true });

  await expect(createStoryFromForm(input, [])).rejects.toMatchObject({ outcomeUnknown: true });
  const lost = (await q.getStory(db, input.requestId))!;
  expect(lost).toMatchObject({ status: "failed", idea: "A robot learns to knit a scarf" });
  expect(lost.error?.message).toMatch(/one storyboard may have been charged/);
  await expect(recheckStory(lost.id)).rejects.toMatchObject({ code: "validation", message: /no way to look a story up/ });

  const requestId = crypto.randomUUID();
  const before = await countRequests(env.sim, "POST", /^\/story$/);
  // A double click on Retry: one intention, one new story, one POST (the second gets it back or "still being sent").
  const both = await Promise.allSettled([retryStory(lost.id, requestId), retryStory(lost.id, requestId)]);
  for (const r of both) {
    if (r.status === "fulfilled") expect(r.value.storyId).toBe(requestId);
    else expect(r.reason).toMatchObject({ code: "busy" });
  }
  expect(await countRequests(env.sim, "POST", /^\/story$/)).toBe(before + 1);
  const again = (await q.getStory(db, requestId))!;
  expect(again).toMatchObject({ idea: "A robot learns to knit a scarf", title: "Knit" });
  expect(again.settings).toMatchObject({ sceneCount: 2 });
});
