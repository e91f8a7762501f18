import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, runMigrations, type Db } from "@/lib/db";
import { createStory, getStory, listStoryboardVersions, saveStoryboard } from "@/lib/db/queries";
import { emptyStoryboard } from "@/lib/validation/storyboard";
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
      expect(first.applied).toEqual(["0000_init", "0001_pipeline", "0004_teams"]);
      expect(first.total).toBe(3);
      expect(await tableNames(t.db)).toEqual([
        "account", "invitation", "member", "organization", "session",
        "step_attempts", "stories", "storyboard_versions", "user", "verification", "webhook_deliveries",
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
