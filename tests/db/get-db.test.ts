import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb, runMigrations } from "@/lib/db";
import { createStory, getStory } from "@/lib/db/queries";
import { backends, tempPgliteDir, testDatabaseUrl } from "./databases";

describe("getDb (PGlite, no DATABASE_URL)", () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let cleanup: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await closeDb();
    await cleanup?.();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("is one migrated instance shared by concurrent first callers, reopened after closeDb", async () => {
    const tmp = await tempPgliteDir();
    cleanup = tmp.cleanup;
    process.env.DATA_DIR = tmp.dir;
    delete process.env.DATABASE_URL;

    const dbs = await Promise.all(Array.from({ length: 5 }, () => getDb()));
    expect(new Set(dbs).size).toBe(1);
    expect(await getDb()).toBe(dbs[0]);
    const story = await createStory(dbs[0], { mode: "advanced", title: "singleton" });

    await closeDb();
    const reopened = await getDb();
    expect(reopened).not.toBe(dbs[0]);
    expect((await getStory(reopened, story.id))?.title).toBe("singleton");
  });
});

describe.runIf(testDatabaseUrl())("getDb (DATABASE_URL set)", () => {
  const saved = process.env.DATABASE_URL;
  afterAll(async () => {
    await closeDb();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it("uses a Pool and does not migrate by itself", async () => {
    const fresh = await backends()
      .find((b) => b.name === "postgres")!
      .create({ migrate: false });
    try {
      await closeDb();
      const u = new URL(testDatabaseUrl()!);
      const dbName = (await fresh.db.execute<{ d: string }>(sql`select current_database() as d`)).rows[0].d;
      u.pathname = `/${dbName}`;
      process.env.DATABASE_URL = u.toString();

      const db = await getDb();
      const tables = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
      );
      expect(tables.rows[0].n).toBe(0);
      await runMigrations(db);
      expect((await createStory(db, { mode: "advanced", title: "pg" })).title).toBe("pg");
      await closeDb();
    } finally {
      await fresh.close();
    }
  });
});
