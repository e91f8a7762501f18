import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { stepAttempts } from "@/lib/db/schema";
import { startAppEnv } from "../support/app-env";

/**
 * A server restart in the middle of a generation: requests that were in flight get an unknown outcome (never resent),
 * and stories still generating are picked up by the background refresher with no page open.
 */

let env: Awaited<ReturnType<typeof startAppEnv>>;

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 100 });
});

afterAll(async () => {
  clearInterval(globalThis.__storyboardRefresher);
  await env?.stop();
});

it("marks interrupted sends as unknown and finishes generating stories in the background", async () => {
  const { getDb } = await import("@/lib/db");
  const q = await import("@/lib/db/queries");
  const { vimmerse } = await import("@/lib/vimmerse/client");
  const { resumeActiveStories } = await import("@/lib/stories/resume");
  const db = await getDb();

  // Interrupted: the process died after recording the attempt, before knowing the answer.
  const interrupted = await q.createStory(db, { mode: "advanced", idea: "cut off", status: "submitting", stage: "storyboard" });
  const { attempt } = await q.beginAttempt(db, { storyId: interrupted.id, step: "storyboard", idempotencyKey: "k-interrupted" });
  // Sent long enough ago that it cannot still be in flight elsewhere.
  await db.update(stepAttempts).set({ createdAt: new Date(Date.now() - 10 * 60_000) }).where(eq(stepAttempts.id, attempt.id));
  // Sent a moment ago: possibly still in flight on another instance, so it is left alone.
  const inFlight = await q.createStory(db, { mode: "advanced", idea: "in flight", status: "submitting", stage: "storyboard" });
  await q.beginAttempt(db, { storyId: inFlight.id, step: "storyboard", idempotencyKey: "k-in-flight" });

  // Generating: Vimmerse is writing its storyboard while we restart.
  const upstream = await vimmerse().createStoryboard({ idea: "A cat opens a bakery", scene_count: 2 });
  const generating = await q.createStory(db, { mode: "advanced", idea: "A cat opens a bakery", status: "generating", stage: "storyboard", vimmerseId: upstream.id });

  await resumeActiveStories();

  const after = (await q.getStory(db, interrupted.id))!;
  expect(after.status).toBe("failed");
  expect(after.error?.kind).toBe("outcome_unknown");
  expect((await q.listAttempts(db, interrupted.id)).find((a) => a.id === attempt.id)?.state).toBe("unknown");
  expect((await q.getStory(db, inFlight.id))!.status).toBe("submitting");

  const deadline = Date.now() + 15_000;
  let row = await q.getStory(db, generating.id);
  while (row?.status !== "ready" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    row = await q.getStory(db, generating.id);
  }
  expect(row?.status).toBe("ready");
  expect(row?.storyboard?.scenes).toHaveLength(2);
});
