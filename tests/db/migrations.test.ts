import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, runMigrations, type Db } from "@/lib/db";
import { migrationsFolder } from "@/lib/db/migrate";
import { createStory, getStory, getStoryboardVersion, listStoryboardVersions, saveStoryboard } from "@/lib/db/queries";
import { emptyStoryboard } from "@/lib/stories/model";
import { backends, tempPgliteDir } from "./databases";

async function tableNames(db: Db): Promise<string[]> {
  const res = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return res.rows.map((r) => r.table_name);
}

describe.each(backends())("migrations on $name", (backend) => {
  it("apply from scratch, then are idempotent (what scripts/migrate.ts does)", async () => {
    const t = await backend.create({ migrate: false });
    try {
      expect(await tableNames(t.db)).toEqual([]);
      const first = await runMigrations(t.db);
      expect(first.applied).toEqual(["0000_init", "0001_pipeline", "0002_item_ids", "0003_lifecycle", "0004_teams", "0005_review"]);
      expect(first.total).toBe(6);
      expect(await tableNames(t.db)).toEqual([
        "account", "invitation", "member", "organization", "review_links", "review_states", "session",
        "step_attempts", "stories", "story_activity", "story_comments", "storyboard_versions", "user", "verification",
        "webhook_deliveries", "workspace_settings",
      ]);

      const second = await runMigrations(t.db);
      expect(second.applied).toEqual([]);
      const story = await createStory(t.db, { mode: "advanced" });
      expect(story.id).toBeTruthy();
    } finally {
      await t.close();
    }
  });
});

describe.each(backends())("0002_item_ids on $name", (backend) => {
  it("gives every scene and element of stored storyboards an id, the same in the story and its version snapshot", async () => {
    const t = await backend.create();
    try {
      const legacy = {
        ...emptyStoryboard(),
        characters: [{ name: "Ada", description: "" }, { id: "kept-id", name: "Bo", description: "" }],
        objects: [{ name: "Hat", description: "", extra: 1 }],
        scenes: [
          { name: "One", image_description: "a", video_description: "", narrator: "" },
          { name: "Two", image_description: "b", video_description: "", narrator: "" },
        ],
      };
      const story = await createStory(t.db, { mode: "advanced", storyboard: legacy });
      const empty = await createStory(t.db, { mode: "advanced" });
      // Stored before ids existed: run the data migration on them (it only touches items without a valid id).
      const file = readFileSync(path.join(migrationsFolder(), "0002_item_ids.sql"), "utf8");
      const apply = async () => {
        for (const statement of file.split("--> statement-breakpoint")) await t.db.execute(sql.raw(statement));
      };
      await apply();

      const row = (await getStory(t.db, story.id))!;
      const board = row.storyboard!;
      const items = [...board.characters, ...board.objects, ...board.scenes];
      for (const item of items) expect(item.id).toMatch(/^[0-9a-f-]{36}$|^kept-id$/);
      expect(board.characters[1].id).toBe("kept-id");
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      expect(board.objects[0]).toMatchObject({ name: "Hat", extra: 1 });
      expect(board.scenes.map((s) => s.image_description)).toEqual(["a", "b"]);
      const [snapshot] = await listStoryboardVersions(t.db, story.id);
      const stored = (await getStoryboardVersion(t.db, story.id, snapshot.version))!.storyboard;
      expect(stored).toEqual(board);
      expect((await getStory(t.db, empty.id))!.storyboard).toBeNull();

      // Idempotent: a second run changes nothing.
      await apply();
      expect((await getStory(t.db, story.id))!.storyboard).toEqual(board);
    } finally {
      await t.close();
    }
  });
});

describe("PGlite on disk", () => {
  it("creates its directory and keeps data after closing and reopening", async () => {
    const { dir, cleanup } = await tempPgliteDir();
    try {
      const first = await openDatabase({ dataDir: dir, migrate: true });
      const story = await createStory(first.db, { mode: "images-2-video", title: "Persisted" });
      const board = { ...emptyStoryboard(), scenes: [{ image_description: "a", video_description: "b", narrator: "c" }] };
      const saved = await saveStoryboard(first.db, { id: story.id, baseVersion: 0, storyboard: board, source: "edit" });
      expect(saved.ok).toBe(true);
      await first.close();

      const second = await openDatabase({ dataDir: dir, migrate: true });
      try {
        expect(await runMigrations(second.db)).toMatchObject({ applied: [] });
        expect(await getStory(second.db, story.id)).toMatchObject({
          title: "Persisted",
          mode: "images-2-video",
          version: 1,
          storyboard: board,
          sceneCount: 1,
          webhookSecret: story.webhookSecret,
        });
        expect(await listStoryboardVersions(second.db, story.id)).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      await cleanup();
    }
  });
});
