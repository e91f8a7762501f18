/**
 * The editor's first load on a phone (issue 11, "Browser"): opens a ready N-scene editor in headless Chromium at a
 * phone viewport with 4x CPU throttling (Lighthouse's mobile slowdown) and reports the main thread's long tasks from
 * navigation until the editor is ready and quiet: their count, the longest, and the blocking time (each task's time
 * over 50 ms, summed from first contentful paint, as Lighthouse's TBT), plus layout shift. The bare Next page
 * (bench/bare-next) is measured in the same run, under the same throttling, as the baseline.
 *
 *   npm run build && npx next build bench/bare-next
 *   npx tsx bench/editor-load.ts                       # 5 loads each, median
 *   npx tsx bench/editor-load.ts --profile /tmp/prof   # also a V8 CPU profile of one editor load
 *   npx tsx bench/cpu-profile.ts /tmp/prof/editor.cpuprofile
 *
 * Options: --runs (5) --scenes (40) --port (3900; bare = port+1) --throttle (4) --profile <dir>
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { openDatabase } from "../lib/db/open";
import { benchBoard, chromiumPath, percentile, signUp, startNext, stopAll, waitFor, seedStory } from "./harness";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    scenes: { type: "string", default: "40" },
    port: { type: "string", default: "3900" },
    throttle: { type: "string", default: "4" },
    profile: { type: "string" },
  },
});
const runs = Number(values.runs);
const scenes = Number(values.scenes);
const port = Number(values.port);
const throttle = Number(values.throttle);
const appUrl = `http://127.0.0.1:${port}`;
const bareUrl = `http://127.0.0.1:${port + 1}`;

const load = () => loadavg()[0].toFixed(1);
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

type Load = { tasks: number; longest: number; tbt: number; blocking: number; fcp: number; ready: number; cls: number };

/** Collected in the page from the start: long tasks, paint and layout shifts. */
const OBSERVE = `
  window.__perf = { tasks: [], cls: 0, fcp: 0 };
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__perf.tasks.push([e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (e.name === "first-contentful-paint") window.__perf.fcp = e.startTime; })).observe({ type: "paint", buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (!e.hadRecentInput) window.__perf.cls += e.value; })).observe({ type: "layout-shift", buffered: true });
`;

async function measure(context: BrowserContext, url: string, ready: string, profileTo?: string): Promise<Load> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  await page.addInitScript(OBSERVE);
  if (profileTo) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  await page.goto(url, { waitUntil: "load" });
  await page.locator(ready).first().waitFor({ state: "attached", timeout: 120_000 });
  const readyAt = await page.evaluate(() => performance.now());
  // Quiet: no long task for 2 s after ready (hydration, effects, first polls done).
  for (let last = -1; ; ) {
    await page.waitForTimeout(2000);
    const n = await page.evaluate(() => (window as unknown as { __perf: { tasks: unknown[] } }).__perf.tasks.length);
    if (n === last) break;
    last = n;
  }
  if (profileTo) {
    const { profile } = await cdp.send("Profiler.stop");
    writeFileSync(profileTo, JSON.stringify(profile));
  }
  const perf = await page.evaluate(() => (window as unknown as { __perf: { tasks: [number, number][]; cls: number; fcp: number } }).__perf);
  await page.close();
  const after = perf.tasks.filter(([start]) => start >= perf.fcp);
  return {
    tasks: perf.tasks.length,
    longest: Math.max(0, ...perf.tasks.map(([, d]) => d)),
    tbt: after.reduce((a, [, d]) => a + Math.max(0, d - 50), 0),
    blocking: perf.tasks.reduce((a, [, d]) => a + d, 0),
    fcp: perf.fcp,
    ready: readyAt,
    cls: perf.cls,
  };
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first.");
  if (!existsSync("bench/bare-next/.next/BUILD_ID")) throw new Error("Run `npx next build bench/bare-next` first (the baseline).");
  const children: ChildProcess[] = [];
  const tmp = mkdtempSync(path.join(tmpdir(), "bench-editor-load-"));
  let browser: Browser | undefined;
  try {
    const dataDir = path.join(tmp, "pglite");
    const { db, close } = await openDatabase({ dataDir, migrate: true });
    const storyboard = benchBoard(scenes);
    const story = await seedStory(db, { mode: "advanced", stage: "storyboard", status: "ready", title: "Bench story", idea: "A lighthouse keeper's long night", storyboard, version: 1, sceneCount: scenes, vimmerseId: "bench-story" });
    await close();
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      VIMMERSE_BASE_URL: "http://127.0.0.1:9",
      VIMMERSE_API_KEY: "",
      BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
      APP_PUBLIC_URL: appUrl,
      LOG_LEVEL: "warn",
    };
    children.push(startNext(".", port, env), startNext("bench/bare-next", port + 1, {}));
    await Promise.all([waitFor(`${appUrl}/api/health`), waitFor(`${bareUrl}/api/ping`)]);
    const cookie = await signUp(appUrl, "owner@bench.test", "Olivia Owner");
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu"] });
    // Lighthouse's mobile viewport.
    const phone = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
    const signedIn = await browser.newContext(phone);
    await signedIn.addCookies(
      cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: appUrl })),
    );
    const bare = await browser.newContext(phone);
    const targets = [
      { name: "bare Next page", context: bare, url: `${bareUrl}/`, ready: "body" },
      { name: `editor (${scenes} scenes)`, context: signedIn, url: `${appUrl}/stories/${story.id}`, ready: "form[data-ready]" },
    ];
    for (const t of targets) await measure(t.context, t.url, t.ready); // warm
    const rows: string[] = [];
    for (const t of targets) {
      const results: Load[] = [];
      const loads: string[] = [];
      for (let i = 0; i < runs; i++) {
        loads.push(load());
        results.push(await measure(t.context, t.url, t.ready));
      }
      const med = (k: keyof Load) => median(results.map((r) => r[k]));
      process.stdout.write(`[bench] ${t.name}: TBT ${results.map((r) => r.tbt.toFixed(0)).join(", ")} ms\n`);
      rows.push(
        `| ${t.name} | ${med("tasks")} | ${med("longest").toFixed(0)} | ${med("tbt").toFixed(0)} | ${med("blocking").toFixed(0)} | ${med("fcp").toFixed(0)} | ${med("ready").toFixed(0)} | ${med("cls").toFixed(3)} | ${loads.join(", ")} |`,
      );
    }
    if (values.profile) {
      mkdirSync(values.profile, { recursive: true });
      await measure(signedIn, targets[1].url, targets[1].ready, path.join(values.profile, "editor.cpuprofile"));
      process.stdout.write(`[bench] CPU profile: ${path.join(values.profile, "editor.cpuprofile")}\n`);
    }
    const date = new Date().toISOString().slice(0, 10);
    process.stdout.write(`\nFirst load at 412x823, ${throttle}x CPU slowdown, median of ${runs}, ${date}:\n\n`);
    process.stdout.write(
      "| page | long tasks | longest ms | TBT ms (over 50 ms, after FCP) | long-task time ms | FCP ms | ready ms | CLS | load average per run |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    process.stdout.write(rows.join("\n") + "\n");
  } finally {
    await browser?.close().catch(() => undefined);
    stopAll(children);
    await new Promise((r) => setTimeout(r, 500));
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
