/**
 * Status-route benchmark (issue 11): the polled `GET /api/stories/:id/status` of a signed-in owner (accounts on:
 * session lookup, membership, permission check) under 50 connections, against a bare Next route handler
 * (bench/bare-next) measured in the SAME run, so the figure is a ratio on a shared machine. Also: the answer when
 * nothing changed (If-None-Match -> 304), and what a poll that refreshes from Vimmerse adds to a direct GET.
 *
 *   npm run build && npx next build bench/bare-next
 *   npx tsx bench/status.ts                       # 50 connections, 10 s per run, a 40-scene story, PGlite
 *   npx tsx bench/status.ts --database postgres://postgres@127.0.0.1:5432/test
 *
 * Options: --connections (50) --seconds (10) --scenes (40) --port (3990; bare = port+1) --sim-port (4990)
 *
 * Also printed (load-independent where possible): CPU time per request of each server's process group, the app's
 * floor (the same route without a session cookie), resident memory idle after the warm-up and the peak
 * during the 50-connection runs (app and bare), and the app's event-loop delay and memory parts (PGlite's WASM
 * heap) from the env-gated probe in instrumentation.ts. STATUS_CACHE_MS=0 in the environment: the poll without its
 * remembered answer (the state before session 4's change), for a before/after in the same conditions.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startSimulator } from "../lib/simulator";
import { openDatabase } from "../lib/db/open";
import {
  BENCH_AUTH_SECRET,
  benchBoard,
  benchDatabase,
  groupCpuMs,
  groupRssKb,
  logger,
  percentile,
  signInCookie,
  signUp,
  simulatorStory,
  startNext,
  stopAll,
  waitFor,
  type BenchDatabase,
  seedStory,
} from "./harness";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    seconds: { type: "string", default: "10" },
    scenes: { type: "string", default: "40" },
    port: { type: "string", default: "3990" },
    "sim-port": { type: "string", default: "4990" },
    database: { type: "string" },
    /** Writes a V8 CPU profile of the app server (the 50-connection part) into this directory. */
    "cpu-prof": { type: "string" },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const scenes = Number(values.scenes);
const port = Number(values.port);

const log = logger("bench");

type Run = {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  /** CPU time of the server's process group per request (does not depend on how busy the machine is). */
  cpuMsPerRequest: number;
  /** The server's resident memory (process group), highest sample during the run. */
  peakRssMiB: number;
};

const mib = (kb: number) => kb / 1024;

async function cannon(label: string, url: string, headers: Record<string, string>, duration = seconds, expect = 200, server?: ChildProcess): Promise<Run> {
  const pid = server?.pid;
  let peak = pid ? groupRssKb(pid) : 0;
  const sampler = pid ? setInterval(() => (peak = Math.max(peak, groupRssKb(pid))), 250) : undefined;
  const cpu0 = pid ? groupCpuMs(pid) : 0;
  const r = await autocannon({ url, connections, duration, headers, expectBody: undefined });
  const cpu = pid ? groupCpuMs(pid) - cpu0 : 0;
  clearInterval(sampler);
  // If-None-Match: a 304, or a 200 with the new body when the story changed meanwhile (it keeps rendering).
  const wrongStatus =
    expect === 304 ? r.requests.total - (r["3xx"] ?? 0) - (r["2xx"] ?? 0) : expect === 401 ? r.requests.total - (r["4xx"] ?? 0) : r.non2xx;
  if (expect === 304) log(`${label}: ${r["3xx"]} answered 304, ${r["2xx"]} answered 200 (changed since the tag)`);
  const run = {
    label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: Math.max(0, wrongStatus),
    total: r.requests.total,
    cpuMsPerRequest: r.requests.total ? cpu / r.requests.total : 0,
    peakRssMiB: mib(peak),
  };
  log(
    `${label}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, errors ${run.errors}, unexpected status ${run.non2xx} (${run.total} requests)` +
      (pid ? `; ${run.cpuMsPerRequest.toFixed(2)} CPU-ms/request, peak RSS ${run.peakRssMiB.toFixed(0)} MiB` : ""),
  );
  return run;
}

async function sequential(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first.");
  if (!existsSync("bench/bare-next/.next/BUILD_ID")) throw new Error("Run `npx next build bench/bare-next` first (the baseline).");
  const sim = await startSimulator({ port: Number(values["sim-port"]), timeScale: 200 });
  const children: ChildProcess[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-status-"));
  let bdb: BenchDatabase | undefined;
  try {
    const vimmerseId = await simulatorStory(sim.url);
    bdb = await benchDatabase(values.database, tmp, "bench_status");
    const { databaseUrl, dataDir } = bdb;
    // A rendering story with a storyboard, made before the first account: sign-up moves it into the first workspace.
    const { db, close } = await openDatabase({ url: databaseUrl, dataDir, migrate: true });
    const storyboard = benchBoard(scenes);
    const story = await seedStory(db, { mode: "idea-2-video", stage: "auto", status: "generating", vimmerseId, idea: "bench", title: "Bench", storyboard, version: 1, sceneCount: scenes });
    await close();

    const env = {
      VIMMERSE_BASE_URL: sim.url,
      VIMMERSE_API_KEY: "",
      BETTER_AUTH_SECRET: BENCH_AUTH_SECRET,
      STATUS_REFRESH_MS: "3000",
      LOG_LEVEL: "warn",
      ...bdb.env,
    };
    // The app's event-loop delay and memory parts (instrumentation.ts, BENCH_PROBE_FILE; a SIGUSR2 writes them).
    const probeFile = path.join(tmp, "probe.json");
    const app = startNext(".", port, { ...env, BENCH_PROBE_FILE: probeFile }, values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : []);
    const bare = startNext("bench/bare-next", port + 1, {});
    children.push(app, bare);
    const appUrl = `http://127.0.0.1:${port}`;
    const bareUrl = `http://127.0.0.1:${port + 1}`;
    await Promise.all([waitFor(`${appUrl}/api/health`), waitFor(`${bareUrl}/api/ping`)]);
    const cookie = await signUp(appUrl, "owner@bench.test", "Olivia Owner");
    const statusUrl = `${appUrl}/api/stories/${story.id}/status`;
    const first = await fetch(statusUrl, { headers: { cookie } });
    if (!first.ok) throw new Error(`status route answered ${first.status}: ${await first.text()}`);
    const etag = first.headers.get("etag");
    log(`story ${story.id} (${scenes} scenes), body ${(await first.arrayBuffer()).byteLength} bytes, etag ${etag ?? "none"}`);

    // Warm both servers (JIT, pools), then measure: bare, app, bare again (drift check), app with If-None-Match.
    await cannon("warm-up bare", `${bareUrl}/api/ping`, {}, 3);
    await cannon("warm-up status", statusUrl, { cookie }, 3);
    // Memory when idle after the warm-up (both servers answered requests, nothing in flight).
    await new Promise((r) => setTimeout(r, 2000));
    const idle = { app: mib(groupRssKb(app.pid!)), bare: mib(groupRssKb(bare.pid!)) };
    const idleProbe = await probe(probeFile);
    log(`idle after warm-up: app RSS ${idle.app.toFixed(0)} MiB, bare RSS ${idle.bare.toFixed(0)} MiB; app parts ${JSON.stringify(idleProbe?.memoryMiB ?? {})}`);
    const bare1 = await cannon("bare route handler", `${bareUrl}/api/ping`, {}, seconds, 200, bare);
    await probe(probeFile); // starts the event-loop count of the status run
    const status = await cannon("status route (signed in)", statusUrl, { cookie }, seconds, 200, app);
    const loaded = await probe(probeFile);
    if (loaded) log(`status run: event-loop delay p50 ${loaded.eventLoopDelayMs.p50.toFixed(1)} / p99 ${loaded.eventLoopDelayMs.p99.toFixed(1)} / max ${loaded.eventLoopDelayMs.max.toFixed(1)} ms; app parts ${JSON.stringify(loaded.memoryMiB)}`);
    const bare2 = await cannon("bare route handler again", `${bareUrl}/api/ping`, {}, seconds, 200, bare);
    // The app's floor: the same route without a session cookie (401 before any story is read): what the proxy, the
    // headers, logging and Better Auth's cookie check cost before the status itself. (Not an impossible id with the
    // cookie: a refusal is always re-checked with a fresh session lookup, lib/auth/actor-cache.ts.)
    const floor = await cannon("app floor (status route, no session cookie: 401)", statusUrl, {}, seconds, 401, app);
    const bareRps = (bare1.rps + bare2.rps) / 2;
    let notModified: Run | null = null;
    if (etag) {
      // The story keeps rendering (the lease refreshes it every 3 s), so take a fresh tag right before.
      const now = await fetch(statusUrl, { headers: { cookie } });
      notModified = await cannon("status route, If-None-Match", statusUrl, { cookie, "if-none-match": now.headers.get("etag") ?? etag }, seconds, 304, app);
    }

    // One viewer at a time (less sensitive to a loaded machine): what a poll costs over a bare handler.
    const seqBare: number[] = [];
    const seqStatus: number[] = [];
    for (let i = 0; i < 200; i++) {
      let t0 = performance.now();
      await (await fetch(`${bareUrl}/api/ping`)).arrayBuffer();
      seqBare.push(performance.now() - t0);
      t0 = performance.now();
      await (await fetch(statusUrl, { headers: { cookie } })).arrayBuffer();
      seqStatus.push(performance.now() - t0);
    }
    seqBare.sort((a, b) => a - b);
    seqStatus.sort((a, b) => a - b);
    log(`one connection: status p50 ${percentile(seqStatus, 50).toFixed(1)} ms / p99 ${percentile(seqStatus, 99).toFixed(1)} ms, bare p50 ${percentile(seqBare, 50).toFixed(1)} ms / p99 ${percentile(seqBare, 99).toFixed(1)} ms`);

    // What a poll that refreshes from Vimmerse adds: one viewer, sequential, lease interval 0 (a second server on the
    // same data), against a direct GET /story/{id} to the simulator.
    for (const c of children.splice(0)) stopAll([c]);
    await new Promise((r) => setTimeout(r, 1500));
    const refresher = startNext(".", port + 2, { ...env, STATUS_REFRESH_MS: "1" /* "0" is read as unset: 3000 ms */ });
    children.push(refresher);
    const refUrl = `http://127.0.0.1:${port + 2}`;
    await waitFor(`${refUrl}/api/health`);
    const cookie2 = await signInCookie(refUrl, "owner@bench.test");
    const pollUrl = `${refUrl}/api/stories/${story.id}/status`;
    await sequential(20, async () => (await fetch(pollUrl, { headers: { cookie: cookie2 } })).arrayBuffer());
    const direct = await sequential(100, async () => (await fetch(`${sim.url}/story/${vimmerseId}`, { headers: { "X-Api-Key": "bench" } })).arrayBuffer());
    const viaApp = await sequential(100, async () => {
      const res = await fetch(pollUrl, { headers: { cookie: cookie2 } });
      if (!res.ok) throw new Error(`poll ${res.status}`);
      return res.arrayBuffer();
    });
    const d50 = percentile(direct, 50);
    const a50 = percentile(viaApp, 50);
    log(`refreshing poll p50 ${a50.toFixed(1)} ms vs direct GET p50 ${d50.toFixed(1)} ms: +${(a50 - d50).toFixed(1)} ms`);

    const date = new Date().toISOString().slice(0, 10);
    const load = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
    const peakBare = Math.max(bare1.peakRssMiB, bare2.peakRssMiB);
    process.stdout.write(
      `\n| ${date} | ${databaseUrl ? "PostgreSQL" : "PGlite"} | CPU per request: status ${status.cpuMsPerRequest.toFixed(2)} ms, app floor ${floor.cpuMsPerRequest.toFixed(2)} ms (${floor.rps.toFixed(0)} req/s), bare ${((bare1.cpuMsPerRequest + bare2.cpuMsPerRequest) / 2).toFixed(2)} ms | memory idle: app ${idle.app.toFixed(0)} MiB, bare ${idle.bare.toFixed(0)} MiB | peak at ${connections} connections: app ${status.peakRssMiB.toFixed(0)} MiB, bare ${peakBare.toFixed(0)} MiB | event loop p99 ${loaded ? loaded.eventLoopDelayMs.p99.toFixed(1) : "?"} ms | load ${load} |`,
    );
    process.stdout.write(
      `\n| ${date} | ${databaseUrl ? "PostgreSQL" : "PGlite"} | ${connections} | ${status.rps.toFixed(0)} req/s, p50 ${status.p50} / p99 ${status.p99} ms | ${bareRps.toFixed(0)} req/s (${bare1.rps.toFixed(0)} / ${bare2.rps.toFixed(0)}), p99 ${Math.max(bare1.p99, bare2.p99)} ms | ${(status.rps / bareRps).toFixed(2)}x | ${status.errors + status.non2xx} | ${notModified ? `${notModified.rps.toFixed(0)} req/s, p99 ${notModified.p99} ms (${(notModified.rps / bareRps).toFixed(2)}x)` : "no ETag"} | +${(a50 - d50).toFixed(1)} ms (direct ${d50.toFixed(1)} ms) | ${percentile(seqStatus, 50).toFixed(1)} vs ${percentile(seqBare, 50).toFixed(1)} ms |\n`,
    );
  } finally {
    stopAll(children);
    await sim.close();
    await bdb?.drop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

type Probe = { pid: number; eventLoopDelayMs: { p50: number; p99: number; max: number }; memoryMiB: Record<string, number | null> };

/** Asks the app's probe (instrumentation.ts) for what it saw since the last ask; null when it does not answer. */
async function probe(file: string): Promise<Probe | null> {
  try {
    const { pid } = JSON.parse(readFileSync(file, "utf8")) as { pid: number };
    const before = readFileSync(file, "utf8");
    process.kill(pid, "SIGUSR2");
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const now = readFileSync(file, "utf8");
      if (now !== before && now.includes("eventLoopDelayMs")) return JSON.parse(now) as Probe;
    }
  } catch {
    /* no probe */
  }
  return null;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
