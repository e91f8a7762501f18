import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Story } from "@/lib/vimmerse/story";
import type { Storyboard } from "@/lib/validation/storyboard";
import { startAppEnv } from "../support/app-env";

/** The story workflow against a real simulator and embedded database: saves, media merges, ordering, lost requests. */

let env: Awaited<ReturnType<typeof startAppEnv>>;
let svc: typeof import("@/lib/stories/service");
let q: typeof import("@/lib/db/queries");
let getDb: typeof import("@/lib/db").getDb;

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 60_000 });
  svc = await import("@/lib/stories/service");
  q = await import("@/lib/db/queries");
  getDb = (await import("@/lib/db")).getDb;
});

afterAll(async () => {
  await env?.stop();
});

const board = (narration: string, image = ""): Storyboard => ({
  characters: [{ id: "c-ada", name: "Ada", description: "A sailor", image_url: "" }],
  environments: [],
  objects: [],
  music: { description: "waves", lyrics: "" },
  scenes: [{ id: "s-one", name: "One", image_description: "the sea", video_description: "pan", narrator: narration, image_url: image }],
});

function upstream(partial: Partial<Story>): Story {
  return {
    id: "",
    title: "",
    idea: "",
    description: "",
    status: "processing",
    rawStatus: "",
    progress_percentage: 0,
    used_credits: 0,
    storyboard: board(""),
    scenes: [],
    medias: [],
    finished_medias: [],
    failed_medias: [],
    mediaViews: [],
    video_url: "",
    audio_urls: [],
    narration_url: "",
    is_transition: false,
    audio_option: null,
    language: "English",
    visibility_status: "1",
    message: "",
    submit_params: {},
    pose_preset: [],
    image_urls: [],
    created_at: "",
    updated_at: "",
    ...partial,
  };
}

describe("saving the edited storyboard", () => {
  it("puts an edit on top of versions that only added generated media, and returns what it stored", async () => {
    const db = await getDb();
    const row = await q.createStory(db, { mode: "advanced", storyboard: board("first"), status: "ready" });
    // Vimmerse's images arrive as version 2 while the creator still edits version 1.
    await q.saveStoryboard(db, { id: row.id, baseVersion: 1, storyboard: board("first", "https://gen/1.svg"), source: "upstream" });
    const saved = await svc.saveEditedStoryboard({ storyId: row.id, baseVersion: 1, storyboard: board("my words") });
    expect(saved.version).toBe(3);
    expect(saved.storyboard?.scenes[0]).toMatchObject({ narrator: "my words", image_url: "https://gen/1.svg" });
    expect((await q.getStory(db, row.id))!.storyboard?.scenes[0].image_url).toBe("https://gen/1.svg");
  });

  it("reports a conflict when a person saved in between", async () => {
    const db = await getDb();
    const row = await q.createStory(db, { mode: "advanced", storyboard: board("first"), status: "ready" });
    await q.saveStoryboard(db, { id: row.id, baseVersion: 1, storyboard: board("theirs"), source: "edit" });
    await expect(svc.saveEditedStoryboard({ storyId: row.id, baseVersion: 1, storyboard: board("mine") })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await q.getStory(db, row.id))!.storyboard?.scenes[0].narrator).toBe("theirs");
  });

  it("overwrite with mine writes only what I changed since my base, keeping their edits to other scenes", async () => {
    const db = await getDb();
    const two = (a: string, b: string): Storyboard => ({
      ...board("x"),
      scenes: [
        { id: "s-a", name: "A", image_description: a, video_description: "", narrator: "" },
        { id: "s-b", name: "B", image_description: b, video_description: "", narrator: "" },
      ],
    });
    const row = await q.createStory(db, { mode: "advanced", storyboard: two("a", "b"), status: "ready" });
    await q.saveStoryboard(db, { id: row.id, baseVersion: 1, storyboard: two("a", "b theirs"), source: "edit" });
    const saved = await svc.saveEditedStoryboard({ storyId: row.id, baseVersion: 1, storyboard: two("a mine", "b"), overwrite: true });
    expect(saved.version).toBe(3);
    const stored = (await q.getStory(db, row.id))!.storyboard!;
    expect(stored.scenes.map((s) => s.image_description)).toEqual(["a mine", "b theirs"]);
    expect(saved.storyboard).toEqual(stored);
  });

  it("gives ids to items saved without one", async () => {
    const db = await getDb();
    const row = await q.createStory(db, { mode: "advanced", storyboard: board("first"), status: "ready" });
    const noIds = board("mine");
    delete noIds.scenes[0].id;
    const saved = await svc.saveEditedStoryboard({ storyId: row.id, baseVersion: 1, storyboard: noIds });
    const id = (await q.getStory(db, row.id))!.storyboard!.scenes[0].id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.storyboard?.scenes[0].id).toBe(id);
  });
});

describe("answers from Vimmerse", () => {
  it("an older 'processing' answer applied after 'success' does not reopen the story", async () => {
    const db = await getDb();
    const row = await q.createStory(db, { mode: "idea-2-video", stage: "auto", status: "generating", vimmerseId: "v-order", storyboard: board("x") });
    const done = await svc.applyUpstream(row.id, upstream({ id: "v-order", status: "success", video_url: "https://gen/final.webm" }));
    expect(done?.status).toBe("done");
    const late = await svc.applyUpstream(row.id, upstream({ id: "v-order", status: "processing", progress_percentage: 40 }));
    expect(late?.status).toBe("done");
    expect(late?.videoUrl).toBe("https://gen/final.webm");
  });

  it("a step whose request was lost is adopted once Vimmerse shows it running, and not before", async () => {
    const db = await getDb();
    const row = await q.createStory(db, { mode: "advanced", stage: "elements", status: "ready", vimmerseId: "v-lost", storyboard: board("x") });
    await q.updateStory(db, row.id, { status: "failed", error: { kind: "outcome_unknown", message: "lost" } });
    const idle = await svc.applyUpstream(row.id, upstream({ id: "v-lost", status: "new" }));
    expect(idle?.status).toBe("failed");
    const running = await svc.applyUpstream(row.id, upstream({ id: "v-lost", status: "processing", progress_percentage: 30 }));
    expect(running?.status).toBe("generating");
    expect(running?.error).toBeNull();
  });

  it("automatic mode (no step of ours sent a storyboard): media land on the items of version 1 by their ids", async () => {
    const db = await getDb();
    const row = await q.createStory(db, { mode: "idea-2-video", stage: "auto", status: "generating", vimmerseId: "v-auto", storyboard: board("x") });
    const theirs = board("x", "https://gen/auto-1.svg");
    delete theirs.scenes[0].id;
    await svc.applyUpstream(row.id, upstream({ id: "v-auto", status: "processing", storyboard: theirs }));
    const after = (await q.getStory(db, row.id))!.storyboard!;
    expect(after.scenes[0]).toMatchObject({ id: "s-one", image_url: "https://gen/auto-1.svg" });
  });

  it("a step that ends with images missing says how many, instead of waiting forever", async () => {
    const db = await getDb();
    const row = await q.createStory(db, { mode: "advanced", stage: "scenes", status: "generating", vimmerseId: "v-partial", storyboard: board("x") });
    await svc.applyUpstream(row.id, upstream({ id: "v-partial", status: "processing" }));
    const ended = await svc.applyUpstream(row.id, upstream({ id: "v-partial", status: "new", storyboard: board("x") }));
    expect(ended?.status).toBe("failed");
    expect(ended?.error?.message).toMatch(/1 scene has no image/);
  });
});
