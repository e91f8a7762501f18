/**
 * First start (issue 11): `next start` with a fresh DATA_DIR until /api/health answers (PGlite creation + the
 * migrations happen there), a second start on the same directory, and a bare Next app (bench/bare-next) in the
 * same run. A fresh directory is started twice: without the PGlite template (PGLITE_TEMPLATE=off: initdb, the
 * baseline) and with it (lib/db/pglite-template.ts; made first if missing). Then where the fresh start's time goes,
 * in this process: PGlite.create on an empty directory, the same loaded from the template, and the migrations.
 *
 *   npm run build && npx next build bench/bare-next
 *   npx tsx bench/first-start.ts            # --runs (3) --port (3990)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { createPGlite, pgliteTemplatePath } from "../lib/db/pglite-template";
import { drizzle } from "drizzle-orm/pglite";
import { runMigrations } from "../lib/db/migrate";
import * as schema from "../lib/db/schema";
import { BENCH_AUTH_SECRET, startNext, stopAll, waitFor } from "./harness";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, port: { type: "string", default: "3990" } } });
const runs = Number(values.runs);
const port = Number(values.port);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function until(dir: string, env: Record<string, string>, probe: string): Promise<number> {
  const t0 = performance.now();
  const child = startNext(dir, port, env);
  try {
    await waitFor(`http://127.0.0.1:${port}${probe}`);
    return performance.now() - t0;
  } finally {
    // The next start must not be answered by this one while it shuts down: wait for the process to end.
    const exited = new Promise((r) => child.once("exit", r));
    stopAll([child]);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
}

async function main() {
  const env = (dataDir: string) => ({
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    BETTER_AUTH_SECRET: BENCH_AUTH_SECRET,
    VIMMERSE_BASE_URL: "http://127.0.0.1:9",
    VIMMERSE_API_KEY: "",
    SWEEP_INTERVAL_MS: "0",
  });
  const template = pgliteTemplatePath();
  if (!template) throw new Error("No PGlite template path (PGLITE_TEMPLATE=off?)");
  await (await createPGlite()).close(); // makes the template if this machine has none yet
  const fresh: number[] = [];
  const noTemplate: number[] = [];
  const again: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-first-"));
    try {
      bare.push(await until("bench/bare-next", {}, "/api/ping"));
      noTemplate.push(await until(".", { ...env(path.join(tmp, "initdb")), PGLITE_TEMPLATE: "off" }, "/api/health"));
      fresh.push(await until(".", env(path.join(tmp, "pglite")), "/api/health"));
      again.push(await until(".", env(path.join(tmp, "pglite")), "/api/health"));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-first-"));
  let create = 0;
  let load = 0;
  let migrate = 0;
  try {
    let t0 = performance.now();
    const client = await PGlite.create(path.join(tmp, "pglite"));
    create = performance.now() - t0;
    t0 = performance.now();
    const loaded = await PGlite.create(path.join(tmp, "loaded"), { loadDataDir: new Blob([readFileSync(template)]) });
    load = performance.now() - t0;
    await loaded.close();
    t0 = performance.now();
    await runMigrations(drizzle({ client, schema }));
    migrate = performance.now() - t0;
    await client.close();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const f = median(fresh);
  const b = median(bare);
  process.stdout.write(
    `fresh data dir without template ${noTemplate.map((x) => x.toFixed(0)).join(" / ")} ms, with template ${fresh.map((x) => x.toFixed(0)).join(" / ")} ms, same dir again ${again.map((x) => x.toFixed(0)).join(" / ")} ms, bare ${bare.map((x) => x.toFixed(0)).join(" / ")} ms\n` +
      `in-process: PGlite.create (empty dir) ${create.toFixed(0)} ms, from the template ${load.toFixed(0)} ms, migrations ${migrate.toFixed(0)} ms\n\n` +
      `| ${new Date().toISOString().slice(0, 10)} | ${median(noTemplate).toFixed(0)} ms | ${f.toFixed(0)} ms | ${median(again).toFixed(0)} ms | ${b.toFixed(0)} ms | ${(f / b).toFixed(1)}x | ${create.toFixed(0)} ms | ${load.toFixed(0)} ms | ${migrate.toFixed(0)} ms |\n`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
