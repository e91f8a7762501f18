import { readFileSync } from "node:fs";
import path from "node:path";
import { entityKind, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type * as schema from "./schema";
import type { Db } from "./types";

// Not `server-only`: scripts/migrate.ts (plain tsx) imports this file.

/** Arbitrary constant key for pg_advisory_lock while migrating. */
const MIGRATION_LOCK_ID = 7_362_041_915;

export function migrationsFolder(): string {
  return path.join(process.cwd(), "lib/db/migrations");
}

export type MigrationResult = {
  /** Tags of the migrations this call applied (empty when the database was already up to date). */
  applied: string[];
  /** Number of migrations in lib/db/migrations. */
  total: number;
};

function journalTags(folder: string): string[] {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

async function appliedCount(db: Db): Promise<number> {
  const exists = await db.execute<{ t: string | null }>(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists.rows[0]?.t) return 0;
  const res = await db.execute<{ n: number | string }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(res.rows[0]?.n ?? 0);
}

/**
 * Applies the pending migrations in lib/db/migrations (drizzle's migrator; idempotent: applied migrations are
 * recorded in drizzle.__drizzle_migrations). Works with both the PGlite and the node-postgres instance.
 */
export async function runMigrations(db: Db): Promise<MigrationResult> {
  const folder = migrationsFolder();
  const tags = journalTags(folder);
  const config = { migrationsFolder: folder };

  const measured = async (migrate: () => Promise<void>): Promise<MigrationResult> => {
    const before = await appliedCount(db);
    await migrate();
    const after = await appliedCount(db);
    return { applied: tags.slice(before, Math.max(before, after)), total: tags.length };
  };

  // Tell the drivers apart by drizzle's entity kind, so neither driver module is loaded when it is not used.
  const kind = (db.constructor as unknown as { [entityKind]?: string })[entityKind];
  if (kind === "PgliteDatabase") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    return measured(() => migrate(db as unknown as PgliteDatabase<typeof schema>, config));
  }
  if (kind !== "NodePgDatabase") throw new Error(`runMigrations: unsupported database driver ${String(kind)}`);

  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const run = () => migrate(db as unknown as NodePgDatabase<typeof schema>, config);
  const { default: pg } = await import("pg");
  const client = (db as unknown as { $client: unknown }).$client;
  if (!(client instanceof pg.Pool)) return measured(run);

  // Several processes migrating one server at once: one goes first, the others then find nothing to do.
  // Session-level advisory lock held on a dedicated connection; the migration itself runs on the pool.
  const lockConn = await client.connect();
  try {
    await lockConn.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    try {
      return await measured(run);
    } finally {
      await lockConn.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
    }
  } finally {
    lockConn.release();
  }
}
