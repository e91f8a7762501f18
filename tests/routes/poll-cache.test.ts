import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { claimRefresh, createStory, finishAttempt, beginAttempt, updateStory } from "@/lib/db/queries";
import { getStoryPoll } from "@/lib/db/poll";
import { forgetPollAnswers, pollAnswerLifetime } from "@/lib/services/poll-cache";
import { getStoryStatus } from "@/lib/services/stories";
import { publishStoryEvent } from "@/lib/live/bus";
import { backends, type TestDatabase } from "../db/databases";
import { ownerOf } from "../support/owner";

/**
 * The status poll's remembered answer (issue 11): many polls of one story within STATUS_CACHE_MS read the database
 * once; a change made by this instance shows at once, a change made by another instance (a write that does not go
 * through this process's lib/db) within STATUS_CACHE_MS; the workspace check holds for every poll.
 */

describe("pollAnswerLifetime (the rule)", () => {
  it("keeps an answer at most the cache time, never past the moment a refresh is due, not at all while one is due", () => {
    expect(pollAnswerLifetime(1000, { followed: false, due: false, inMs: null })).toBe(1000);
    expect(pollAnswerLifetime(1000, { followed: true, due: false, inMs: 2500 })).toBe(1000);
    expect(pollAnswerLifetime(1000, { followed: true, due: false, inMs: 300.7 })).toBe(300);
    expect(pollAnswerLifetime(1000, { followed: true, due: true, inMs: null })).toBe(0);
    expect(pollAnswerLifetime(1000, { followed: true, due: false, inMs: null })).toBe(0);
    expect(pollAnswerLifetime(1000, { followed: true, due: false, inMs: -5 })).toBe(0);
    expect(pollAnswerLifetime(0, { followed: false, due: false, inMs: null })).toBe(0);
  });
});

const actor = (workspace: string): Actor => ownerOf(workspace);

describe.each(backends())("the remembered status answer on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.create();
    globalThis.__storyboardDb = Promise.resolve({ db: t.db, kind: t.url ? "postgres" : "pglite", close: async () => undefined });
    process.env.STATUS_CACHE_MS = "1000";
    process.env.STATUS_REFRESH_MS = "60000";
  });
  afterEach(() => {
    vi.restoreAllMocks();
    forgetPollAnswers();
  });
  afterAll(async () => {
    globalThis.__storyboardDb = undefined;
    delete process.env.STATUS_CACHE_MS;
    await t.close();
  });

  /** A story being generated whose refresh lease is held (no upstream call during the test). */
  async function rendering(workspaceId: string | null = null) {
    await t.db.execute(sql`insert into organization (id, name, slug, created_at) values ('w1', 'w1', 'w1', now()) on conflict do nothing`);
    const story = await createStory(t.db, { mode: "idea-2-video", stage: "storyboard", status: "generating", vimmerseId: `pc-${crypto.randomUUID()}`, workspaceId: workspaceId ?? "w1" });
    expect(await claimRefresh(t.db, story.id, 60_000)).toBe(true);
    return story;
  }

  it("the poll row says when the held lease ends (by the database's clock)", async () => {
    const story = await rendering();
    const row = (await getStoryPoll(t.db, story.id))!;
    expect(row.refreshDue).toBe(false);
    expect(row.refreshInMs).toBeGreaterThan(50_000);
    expect(row.refreshInMs).toBeLessThanOrEqual(60_000);
  });

  it("another instance's change shows once the answer's time is over; this instance's changes show at once", async () => {
    const story = await rendering();
    const a = actor("w1");
    expect((await getStoryStatus(a, story.id)).progress).toBe(0);

    // Another instance moves the progress (not through this process's lib/db): the remembered answer holds...
    await t.db.execute(sql`update stories set progress = 40, updated_at = now() where id = ${story.id}`);
    expect((await getStoryStatus(a, story.id)).progress).toBe(0);
    // ...until STATUS_CACHE_MS has passed.
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 1001);
    expect((await getStoryStatus(a, story.id)).progress).toBe(40);

    // This instance's writes: the next poll sees them, with no wait.
    await updateStory(t.db, story.id, { progress: 55 });
    expect((await getStoryStatus(a, story.id)).progress).toBe(55);
    const { attempt } = await beginAttempt(t.db, { storyId: story.id, step: "storyboard", idempotencyKey: `pc-k-${story.id}` });
    expect((await getStoryStatus(a, story.id)).steps?.map((s) => s.state)).toEqual(["sending"]);
    await finishAttempt(t.db, attempt.id, { state: "succeeded" });
    expect((await getStoryStatus(a, story.id)).steps?.map((s) => s.state)).toEqual(["succeeded"]);
  });

  it("another instance's step start or new version, announced on the live bus, shows at once", async () => {
    const story = await rendering();
    const a = actor("w1");
    expect((await getStoryStatus(a, story.id)).progress).toBe(0);
    await t.db.execute(sql`update stories set progress = 30 where id = ${story.id}`);
    await publishStoryEvent({ storyId: story.id, type: "comment" });
    expect((await getStoryStatus(a, story.id)).progress).toBe(0);
    await publishStoryEvent({ storyId: story.id, type: "status" });
    expect((await getStoryStatus(a, story.id)).progress).toBe(30);
  });

  it("polls arriving together share one answer; another workspace is refused even while it is remembered", async () => {
    const story = await rendering();
    const answers = await Promise.all(Array.from({ length: 20 }, () => getStoryStatus(actor("w1"), story.id)));
    // One answer object for all of them (one read; lib/services/http.ts serialises it once).
    expect(new Set(answers).size).toBe(1);
    await expect(getStoryStatus(actor("w2"), story.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await getStoryStatus(actor("w1"), story.id)).id).toBe(story.id);
  });

  it("a story that is not followed (ready) keeps its answer for the cache time", async () => {
    const story = await rendering();
    await updateStory(t.db, story.id, { status: "ready" });
    const first = await getStoryStatus(actor("w1"), story.id);
    expect(first.status).toBe("ready");
    expect(await getStoryStatus(actor("w1"), story.id)).toBe(first);
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 1001);
    expect(await getStoryStatus(actor("w1"), story.id)).not.toBe(first);
  });
});
