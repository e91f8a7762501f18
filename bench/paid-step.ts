/**
 * Paid-step benchmark (issue 11, "the app adds at most 5 ms p50 to an upstream call"). In-process, through the
 * service layer the server action calls (lib/services/stories.ts: permission check, story lookup, render gate, then
 * lib/stories/steps.ts with its money-safety bookkeeping), against the same POST sent straight to the simulator, in
 * the SAME run, interleaved, N sequential calls each. Then the refreshing status poll (getStoryStatus with a refresh
 * due on every call: lean read, lease, GET /story/{id}, applying the answer) against a direct GET.
 * Prints p50/p95 of the time the app adds and the SQL statements per call (drizzle's logger).
 *
 *   npx tsx bench/paid-step.ts                       # PGlite in memory, N=50, a 40-scene storyboard
 *   npx tsx bench/paid-step.ts --database postgres://postgres@127.0.0.1:5432/test
 *
 * Options: --n (50) --scenes (40) --sim-port (3810). No build needed (no Next server: the HTTP status route's
 * figure is bench/status.ts's "refreshing poll vs direct GET").
 */
import "./server-only-shim";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { startSimulator } from "../lib/simulator";
import { openDatabase, type OpenedDatabase } from "../lib/db/open";
import { organization, stories, user } from "../lib/db/schema";
import { withIds } from "../lib/stories/model";
import { runStepSchema } from "../lib/validation/steps";
import type { Actor } from "../lib/auth/actor";
import { benchBoard, benchDatabase, logger, percentile, simulatorStory, sleep, type BenchDatabase, seedStory } from "./harness";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "50" },
    scenes: { type: "string", default: "40" },
    "sim-port": { type: "string", default: "3810" },
    database: { type: "string" },
    /** Writes a V8 CPU profile of the timed paid-step calls into this file (bench/cpu-profile.ts reads it). */
    "cpu-prof": { type: "string" },
  },
});
const n = Number(values.n);
const log = logger("paid-step");

const actor: Actor = {
  user: { id: "bench-user", name: "Bench Owner", email: "owner@bench.test" },
  workspace: { id: "bench-workspace", name: "Bench" },
  role: "owner",
  workspaces: [{ id: "bench-workspace", name: "Bench", role: "owner" }],
  sessionId: "bench-session",
};

/** Counts the statements drizzle sends while `counting` is on. */
const counter = { counting: false, count: 0, t0: 0 };
const countingLogger = {
  logQuery: (query: string) => {
    if (!counter.counting) return;
    counter.count++;
    if (process.env.BENCH_DEBUG) log(`+${(performance.now() - counter.t0).toFixed(1)} ms sql: ${query.slice(0, 70)}`);
  },
};

function summary(label: string, app: number[], direct: number[], statements: number[]) {
  const s = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [a, d] = [s(app), s(direct)];
  const added = s(app.map((x, i) => x - direct[i]));
  const st = s(statements);
  log(
    `${label}: app p50 ${percentile(a, 50).toFixed(1)} / p95 ${percentile(a, 95).toFixed(1)} ms, direct p50 ${percentile(d, 50).toFixed(1)} / p95 ${percentile(d, 95).toFixed(1)} ms; ` +
      `added p50 +${(percentile(a, 50) - percentile(d, 50)).toFixed(1)} ms (paired p50 +${percentile(added, 50).toFixed(1)}, p95 +${percentile(added, 95).toFixed(1)} ms); ` +
      `statements per call ${percentile(st, 50)} (min ${st[0]}, max ${st[st.length - 1]})`,
  );
  return { appP50: percentile(a, 50), directP50: percentile(d, 50), addedP50: percentile(a, 50) - percentile(d, 50), addedP95: percentile(added, 95), statements: percentile(st, 50) };
}

async function main() {
  const simPort = Number(values["sim-port"]);
  // Paid steps: elements take 5 s x timeScale at the simulator; each call waits (untimed) until it finished.
  const sim = await startSimulator({ port: simPort, timeScale: 0.002 });
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-paid-"));
  let bdb: BenchDatabase | undefined;
  let opened: OpenedDatabase | undefined;
  const simHeaders = { "X-Api-Key": "bench", "content-type": "application/json" };
  const simStatus = async (id: string) =>
    ((await (await fetch(`${sim.url}/story/${id}`, { headers: simHeaders })).json()) as { data: { status: string } }).data.status;
  const untilIdle = async (id: string) => {
    while ((await simStatus(id)) === "processing") await sleep(5);
  };
  try {
    Object.assign(process.env, { VIMMERSE_BASE_URL: sim.url, VIMMERSE_API_KEY: "", LOG_LEVEL: "warn", STATUS_REFRESH_MS: "1" }); // 0 means "unset" (3000)
    bdb = values.database ? await benchDatabase(values.database, tmp, "bench_paid") : undefined;
    if (bdb?.databaseUrl) process.env.DATABASE_URL = bdb.databaseUrl;
    // The app's process-wide database (lib/db/index.ts getDb) is this one, with the counting logger.
    opened = await openDatabase({ url: bdb?.databaseUrl, migrate: true, logger: countingLogger });
    globalThis.__storyboardDb = Promise.resolve(opened);
    const { db } = opened;
    const { runStep, getStoryStatus } = await import("../lib/services/stories");

    await db.insert(user).values({ id: actor.user.id, name: actor.user.name, email: actor.user.email });
    await db.insert(organization).values({ id: actor.workspace.id, name: actor.workspace.name, slug: actor.workspace.id, createdAt: new Date() });
    const vimmerseId = await simulatorStory(sim.url);
    await untilIdle(vimmerseId);
    const storyboard = withIds(benchBoard(Number(values.scenes)));
    const story = await seedStory(db, { mode: "advanced", stage: "storyboard", status: "ready", vimmerseId, idea: "bench", title: "Bench", storyboard, version: 1, sceneCount: storyboard.scenes.length, workspaceId: actor.workspace.id });

    const options = { option: "Seedream", aspectRatio: "16:9", enhanceImage: false };
    const input = () => runStepSchema.parse({ step: "elements", storyId: story.id, requestId: randomUUID(), options });
    const directBody = JSON.stringify({ option: options.option, aspect_ratio: options.aspectRatio, storyboard, enhance_image: false });
    const reset = () => db.update(stories).set({ status: "ready", stage: "storyboard", error: null, progress: 0 }).where(eq(stories.id, story.id));

    const app: number[] = [];
    const direct: number[] = [];
    const statements: number[] = [];
    const profiler = values["cpu-prof"] ? new Session() : null;
    profiler?.connect();
    await profiler?.post("Profiler.enable");
    for (let i = -5; i < n; i++) {
      // The app's call (first 5: warm-up, not recorded).
      await reset();
      const parsed = input();
      counter.count = 0;
      counter.counting = true;
      if (i === 0) await profiler?.post("Profiler.start");
      let t0 = (counter.t0 = performance.now());
      const result = await runStep(actor, parsed);
      const tApp = performance.now() - t0;
      counter.counting = false;
      if (result.alreadySent) throw new Error("the step was not sent");
      await untilIdle(vimmerseId);
      // The same POST straight to the simulator.
      t0 = performance.now();
      const res = await fetch(`${sim.url}/story/${vimmerseId}/elements`, { method: "POST", headers: simHeaders, body: directBody });
      await res.arrayBuffer();
      const tDirect = performance.now() - t0;
      if (!res.ok) throw new Error(`direct POST ${res.status}`);
      await untilIdle(vimmerseId);
      if (i < 0) continue;
      app.push(tApp);
      direct.push(tDirect);
      statements.push(counter.count);
    }
    if (profiler) {
      const { profile } = await profiler.post("Profiler.stop");
      writeFileSync(values["cpu-prof"]!, JSON.stringify(profile));
      profiler.disconnect();
    }
    const paid = summary(`paid step (elements, ${storyboard.scenes.length} scenes)`, app, direct, statements);

    // The refreshing poll: the story renders (elements re-timed to 5000 s), a refresh is due on every poll.
    await fetch(`${sim.url}/__sim/config`, { method: "POST", headers: simHeaders, body: JSON.stringify({ timeScale: 1000 }) });
    await reset();
    await runStep(actor, input());
    if (process.env.BENCH_DEBUG) { const { getStoryPoll } = await import("../lib/db/poll"); log(JSON.stringify(await getStoryPoll(db, story.id))); }
    const pApp: number[] = [];
    const pDirect: number[] = [];
    const pStatements: number[] = [];
    for (let i = -5; i < n; i++) {
      counter.count = 0;
      counter.counting = true;
      let t0 = (counter.t0 = performance.now());
      const view = (await getStoryStatus(actor, story.id)) as { status?: string };
      const tApp = performance.now() - t0;
      counter.counting = false;
      if (view.status !== "generating") throw new Error(`poll: story ${view.status}`);
      t0 = performance.now();
      await (await fetch(`${sim.url}/story/${vimmerseId}`, { headers: simHeaders })).arrayBuffer();
      const tDirect = performance.now() - t0;
      if (i < 0) continue;
      pApp.push(tApp);
      pDirect.push(tDirect);
      pStatements.push(counter.count);
    }
    const poll = summary("refreshing poll (in-process)", pApp, pDirect, pStatements);

    const load = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
    const date = new Date().toISOString().slice(0, 10);
    const dbName = values.database ? "PostgreSQL" : "PGlite";
    process.stdout.write(
      `\n| ${date} | ${dbName} | paid step (elements), N=${n} | +${paid.addedP50.toFixed(1)} ms (paired p95 +${paid.addedP95.toFixed(1)}) | direct POST ${paid.directP50.toFixed(1)} ms | ${paid.statements} | ${load} |\n` +
        `| ${date} | ${dbName} | refreshing poll, N=${n} | +${poll.addedP50.toFixed(1)} ms (paired p95 +${poll.addedP95.toFixed(1)}) | direct GET ${poll.directP50.toFixed(1)} ms | ${poll.statements} | ${load} |\n`,
    );
  } finally {
    await opened?.close().catch(() => undefined);
    const { closeLiveBus } = await import("../lib/live/bus");
    await closeLiveBus().catch(() => undefined);
    await sim.close();
    await bdb?.drop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
