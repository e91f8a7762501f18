import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginAttempt, createStory, finishAttempt, setAttemptCredits } from "@/lib/db/queries";
import { observedSpend } from "@/lib/db/costs";
import { estimateCost } from "@/lib/stories/costs";
import { backends, type TestDatabase } from "./databases";

describe.each(backends())("observed spend on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.create();
  });
  afterAll(async () => {
    await t.close();
  });

  it("sums the recorded estimates and the credits used of finished attempts, per step; the next estimate follows them", async () => {
    const { db } = t;
    const row = await createStory(db, { mode: "advanced" });
    const attempt = async (key: string, step: "elements" | "scenes", request: Record<string, unknown>, used: number | null) => {
      const { attempt: a } = await beginAttempt(db, { storyId: row.id, step, idempotencyKey: `${key}-${row.id}`, request, creditsBefore: 0 });
      if (used !== null) {
        await finishAttempt(db, a.id, { state: "succeeded", responseStatus: 200 });
        await setAttemptCredits(db, a.id, used);
      }
    };
    await attempt("a", "elements", { estimate: { credits: 12, base: 12 } }, 18);
    await attempt("b", "elements", { estimate: { credits: 9, base: 9 } }, 12);
    await attempt("c", "elements", { estimate: { credits: 9, base: 9 } }, null); // still running: left out
    await attempt("d", "scenes", { step: "scenes" }, 40); // sent before estimates existed: left out
    const observed = await observedSpend(db, null);
    expect(observed).toEqual({ elements: { estimated: 21, actual: 30, attempts: 2 } });
    const counts = { elements: { withImage: 0, total: 7 }, scenes: { withImage: 0, withNarration: 0, total: 0 }, music: false };
    const options = { option: "Seedream", aspectRatio: "16:9", enhanceImage: false } as const;
    // 7 element images: 21 by the default table, x 30/21 observed.
    expect(estimateCost({ step: "elements", counts, options, music: false }, observed)).toMatchObject({ base: 21, credits: 30, source: "observed" });
    expect(await observedSpend(db, "another-workspace")).toEqual({});
  });
});
