import { mkdir } from "node:fs/promises";
import path from "node:path";
import { runMigrations } from "./migrate";
import * as schema from "./schema";
import type { Db } from "./types";
import { log } from "../log";

// Not `server-only`: scripts/migrate.ts (plain tsx) uses it. The app imports it through lib/db/index.ts.

export type OpenDatabaseOptions = {
  /** postgres:// URL: node-postgres Pool. Wins over dataDir. */
  url?: string;
  /** PGlite data directory (created if missing). Neither url nor dataDir: in-memory PGlite. */
  dataDir?: string;
  /** Apply pending migrations before returning. Default false. */
  migrate?: boolean;
};

export type OpenedDatabase = {
  db: Db;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
};

/**
 * Opens a new connection (pool) or PGlite instance. For tests and scripts; the app uses getDb().
 * Never open the same PGlite directory twice (in one process or two).
 */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  let opened: OpenedDatabase;
  if (opts.url) {
    const [{ default: pg }, { drizzle }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
    const pool = new pg.Pool({ connectionString: opts.url });
    // An idle client losing its connection (server restart) must not crash the process.
    pool.on("error", (err) => log.error("db: idle Postgres connection error", { err }));
    const db = drizzle({ client: pool, schema });
    opened = { db, kind: "postgres", close: () => pool.end() };
  } else {
    const [{ PGlite }, { drizzle }] = await Promise.all([
      import("@electric-sql/pglite"),
      import("drizzle-orm/pglite"),
    ]);
    let client: InstanceType<typeof PGlite>;
    if (opts.dataDir) {
      const dir = path.resolve(/*turbopackIgnore: true*/ opts.dataDir);
      await mkdir(dir, { recursive: true });
      client = await PGlite.create(dir);
    } else {
      client = await PGlite.create();
    }
    const db = drizzle({ client, schema });
    opened = { db, kind: "pglite", close: () => client.close() };
  }
  if (opts.migrate) {
    try {
      await runMigrations(opened.db);
    } catch (err) {
      await opened.close().catch(() => {});
      throw err;
    }
  }
  return opened;
}
