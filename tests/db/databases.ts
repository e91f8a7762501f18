import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Db } from "@/lib/db";

/**
 * The database backends the db tests run against:
 * - always an in-memory PGlite;
 * - PostgreSQL when TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test): every create()
 *   makes a brand-new database sb_test_<random> on that server and drops it (WITH (FORCE)) on close.
 * Nothing depends on state left over by an earlier run.
 */

export type TestDatabase = { db: Db; close(): Promise<void>; /** PostgreSQL only: its connection URL. */ url?: string };

export type Backend = {
  name: string;
  /** A new, empty database; migrated unless `migrate: false`. */
  create(opts?: { migrate?: boolean }): Promise<TestDatabase>;
};

const pgliteMemory: Backend = {
  name: "pglite (memory)",
  async create(opts = {}) {
    return openDatabase({ migrate: opts.migrate ?? true });
  },
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function postgres(serverUrl: string): Backend {
  return {
    name: "postgres",
    async create(opts = {}) {
      const name = `sb_test_${randomBytes(6).toString("hex")}`;
      await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
      let opened: TestDatabase;
      try {
        opened = await openDatabase({ url: withDatabase(serverUrl, name), migrate: opts.migrate ?? true });
      } catch (err) {
        await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        throw err;
      }
      return {
        db: opened.db,
        url: withDatabase(serverUrl, name),
        async close() {
          await opened.close();
          await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        },
      };
    },
  };
}

/**
 * The PostgreSQL server of the db tests. In CI (CI=true) it is required: without TEST_DATABASE_URL the suite fails
 * instead of silently running on PGlite only (and an unreachable server fails the PostgreSQL tests themselves).
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim() || undefined;
  if (!url && isCi()) {
    throw new Error("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests are required in CI (see .ci/run).");
  }
  return url;
}

function isCi(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return Boolean(ci) && ci !== "false" && ci !== "0";
}

/** Fails fast with a clear message when the PostgreSQL server of TEST_DATABASE_URL cannot be reached. */
export async function assertPostgresReachable(url: string): Promise<void> {
  try {
    await admin(url, (c) => c.query("select 1"));
  } catch (e) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL at ${new URL(url).host} cannot be reached: ${String(e)}`);
  }
}

export function backends(): Backend[] {
  const url = testDatabaseUrl();
  return url ? [pgliteMemory, postgres(url)] : [pgliteMemory];
}

/** A fresh temporary directory for an on-disk PGlite; remove it with the returned cleanup. */
export async function tempPgliteDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const base = await mkdtemp(path.join(os.tmpdir(), "sb-pglite-"));
  // A not-yet-existing subdirectory: openDatabase must create it.
  const dir = path.join(base, "nested", "pglite");
  return { dir, cleanup: () => rm(base, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
