import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { log } from "../log";

// Not `server-only`: lib/db/open.ts (scripts, tests) uses it.

/*
 * First start (issue 11): creating a PGlite database (initdb inside WASM) is ~94 % of a fresh data directory's
 * first start. The first database ever created on this machine is dumped (PGlite's dumpDataDir, before any
 * migration: an empty, freshly initialised cluster) to a template file; every later new database (a fresh
 * DATA_DIR, every in-memory test database) is loaded from it (PGlite's `loadDataDir`) instead of running initdb.
 * The migrations run as before on top of it. The template is keyed by PGlite's version (a new PGlite makes a new
 * one), written atomically (temp file + rename: concurrent test workers may race), never committed.
 *
 * PGLITE_TEMPLATE: the template file's path; "off" disables it. Default:
 * node_modules/.cache/storyboard-studio/pglite-<version>.tar (made on the first start or test run).
 */

function pgliteVersion(): string | null {
  try {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

export function pgliteTemplatePath(): string | null {
  const configured = process.env.PGLITE_TEMPLATE;
  if (configured === "off") return null;
  if (configured) return path.resolve(/*turbopackIgnore: true*/ configured);
  const version = pgliteVersion();
  if (!version) return null;
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", ".cache", "storyboard-studio", `pglite-${version}.tar`);
}

/*
 * Memory (issue 11): PostgreSQL's shared buffers default to 128 MB, allocated and initialised inside PGlite's WASM
 * heap at start, so an idle server held ~140 MiB more resident memory than with 16 MB (bench/status.ts: WASM heap
 * 189 -> 128 MiB, its initial size). A studio's database is small and the file system caches its files anyway.
 * PGLITE_SHARED_BUFFERS: PostgreSQL's shared_buffers for PGlite (default 16MB).
 */
function pgliteStartParams(defaults: readonly string[]): string[] {
  const raw = process.env.PGLITE_SHARED_BUFFERS?.trim() ?? "";
  // A value PostgreSQL would refuse (it would stop the server at start) falls back to the default.
  const sharedBuffers = /^\d+\s*(kB|MB|GB)?$/.test(raw) ? raw.replace(/\s+/g, "") : "16MB";
  return [...defaults, "-c", `shared_buffers=${sharedBuffers}`];
}

/** A new or existing PGlite database in `dir` (none: in memory), loaded from the template when it is new. */
export async function createPGlite(dir?: string): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const startParams = pgliteStartParams(PGlite.defaultStartParams);
  const fresh = !dir || !existsSync(path.join(dir, "PG_VERSION"));
  const template = fresh ? pgliteTemplatePath() : null;
  if (!template) return PGlite.create(dir, { startParams });

  const tar = await readFile(template).catch(() => null);
  if (tar) {
    try {
      return await PGlite.create(dir, { loadDataDir: new Blob([tar]), startParams });
    } catch (err) {
      // A damaged template: forget it, start this database from scratch (nothing was in it).
      log.warn("db: PGlite template unusable, creating the database from scratch", { template, err });
      await rm(template, { force: true });
      if (dir) await rm(dir, { recursive: true, force: true }).then(() => mkdir(dir, { recursive: true }));
      return PGlite.create(dir, { startParams });
    }
  }

  const client = await PGlite.create(dir, { startParams });
  try {
    const dump = await client.dumpDataDir("none");
    await mkdir(path.dirname(template), { recursive: true });
    const partial = `${template}.${process.pid}.${Date.now()}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, template);
  } catch (err) {
    // Read-only install, full disk...: the next fresh database runs initdb again, nothing else changes.
    log.warn("db: could not save the PGlite template", { template, err });
  }
  return client;
}
