/**
 * Polling benchmark: N viewers poll one story that is rendering, for T seconds. Counts the viewers' polls
 * against the GET /story/{id} requests that reach Vimmerse (the simulator), and the poll latency.
 *
 *   npm run build
 *   npx tsx bench/polling.ts --viewers 50 --seconds 60            # one app instance, embedded PGlite
 *   npx tsx bench/polling.ts --viewers 50 --seconds 60 --instances 2 --database postgres://postgres@127.0.0.1:5432/test
 *
 * Options: --viewers (50) --seconds (60) --every (poll period per viewer, ms, 2000 like the browser)
 *          --refresh (STATUS_REFRESH_MS of the app, 3000) --instances (1; >1 needs --database)
 *          --port (3300; instance i listens on port+i)
 *          --database (a PostgreSQL URL used as admin: the bench creates and drops a database of its own)
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSimulator } from "../lib/simulator";
import { openDatabase } from "../lib/db/open";
import { stories } from "../lib/db/schema";
import { BENCH_AUTH_SECRET, benchDatabase, logger, percentile, signUp, simulatorStory, startNext, stopAll, waitFor, type BenchDatabase } from "./harness";

const { values } = parseArgs({
  options: {
    viewers: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    every: { type: "string", default: "2000" },
    refresh: { type: "string", default: "3000" },
    instances: { type: "string", default: "1" },
    database: { type: "string" },
    port: { type: "string", default: "3300" },
  },
});
const viewers = Number(values.viewers);
const seconds = Number(values.seconds);
const every = Number(values.every);
const refresh = Number(values.refresh);
const instances = Number(values.instances);

const log = logger("bench");

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first: the benchmark uses the production server.");
  if (instances > 1 && !values.database) throw new Error("--instances > 1 needs --database (PGlite is one process only).");

  // A simulator whose steps take minutes, so the story keeps rendering for the whole run.
  const sim = await startSimulator({ port: 0, timeScale: 200 });
  const children: ChildProcess[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-polling-"));
  let bdb: BenchDatabase | undefined;
  try {
    const vimmerseId = await simulatorStory(sim.url);

    // The app's database, with one story that is being generated (sign-up moves it into the first workspace).
    bdb = await benchDatabase(values.database, tmp, "bench");
    const { databaseUrl, dataDir } = bdb;
    const { db, close } = await openDatabase({ url: databaseUrl, dataDir, migrate: true });
    const [story] = await db
      .insert(stories)
      .values({ mode: "idea-2-video", stage: "auto", status: "generating", vimmerseId, idea: "bench" })
      .returning();
    await close();

    const ports = Array.from({ length: instances }, (_, i) => Number(values.port) + i);
    for (const port of ports) {
      children.push(
        startNext(".", port, {
          VIMMERSE_BASE_URL: sim.url,
          VIMMERSE_API_KEY: "",
          BETTER_AUTH_SECRET: BENCH_AUTH_SECRET,
          STATUS_REFRESH_MS: String(refresh),
          ...bdb.env,
        }),
      );
    }
    await Promise.all(ports.map((p) => waitFor(`http://127.0.0.1:${p}/api/health`)));
    // Accounts are on: the viewers are the signed-in owner (one session, as in several tabs).
    const cookie = await signUp(`http://127.0.0.1:${ports[0]}`, "owner@polling.test", "Olivia Owner");
    await fetch(`${sim.url}/__sim/requests`, { method: "DELETE" });

    log(`${viewers} viewers × ${seconds}s, one poll each per ${every}ms, refresh interval ${refresh}ms, ${instances} instance(s)`);
    const latencies: number[] = [];
    let errors = 0;
    const stopAt = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: viewers }, async (_, v) => {
        const port = ports[v % ports.length];
        await new Promise((r) => setTimeout(r, (v * every) / viewers)); // viewers do not arrive in lockstep
        while (Date.now() < stopAt) {
          const t0 = performance.now();
          try {
            const res = await fetch(`http://127.0.0.1:${port}/api/stories/${story.id}/status`, { headers: { cookie } });
            await res.arrayBuffer();
            if (!res.ok) errors++;
          } catch {
            errors++;
          }
          latencies.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, every));
        }
      }),
    );

    const requests = (await (await fetch(`${sim.url}/__sim/requests`)).json()) as { method: string; path: string }[];
    const upstreamGets = requests.filter((r) => r.method === "GET" && r.path === `/story/${vimmerseId}`).length;
    latencies.sort((a, b) => a - b);
    const bound = Math.ceil((seconds * 1000) / refresh) + 1;
    log(`viewer polls: ${latencies.length} (${errors} errors)`);
    log(`upstream GET /story/{id}: ${upstreamGets} (at most one per ${refresh} ms: bound ${bound})`);
    log(`poll latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`);
    process.stdout.write(
      `\n| ${new Date().toISOString().slice(0, 10)} | ${viewers} | ${seconds} s | ${every} ms | ${refresh} ms | ${instances} | ${databaseUrl ? "PostgreSQL" : "PGlite"} | ${latencies.length} | ${upstreamGets} (bound ${bound}) | ${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} ms | ${errors} |\n`,
    );
    if (upstreamGets > bound) process.exitCode = 1;
  } finally {
    stopAll(children);
    await sim.close();
    await bdb?.drop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
