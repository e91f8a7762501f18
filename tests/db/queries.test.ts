import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import {
  beginAttempt,
  claimRefresh,
  createStory,
  deleteStory,
  findOpenAttempt,
  finishAttempt,
  getStory,
  getStoryboardVersion,
  getStoryByVimmerseId,
  listAttempts,
  searchStories,
  listSweepCandidates,
  listStoryboardVersions,
  recordWebhookDelivery,
  saveStoryboard,
  updateStory,
} from "@/lib/db/queries";
import type { Storyboard } from "@/lib/validation/storyboard";
import { withIds } from "@/lib/stories/model";
import { backends, sleep, type TestDatabase } from "./databases";
import { organization } from "@/lib/db/schema";

/** A storyboard as the app stores it: every item with its id. */
function board(tag: string, scenes = 2): Storyboard {
  return withIds(rawBoard(tag, scenes));
}

function rawBoard(tag: string, scenes = 2): Storyboard {
  return {
    characters: [{ name: `Hero ${tag}`, description: "brave" }],
    environments: [],
    objects: [],
    music: { description: "calm", lyrics: "" },
    scenes: Array.from({ length: scenes }, (_, i) => ({
      name: `Scene ${i + 1}`,
      image_description: `${tag} image ${i}`,
      video_description: `${tag} video ${i}`,
      narrator: `${tag} narration ${i}`,
    })),
    extra_upstream_field: { kept: true },
  } as Storyboard;
}

const uid = () => crypto.randomUUID().slice(0, 8);

describe.each(backends())("db queries on $name", (backend) => {
  let t: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    t = await backend.create();
    db = t.db;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("creates a story with defaults, an id and a webhook secret", async () => {
    const row = await createStory(db, { mode: "advanced", title: "T", idea: "An idea", settings: { sceneCount: 3 } });
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(row).toMatchObject({
      mode: "advanced",
      title: "T",
      idea: "An idea",
      settings: { sceneCount: 3 },
      stage: "storyboard",
      status: "submitting",
      upstreamStatus: "",
      progress: 0,
      error: null,
      storyboard: null,
      version: 0,
      sceneCount: 0,
      usedCredits: 0,
      vimmerseId: null,
    });
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(row.updatedAt).toBeInstanceOf(Date);
    expect(await getStory(db, row.id)).toEqual(row);
    expect(await getStory(db, "missing")).toBeNull();

    const other = await createStory(db, { mode: "advanced" });
    expect(other.webhookSecret).not.toBe(row.webhookSecret);
  });

  it("accepts a caller-chosen id and refuses it twice", async () => {
    const id = `req-${uid()}`;
    const row = await createStory(db, { id, mode: "idea-2-video", stage: "auto", status: "generating" });
    expect(row).toMatchObject({ id, stage: "auto", status: "generating" });
    await expect(createStory(db, { id, mode: "idea-2-video" })).rejects.toThrow();
  });

  it("gives every item an id when it is stored without one, and keeps ids it has", async () => {
    const raw = rawBoard("noids");
    const row = await createStory(db, { mode: "advanced", storyboard: raw });
    const stored = row.storyboard as Storyboard;
    const ids = [...stored.characters, ...stored.scenes].map((x) => x.id);
    expect(ids.every((x) => typeof x === "string" && x.length > 0)).toBe(true);
    const saved = await saveStoryboard(db, { id: row.id, baseVersion: 1, storyboard: stored, source: "edit" });
    expect(saved.ok).toBe(true);
    const again = (await getStory(db, row.id))!.storyboard as Storyboard;
    expect([...again.characters, ...again.scenes].map((x) => x.id)).toEqual(ids);
  });

  it("creates with a storyboard as version 1 with a 'generated' snapshot", async () => {
    const b = board("gen", 3);
    const row = await createStory(db, { mode: "advanced", storyboard: b });
    expect(row.version).toBe(1);
    expect(row.sceneCount).toBe(3);
    expect(row.storyboard).toEqual(b);
    const versions = await listStoryboardVersions(db, row.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, source: "generated" });
    expect((await getStoryboardVersion(db, row.id, 1))?.storyboard).toEqual(b);
  });

  it("lists a workspace's stories newest first with dashboard columns only, a page at a time", async () => {
    const ws = `ws-list-${crypto.randomUUID()}`;
    await db.insert(organization).values({ id: ws, name: "List", slug: ws });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await createStory(db, { mode: "advanced", title: `list ${i}`, storyboard: board(`l${i}`), workspaceId: ws })).id);
      await sleep(5);
    }
    const { rows: list, more } = await searchStories(db, { workspaceId: ws, sort: "created", limit: 1000 });
    expect(more).toBe(false);
    expect(list.map((s) => s.id)).toEqual([...ids].reverse());
    const first = list.find((s) => s.id === ids[2])!;
    expect(first).toMatchObject({ title: "list 2", sceneCount: 2, status: "submitting", stage: "storyboard", progress: 0 });
    expect(first).toHaveProperty("thumbnailUrl");
    expect(first).toHaveProperty("videoUrl");
    expect(first).toHaveProperty("updatedAt");
    expect(first).not.toHaveProperty("storyboard");
    expect(first).not.toHaveProperty("webhookSecret");
    expect(first).not.toHaveProperty("lastStory");

    const page = await searchStories(db, { workspaceId: ws, sort: "created", limit: 2 });
    expect(page.rows.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect(page.more).toBe(true);
  });

  it("updates columns and updated_at, finds by vimmerse id", async () => {
    const row = await createStory(db, { mode: "advanced" });
    await sleep(5);
    const vid = `vim-${uid()}`;
    const updated = await updateStory(db, row.id, {
      vimmerseId: vid,
      status: "generating",
      progress: 40,
      error: { kind: "x", message: "y" },
      lastStory: { id: vid, status: "processing" },
      lastStoryAt: new Date(),
      videoUrl: "https://example.com/v.mp4",
    });
    expect(updated).toMatchObject({ vimmerseId: vid, status: "generating", progress: 40, error: { kind: "x", message: "y" } });
    expect(updated!.updatedAt.getTime()).toBeGreaterThan(row.updatedAt.getTime());
    expect((await getStoryByVimmerseId(db, vid))?.id).toBe(row.id);
    expect(await getStoryByVimmerseId(db, "nope")).toBeNull();
    expect(await updateStory(db, "missing", { progress: 1 })).toBeNull();
  });

  it("saves storyboards with incrementing versions and stored snapshots", async () => {
    const row = await createStory(db, { mode: "advanced" });
    const b1 = board("one", 1);
    const b2 = board("two", 4);
    const r1 = await saveStoryboard(db, { id: row.id, baseVersion: 0, storyboard: b1, source: "upstream" });
    expect(r1).toMatchObject({ ok: true, version: 1 });
    const r2 = await saveStoryboard(db, { id: row.id, baseVersion: 1, storyboard: b2, source: "edit" });
    expect(r2).toMatchObject({ ok: true, version: 2 });
    if (!r2.ok) throw new Error("unreachable");
    expect(r2.updatedAt).toBeInstanceOf(Date);

    const now = await getStory(db, row.id);
    expect(now).toMatchObject({ version: 2, storyboard: b2, sceneCount: 4 });
    expect(now!.updatedAt.getTime()).toBe(r2.updatedAt.getTime());

    const versions = await listStoryboardVersions(db, row.id);
    expect(versions.map((v) => [v.version, v.source])).toEqual([
      [2, "edit"],
      [1, "upstream"],
    ]);
    expect((await getStoryboardVersion(db, row.id, 1))?.storyboard).toEqual(b1);
    expect((await getStoryboardVersion(db, row.id, 2))?.storyboard).toEqual(b2);
    expect(await getStoryboardVersion(db, row.id, 3)).toBeNull();
  });

  it("applies an optional patch in the same update", async () => {
    const row = await createStory(db, { mode: "advanced" });
    const r = await saveStoryboard(db, {
      id: row.id,
      baseVersion: 0,
      storyboard: board("p"),
      source: "upstream",
      patch: { status: "ready", progress: 100 },
    });
    expect(r.ok).toBe(true);
    expect(await getStory(db, row.id)).toMatchObject({ status: "ready", progress: 100, version: 1 });
  });

  it("returns conflict for a stale base version and does not overwrite", async () => {
    const b1 = board("base");
    const row = await createStory(db, { mode: "advanced", storyboard: b1 });
    const b2 = board("winner");
    const win = await saveStoryboard(db, { id: row.id, baseVersion: 1, storyboard: b2, source: "edit" });
    expect(win.ok).toBe(true);

    const stale = await saveStoryboard(db, { id: row.id, baseVersion: 1, storyboard: board("loser"), source: "edit" });
    expect(stale.ok).toBe(false);
    if (stale.ok || stale.reason !== "conflict") throw new Error("expected a conflict");
    expect(stale.current.version).toBe(2);
    expect(stale.current.storyboard).toEqual(b2);
    expect(stale.current.updatedAt).toBeInstanceOf(Date);

    expect(await getStory(db, row.id)).toMatchObject({ version: 2, storyboard: b2 });
    expect((await listStoryboardVersions(db, row.id)).map((v) => v.version)).toEqual([2, 1]);
  });

  it("lets exactly one of several concurrent saves from the same base win", async () => {
    const row = await createStory(db, { mode: "advanced", storyboard: board("race-base") });
    const boards = Array.from({ length: 5 }, (_, i) => board(`race-${i}`));
    const results = await Promise.all(
      boards.map((b) => saveStoryboard(db, { id: row.id, baseVersion: 1, storyboard: b, source: "edit" })),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ version: 2 });
    const winnerBoard = boards[results.findIndex((r) => r.ok)];
    for (const r of results) {
      if (r.ok) continue;
      expect(r.reason).toBe("conflict");
      if (r.reason === "conflict") expect(r.current.version).toBe(2);
    }
    expect(await getStory(db, row.id)).toMatchObject({ version: 2, storyboard: winnerBoard });
    expect(await listStoryboardVersions(db, row.id)).toHaveLength(2);
  });

  it("returns not_found for a missing story", async () => {
    const r = await saveStoryboard(db, { id: "missing", baseVersion: 0, storyboard: board("x"), source: "edit" });
    expect(r).toEqual({ ok: false, reason: "not_found" });
  });

  it("deletes a story with its versions, attempts and deliveries", async () => {
    const row = await createStory(db, { mode: "advanced", storyboard: board("del") });
    await beginAttempt(db, { storyId: row.id, step: "storyboard", idempotencyKey: `del-${row.id}` });
    await recordWebhookDelivery(db, { storyId: row.id, dedupeKey: `del-${row.id}`, status: "success" });
    expect(await deleteStory(db, row.id)).toBe(true);
    expect(await getStory(db, row.id)).toBeNull();
    expect(await listStoryboardVersions(db, row.id)).toEqual([]);
    expect(await listAttempts(db, row.id)).toEqual([]);
    expect(await deleteStory(db, row.id)).toBe(false);
    // The dedupe key is free again (its row was cascaded away).
    const again = await createStory(db, { mode: "advanced" });
    expect(await recordWebhookDelivery(db, { storyId: again.id, dedupeKey: `del-${row.id}`, status: "x" })).toBe(true);
  });

  it("begins an attempt once per idempotency key", async () => {
    const row = await createStory(db, { mode: "advanced" });
    const key = `storyboard:${row.id}:1`;
    const first = await beginAttempt(db, { storyId: row.id, step: "storyboard", idempotencyKey: key, request: { idea: "x" } });
    expect(first.created).toBe(true);
    expect(first.attempt).toMatchObject({ state: "sending", step: "storyboard", request: { idea: "x" }, finishedAt: null });
    const second = await beginAttempt(db, { storyId: row.id, step: "storyboard", idempotencyKey: key, request: { idea: "y" } });
    expect(second.created).toBe(false);
    expect(second.attempt.id).toBe(first.attempt.id);
    expect(second.attempt.request).toEqual({ idea: "x" });
  });

  it("creates exactly one attempt for concurrent callers with one key", async () => {
    const row = await createStory(db, { mode: "advanced" });
    const key = `scenes:${row.id}:${uid()}`;
    const results = await Promise.all(
      Array.from({ length: 12 }, () => beginAttempt(db, { storyId: row.id, step: "scenes", idempotencyKey: key })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.attempt.id)).size).toBe(1);
    expect(await listAttempts(db, row.id)).toHaveLength(1);
  });

  it("finishes attempts and finds open ones", async () => {
    const row = await createStory(db, { mode: "advanced" });
    const a = await beginAttempt(db, { storyId: row.id, step: "videos", idempotencyKey: `v1-${row.id}` });
    expect((await findOpenAttempt(db, row.id, "videos"))?.id).toBe(a.attempt.id);
    expect(await findOpenAttempt(db, row.id, "scenes")).toBeNull();

    const done = await finishAttempt(db, a.attempt.id, { state: "succeeded", responseStatus: 200 });
    expect(done).toMatchObject({ state: "succeeded", responseStatus: 200, error: null });
    expect(done!.finishedAt).toBeInstanceOf(Date);
    expect(await findOpenAttempt(db, row.id, "videos")).toBeNull();

    await sleep(5);
    const b = await beginAttempt(db, { storyId: row.id, step: "videos", idempotencyKey: `v2-${row.id}` });
    const unknown = await finishAttempt(db, b.attempt.id, { state: "unknown", error: { kind: "timeout" } });
    expect(unknown).toMatchObject({ state: "unknown", error: { kind: "timeout" }, responseStatus: null });
    expect((await findOpenAttempt(db, row.id, "videos"))?.id).toBe(b.attempt.id);

    expect((await listAttempts(db, row.id)).map((x) => x.id)).toEqual([b.attempt.id, a.attempt.id]);
    expect(await finishAttempt(db, "missing", { state: "failed" })).toBeNull();

    // An attempt without a story (allowed: nullable story_id).
    const loose = await beginAttempt(db, { storyId: null, step: "idea-2-video", idempotencyKey: `loose-${uid()}` });
    expect(loose.created).toBe(true);
  });

  it("grants the refresh lease to exactly one of 20 concurrent callers per interval", async () => {
    const row = await createStory(db, { mode: "advanced" });
    const interval = 600;
    const results = await Promise.all(Array.from({ length: 20 }, () => claimRefresh(db, row.id, interval)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claimRefresh(db, row.id, interval)).toBe(false);
    const after = await getStory(db, row.id);
    expect(after!.lastRefreshedAt).toBeInstanceOf(Date);
    expect(after!.refreshLeaseUntil!.getTime()).toBeGreaterThan(after!.lastRefreshedAt!.getTime());

    await sleep(interval + 150);
    const second = await Promise.all(Array.from({ length: 20 }, () => claimRefresh(db, row.id, interval)));
    expect(second.filter(Boolean)).toHaveLength(1);
    expect(await claimRefresh(db, "missing", interval)).toBe(false);
  });

  it("the sweep visits the least recently refreshed stories first (a sweep cut short resumes where it stopped)", async () => {
    const never = await createStory(db, { mode: "advanced", status: "generating", stage: "elements" });
    const recent = await createStory(db, { mode: "advanced", status: "generating", stage: "elements" });
    const older = await createStory(db, { mode: "advanced", status: "submitting", stage: "scenes" });
    await createStory(db, { mode: "advanced", status: "ready", stage: "storyboard" }); // settled: not visited
    await updateStory(db, older.id, { lastRefreshedAt: new Date(Date.now() - 60_000) });
    await updateStory(db, recent.id, { lastRefreshedAt: new Date() });
    const ids = (await listSweepCandidates(db, [])).map((r) => r.id);
    const mine = ids.filter((id) => [never.id, recent.id, older.id].includes(id));
    expect(mine).toEqual([never.id, older.id, recent.id]);
  });

  it("dedupes webhook deliveries", async () => {
    const row = await createStory(db, { mode: "advanced" });
    const key = `${row.id}:success:${uid()}`;
    expect(await recordWebhookDelivery(db, { storyId: row.id, dedupeKey: key, status: "success" })).toBe(true);
    expect(await recordWebhookDelivery(db, { storyId: row.id, dedupeKey: key, status: "success" })).toBe(false);
    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () => recordWebhookDelivery(db, { storyId: row.id, dedupeKey: `${key}:c`, status: "s" })),
    );
    expect(concurrent.filter(Boolean)).toHaveLength(1);
    expect(await recordWebhookDelivery(db, { storyId: row.id, dedupeKey: `${key}:2`, status: "fail" })).toBe(true);
  });
});
