import "server-only";
import { databaseUrl, dataDir } from "../config";
import { openDatabase, type OpenedDatabase } from "./open";
import type { Db } from "./types";
import { closeLiveBus } from "../live/bus";

export * as schema from "./schema";
export { runMigrations, type MigrationResult } from "./migrate";
export { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from "./open";

export type { Db, DbQueryResultHKT } from "./types";

declare global {
  var __storyboardDb: Promise<OpenedDatabase> | undefined;
}

/**
 * The process-wide database (kept on globalThis so Next dev HMR reuses it).
 * DATABASE_URL set: node-postgres Pool; migrations are NOT run here (`npm run db:migrate`).
 * Otherwise: PGlite in DATA_DIR (default .data/pglite), migrated on first use.
 */
export async function getDb(): Promise<Db> {
  if (!globalThis.__storyboardDb) {
    const url = databaseUrl();
    const init = url ? openDatabase({ url }) : openDatabase({ dataDir: dataDir(), migrate: true });
    globalThis.__storyboardDb = init;
    // A failed init must not be cached forever: the next call tries again.
    init.catch(() => {
      if (globalThis.__storyboardDb === init) globalThis.__storyboardDb = undefined;
    });
  }
  return (await globalThis.__storyboardDb).db;
}

/**
 * Closes the process-wide database and the live bus's LISTEN connection (scripts, graceful shutdown, tests).
 * getDb() opens it again afterwards.
 */
export async function closeDb(): Promise<void> {
  const current = globalThis.__storyboardDb;
  globalThis.__storyboardDb = undefined;
  await closeLiveBus();
  if (current) await (await current.catch(() => undefined))?.close();
}
