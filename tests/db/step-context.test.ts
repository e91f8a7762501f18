import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginAttempt, createStory, finishAttempt, getAttemptByKey, getStory, latestUnknownAttempt, setAttemptCredits } from "@/lib/db/queries";
import { observedSpend } from "@/lib/db/costs";
import { getStepContext } from "@/lib/db/steps";
import { backends, type TestDatabase } from "./databases";

/**
 * A paid step's one read (issue 11) must answer exactly what the stand-alone queries it replaced answer: a used
 * idempotency key means "already sent" (never sent twice), the last unknown outcome starts the grace period.
 */
describe.each(backends())("the paid step's one read on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.create();
  });
  afterAll(async () => {
    await t.close();
  });

  it("agrees with getStory, getAttemptByKey, latestUnknownAttempt and observedSpend", async () => {
    const { db } = t;
    const row = await createStory(db, { mode: "advanced" });
    const other = await createStory(db, { mode: "advanced" });
    const key = (k: string) => `elements:${k}-${row.id}`;

    // Nothing yet.
    let ctx = (await getStepContext(db, row.id, key("new"), null))!;
    expect(ctx.keyUsed).toBe(false);
    expect(ctx.lastUnknown).toBeNull();
    expect({ ...ctx.row, lastStory: null }).toEqual(await getStory(db, row.id));

    // A sent key, two unknown outcomes (the newer one counts), one on another story (does not), a finished spend.
    const sent = await beginAttempt(db, { storyId: row.id, step: "elements", idempotencyKey: key("sent"), request: { estimate: { credits: 9, base: 9 } } });
    await finishAttempt(db, sent.attempt.id, { state: "succeeded", responseStatus: 200 });
    await setAttemptCredits(db, sent.attempt.id, 12);
    for (const [story, k] of [[row.id, "u1"], [other.id, "u-other"], [row.id, "u2"]] as const) {
      const { attempt } = await beginAttempt(db, { storyId: story, step: "elements", idempotencyKey: key(k) });
      await finishAttempt(db, attempt.id, { state: "unknown", error: { kind: "timeout" } });
      await new Promise((r) => setTimeout(r, 5)); // distinct finished_at
    }

    ctx = (await getStepContext(db, row.id, key("sent"), null))!;
    expect(ctx.keyUsed).toBe(Boolean(await getAttemptByKey(db, key("sent"))));
    expect(ctx.keyUsed).toBe(true);
    const latest = (await latestUnknownAttempt(db, row.id))!;
    expect(latest.idempotencyKey).toBe(key("u2"));
    expect(ctx.lastUnknown).toEqual({ createdAt: latest.createdAt, finishedAt: latest.finishedAt });
    expect(ctx.spend).toEqual(await observedSpend(db, null));
    expect(ctx.spend).toEqual({ elements: { estimated: 9, actual: 12, attempts: 1 } });
    expect((await getStepContext(db, row.id, key("sent"), "another-workspace"))!.spend).toEqual({});
    expect(await getStepContext(db, "00000000-0000-4000-8000-000000000000", key("x"), null)).toBeNull();
  });
});
