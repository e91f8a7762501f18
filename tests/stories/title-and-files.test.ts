import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type TestDatabase } from "../db/databases";
import { createStory, searchStories, type DashboardStory } from "@/lib/db/queries";
import { organization } from "@/lib/db/auth-schema";
import { storyTitle } from "@/lib/stories/title";
import { readStoryboardFile, toStoryboardFile, withNewIds } from "@/lib/stories/storyboard-file";
import { withIds } from "@/lib/stories/model";
import type { Storyboard } from "@/lib/validation/storyboard";

const board = (title?: string): Storyboard =>
  withIds({
    characters: [{ name: "Ada", description: "A sailor", image_url: "" }],
    environments: [],
    objects: [],
    music: { description: "waves", lyrics: "" },
    ...(title === undefined ? {} : { title_scene: { title, description: "" } }),
    scenes: [{ name: "One", image_description: "the sea", video_description: "pan", narrator: "Once.", image_url: "" }],
  });

describe("a story's title", () => {
  it("is the creator's title, else the title scene's, else empty", () => {
    expect(storyTitle("Mine", "Scene title")).toBe("Mine");
    expect(storyTitle("", "Scene title")).toBe("Scene title");
    expect(storyTitle("  ", "  Scene title ")).toBe("Scene title");
    expect(storyTitle("", null)).toBe("");
  });
});

for (const backend of backends()) {
  describe(`dashboard search (${backend.name})`, () => {
    let t: TestDatabase;
    const ws = "ws-title-test";
    beforeAll(async () => {
      t = await backend.create();
      await t.db.insert(organization).values({ id: ws, name: "W", slug: "w" });
      const add = (title: string, idea: string, sceneTitle: string | undefined, status: "ready" | "done" | "failed") =>
        createStory(t.db, { mode: "advanced", title, idea, storyboard: board(sceneTitle), status, workspaceId: ws });
      await add("", "about whales", "Zebra dawn", "ready");
      await add("Apple harvest", "", "ignored", "done");
      await add("", "no title at all", undefined, "failed");
      await add(" ", "", "middle road", "ready");
    });
    afterAll(() => t?.close());

    const shown = (rows: DashboardStory[]) => rows.map((r) => storyTitle(r.title, r.titleSceneTitle));

    it("sorts by the title the cards show (the SQL agrees with storyTitle), untitled last", async () => {
      const { rows, more } = await searchStories(t.db, { workspaceId: ws, sort: "title", limit: 10 });
      expect(shown(rows)).toEqual(["Apple harvest", "middle road", "Zebra dawn", ""]);
      expect(more).toBe(false);
    });

    it("searches title, title scene and idea (case-insensitive, % and _ literal); filters by status; is limited", async () => {
      expect(shown((await searchStories(t.db, { workspaceId: ws, q: "ZEBRA", limit: 10 })).rows)).toEqual(["Zebra dawn"]);
      expect(shown((await searchStories(t.db, { workspaceId: ws, q: "whales", limit: 10 })).rows)).toEqual(["Zebra dawn"]);
      expect((await searchStories(t.db, { workspaceId: ws, q: "%", limit: 10 })).rows).toEqual([]);
      expect(shown((await searchStories(t.db, { workspaceId: ws, statuses: ["ready"], sort: "title", limit: 10 })).rows)).toEqual(["middle road", "Zebra dawn"]);
      const page = await searchStories(t.db, { workspaceId: ws, limit: 3 });
      expect(page.rows).toHaveLength(3);
      expect(page.more).toBe(true);
      expect((await searchStories(t.db, { workspaceId: "elsewhere", limit: 10 })).rows).toEqual([]);
    });
  });
}

describe("storyboard files", () => {
  it("round-trips a storyboard with its ids", () => {
    const b = board("T");
    const back = readStoryboardFile(JSON.stringify(toStoryboardFile("My story", b)));
    expect(back).toEqual({ title: "My story", storyboard: b });
  });

  it("says clearly what is wrong", () => {
    expect(() => readStoryboardFile("not json")).toThrow(/not JSON/);
    expect(() => readStoryboardFile("[]")).toThrow(/not a storyboard file/);
    expect(() => readStoryboardFile(JSON.stringify({ format: "other", version: 1, storyboard: board() }))).toThrow(/not a storyboard file/);
    expect(() => readStoryboardFile(JSON.stringify({ format: "storyboard-studio/storyboard", version: 2, storyboard: board() }))).toThrow(/version/);
    const bad = { ...board(), scenes: "nope" };
    expect(() => readStoryboardFile(JSON.stringify({ format: "storyboard-studio/storyboard", version: 1, storyboard: bad }))).toThrow(/storyboard in this file is not valid: storyboard.scenes: .*expected array/);
  });

  it("a duplicate's items all get new ids, the content stays", () => {
    const b = board("T");
    const copy = withNewIds(b);
    expect(copy.scenes[0].id).not.toBe(b.scenes[0].id);
    expect(copy.characters[0].id).not.toBe(b.characters[0].id);
    expect({ ...copy.scenes[0], id: "" }).toEqual({ ...b.scenes[0], id: "" });
  });
});
