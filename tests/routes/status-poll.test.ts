import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storyboard } from "@/lib/validation/storyboard";
import type { Story } from "@/lib/vimmerse/story";
import { startAppEnv } from "../support/app-env";

/**
 * The status poll answers from one lean statement (lib/db/poll.ts) instead of the whole story row: what the browser
 * sees must be exactly what the full row gave (media counts, scene videos, reset, steps), and a poll while the
 * refresh lease is held must not touch the row.
 */

let env: Awaited<ReturnType<typeof startAppEnv>>;
let svc: typeof import("@/lib/stories/service");
let q: typeof import("@/lib/db/queries");
let poll: typeof import("@/lib/db/poll");
let getDb: typeof import("@/lib/db").getDb;

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 60_000 });
  svc = await import("@/lib/stories/service");
  q = await import("@/lib/db/queries");
  poll = await import("@/lib/db/poll");
  getDb = (await import("@/lib/db")).getDb;
});

afterAll(async () => {
  await env?.stop();
});

const board: Storyboard = {
  characters: [
    { id: "c1", name: "Ada", description: "A sailor", image_url: "https://example.test/a.png" },
    { id: "c2", name: "Bo", description: "A cook", image_url: "" },
  ],
  environments: [{ id: "e1", name: "Harbour", description: "Boats" }],
  objects: [{ id: "o1", name: "Map", description: "Old", image_url: "https://example.test/m.png" }],
  music: { description: "waves", lyrics: "", music_url: "https://example.test/m.mp3" },
  scenes: [
    { id: "s1", name: "One", image_description: "sea", video_description: "pan", narrator: "n", image_url: "https://example.test/1.png", narration_url: "https://example.test/1.mp3" },
    { id: "s2", name: "Two", image_description: "sky", video_description: "tilt", narrator: "n", image_url: "" },
    { id: "s3", name: "Three", image_description: "sun", video_description: "zoom", narrator: "n" },
  ],
} as Storyboard;

async function both(id: string) {
  const db = await getDb();
  const full = svc.toStatusView((await q.getStory(db, id))!, await q.listAttempts(db, id));
  const lean = await svc.toPollView((await poll.getStoryPoll(db, id))!);
  return { full: JSON.parse(JSON.stringify(full)), lean: JSON.parse(JSON.stringify(lean)) };
}

describe("status poll (lean row)", () => {
  it("answers exactly what the full row answers, in every shape a story can have", async () => {
    const db = await getDb();
    const noBoard = await q.createStory(db, { mode: "idea-2-video", stage: "storyboard", status: "generating", vimmerseId: "poll-a" });
    const withBoard = await q.createStory(db, { mode: "advanced", storyboard: board, stage: "scenes", status: "failed", vimmerseId: "poll-b" });
    const rendering = await q.createStory(db, { mode: "advanced", storyboard: board, stage: "videos", status: "generating", vimmerseId: "poll-c" });
    await q.updateStory(db, rendering.id, {
      refreshFailures: 3,
      refreshFailingSince: new Date(),
      refreshError: "timeout",
      lastStoryAt: new Date(),
      lastStory: { mediaViews: [{ status: "success", video_url: "https://example.test/v1.mp4" }, { status: "processing" }, { status: "fail", error: "nsfw" }] },
    });
    await q.beginAttempt(db, { storyId: rendering.id, step: "scenes", idempotencyKey: "poll-k1", request: {}, creditsBefore: 0 });
    await q.beginAttempt(db, { storyId: rendering.id, step: "videos", idempotencyKey: "poll-k2", request: {}, creditsBefore: 5 });

    for (const id of [noBoard.id, withBoard.id, rendering.id]) {
      const { full, lean } = await both(id);
      expect(lean).toEqual(full);
    }
    // A new answer from Vimmerse and a new storyboard version are seen at once (the memo is keyed on them).
    await q.updateStory(db, rendering.id, { lastStoryAt: new Date(Date.now() + 1000), lastStory: { mediaViews: [{ status: "success", video_url: "https://example.test/v1.mp4" }, { status: "success", video_url: "https://example.test/v2.mp4" }, { status: "fail", error: "nsfw" }] } });
    const saved = await q.saveStoryboard(db, { id: rendering.id, baseVersion: 1, storyboard: { ...board, characters: board.characters.map((c) => ({ ...c, image_url: "https://example.test/c.png" })) }, source: "upstream" });
    expect(saved.ok).toBe(true);
    const { lean, full } = await both(rendering.id);
    expect(lean).toEqual(full);
    expect(lean.media).toEqual({ elements: { withImage: 3, total: 4 }, scenes: { withImage: 1, withNarration: 1, total: 3 }, music: true });
    expect(lean.sceneVideos.map((v: { status: string }) => v.status)).toEqual(["finished", "finished", "failed"]);
    expect(lean.canReset).toBe(true);
    expect(lean.steps.map((s: { step: string }) => s.step)).toEqual(["videos", "scenes"]);
  }, 90_000);

  it("a poll while another poll holds the refresh lease reads only: the row is not written", async () => {
    const db = await getDb();
    const story = await q.createStory(db, { mode: "idea-2-video", stage: "storyboard", status: "generating", vimmerseId: "poll-held" });
    expect(await q.claimRefresh(db, story.id, 60_000)).toBe(true);
    const held = (await q.getStory(db, story.id))!;
    const row = (await poll.getStoryPoll(db, story.id))!;
    expect(row.refreshDue).toBe(false);
    const view = await svc.pollStatus(row);
    expect(view?.id).toBe(story.id);
    const after = (await q.getStory(db, story.id))!;
    expect(after.lastRefreshedAt).toEqual(held.lastRefreshedAt);
    expect(after.refreshLeaseUntil).toEqual(held.refreshLeaseUntil);
    expect(after.updatedAt).toEqual(held.updatedAt);
  });

  it("a refresh that brings nothing a viewer sees keeps the poll's answer (and its ETag): updated_at stays", async () => {
    const db = await getDb();
    const story = await q.createStory(db, { mode: "advanced", storyboard: board, stage: "videos", status: "generating", vimmerseId: "poll-same" });
    const answer = (progress: number) =>
      ({ id: "poll-same", status: "processing", rawStatus: "processing", progress_percentage: progress, used_credits: 0, video_url: "", title: "", message: "", mediaViews: [] }) as unknown as Story;
    await svc.applyUpstream(story.id, answer(30));
    const before = (await q.getStory(db, story.id))!;
    const view = JSON.stringify(await svc.toPollView((await poll.getStoryPoll(db, story.id))!));
    await svc.applyUpstream(story.id, answer(30));
    const same = (await q.getStory(db, story.id))!;
    expect(same.updatedAt).toEqual(before.updatedAt);
    expect(same.lastStoryAt!.getTime()).toBeGreaterThanOrEqual(before.lastStoryAt!.getTime());
    expect(JSON.stringify(await svc.toPollView((await poll.getStoryPoll(db, story.id))!))).toBe(view);
    // Progress moved: the viewer sees it, and updated_at with it.
    await svc.applyUpstream(story.id, answer(60));
    const moved = (await q.getStory(db, story.id))!;
    expect(moved.progress).toBe(60);
    expect(moved.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });
});
