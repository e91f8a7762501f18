import { mkdir } from "node:fs/promises";
import path from "node:path";
import { runMigrations } from "./migrate";
import { createPGlite } from "./pglite-template";
import * as schema from "./schema";
import type { Db } from "./types";
import { log } from "../log";
import type { Logger } from "drizzle-orm";

// Not `server-only`: scripts/migrate.ts (plain tsx) uses it. The app imports it through lib/db/index.ts.

export type OpenDatabaseOptions = {
  /** postgres:// URL: node-postgres Pool. Wins over dataDir. */
  url?: string;
  /** PGlite data directory (created if missing). Neither url nor dataDir: in-memory PGlite. */
  dataDir?: string;
  /** Apply pending migrations before returning. Default false. */
  migrate?: boolean;
  /** Drizzle's query logger: sees every statement (bench/paid-step.ts counts them). */
  logger?: Logger;
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
    const db = drizzle({ client: pool, schema, logger: opts.logger });
    opened = { db, kind: "postgres", close: () => pool.end() };
  } else {
    const { drizzle } = await import("drizzle-orm/pglite");
    let dir: string | undefined;
    if (opts.dataDir) {
      dir = path.resolve(/*turbopackIgnore: true*/ opts.dataDir);
      await mkdir(dir, { recursive: true });
    }
    // A new database starts from a template of an initialised one (first start: lib/db/pglite-template.ts).
    const client = await createPGlite(dir);
    const db = drizzle({ client, schema, logger: opts.logger });
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
