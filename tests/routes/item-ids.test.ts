import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { Storyboard } from "@/lib/validation/storyboard";
import { startAppEnv } from "../support/app-env";

/**
 * Item ids through a paid step, against the simulator: Vimmerse's first storyboard gets our ids, the attempt records
 * which ids it sent in which order, the wire carries none, and generated media land on those ids whatever the
 * creator reordered, renamed, removed or added meanwhile. Regenerating one scene works by its id.
 */

let env: Awaited<ReturnType<typeof startAppEnv>>;
let svc: typeof import("@/lib/stories/service");
let steps: typeof import("@/lib/stories/steps");
let q: typeof import("@/lib/db/queries");
let getDb: typeof import("@/lib/db").getDb;
let vimmerse: typeof import("@/lib/vimmerse/client").vimmerse;
let stepDefaults: typeof import("@/lib/stories/defaults").stepDefaults;

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 60_000 });
  svc = await import("@/lib/stories/service");
  steps = await import("@/lib/stories/steps");
  q = await import("@/lib/db/queries");
  getDb = (await import("@/lib/db")).getDb;
  vimmerse = (await import("@/lib/vimmerse/client")).vimmerse;
  stepDefaults = (await import("@/lib/stories/defaults")).stepDefaults;
});

afterAll(async () => {
  await env?.stop();
});

async function until(id: string, status: string) {
  const deadline = Date.now() + 20_000;
  let row = await q.getStory(await getDb(), id);
  while (row?.status !== status && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    row = await svc.refreshStory(id, { force: true });
    if (row?.status === "failed" && status !== "failed") break;
  }
  expect(row?.status).toBe(status);
  return row!;
}

async function storyWithStoryboard(scenes: number) {
  const db = await getDb();
  const upstream = await vimmerse().createStoryboard({ idea: "A lighthouse keeper adopts a seal", scene_count: scenes });
  const row = await q.createStory(db, { mode: "advanced", idea: "x", status: "generating", stage: "storyboard", vimmerseId: upstream.id });
  return until(row.id, "ready");
}

describe("item ids through paid steps", () => {
  it("media come back onto the ids that were sent, whatever was reordered, renamed or removed during the step", async () => {
    const ready = await storyWithStoryboard(3);
    const first = ready.storyboard as Storyboard;
    // Vimmerse's first storyboard gets our ids.
    const ids = first.scenes.map((s) => s.id);
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? ""))).toBe(true);
    expect(first.characters.every((c) => c.id)).toBe(true);

    await steps.runStep({ step: "scenes", storyId: ready.id, requestId: randomUUID(), options: stepDefaults(null, "").scenes });
    const db = await getDb();
    const [attempt] = await q.listAttempts(db, ready.id);
    expect(attempt.request?.sentIds).toMatchObject({ scenes: ids, characters: first.characters.map((c) => c.id) });
    // The wire carried no ids: Vimmerse's copy has none.
    const theirs = (await vimmerse().getStory(ready.vimmerseId!)).storyboard;
    expect(JSON.stringify(theirs)).not.toMatch(new RegExp(ids.join("|")));

    // While the images are generated: the last scene moves to the top, the middle one is renamed, the first removed,
    // and a new scene is added.
    const during: Storyboard = {
      ...first,
      scenes: [
        first.scenes[2],
        { ...first.scenes[1], name: "Renamed during the step" },
        { id: "added-during-step", name: "New", image_description: "new", video_description: "", narrator: "" },
      ],
    };
    const mid = (await q.getStory(db, ready.id))!;
    await svc.saveEditedStoryboard({ storyId: ready.id, baseVersion: mid.version, storyboard: during });

    // The scene added during the step was not sent, so it has no image: the step says so.
    const done = await until(ready.id, "failed");
    expect(done.error).toMatchObject({ kind: "incomplete", message: expect.stringMatching(/1 scene has no image/) });
    const generated = (await vimmerse().getStory(ready.vimmerseId!)).storyboard.scenes.map((s) => s.image_url);
    expect(generated.every(Boolean)).toBe(true);
    const board = done.storyboard as Storyboard;
    expect(board.scenes.map((s) => [s.id, s.name, s.image_url ?? ""])).toEqual([
      [ids[2], first.scenes[2].name, generated[2]],
      [ids[1], "Renamed during the step", generated[1]],
      ["added-during-step", "New", ""],
    ]);
  });

  it("regenerating one scene by id replaces that scene's image only, after a reorder", async () => {
    const ready = await storyWithStoryboard(2);
    await steps.runStep({ step: "scenes", storyId: ready.id, requestId: randomUUID(), options: stepDefaults(null, "").scenes });
    const withImages = (await until(ready.id, "ready")).storyboard as Storyboard;
    const [a, b] = withImages.scenes;
    // The creator swaps the two scenes and saves, then regenerates the one now shown first (b).
    const db = await getDb();
    const current = (await q.getStory(db, ready.id))!;
    await svc.saveEditedStoryboard({ storyId: ready.id, baseVersion: current.version, storyboard: { ...withImages, scenes: [b, a] } });
    await steps.regenerateScene({ storyId: ready.id, requestId: randomUUID(), sceneId: b.id!, options: stepDefaults(null, "").scenes });
    const after = (await until(ready.id, "ready")).storyboard as Storyboard;
    expect(after.scenes.map((s) => s.id)).toEqual([b.id, a.id]);
    expect(after.scenes[0].image_url).toBeTruthy();
    expect(after.scenes[0].image_url).not.toBe(b.image_url);
    expect(after.scenes[1].image_url).toBe(a.image_url);
  });

  it("refuses to regenerate a scene id that is not in the saved storyboard", async () => {
    const ready = await storyWithStoryboard(1);
    await expect(
      steps.regenerateScene({ storyId: ready.id, requestId: randomUUID(), sceneId: "not-a-scene", options: stepDefaults(null, "").scenes }),
    ).rejects.toMatchObject({ code: "validation" });
  });
});
