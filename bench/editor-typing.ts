/**
 * Editor benchmark: storyboards with many scenes (default 200), opened in headless Chromium, in the detailed view
 * and the board view. For each it measures:
 *   - usable: navigation until the editor is hydrated (`form[data-ready]`) and the last scene is on the page (checked
 *     with a cheap query each frame: Playwright's role / text locators run over the whole page on its main thread);
 *     long tasks during the load;
 *   - typing: per-keystroke time from keydown to the next frame, the first keystroke on its own (the form turning
 *     "dirty"), the main thread's long tasks while typing, and its CPU time per keystroke (Chromium's performance
 *     metrics in thread ticks: task, script, layout, style; a figure that depends less on the machine's load);
 *   - save: Ctrl+S until "All changes saved" shows, the long tasks during it, and how many elements the save
 *     created (a MutationObserver counts every element added under <body>).
 *
 * With `--baseline DIR` the same measurements run first against another production build (a copy of `.next` of the
 * commit to compare with, see BENCHMARKS.md), in the same run, so the figures share the machine's load.
 *
 *   npm run build
 *   npx tsx bench/editor-typing.ts --scenes 200,500 --view detail,board --chars 60 [--baseline /tmp/editor-base]
 */
import type { ChildProcess } from "node:child_process";
import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";
import { openDatabase } from "../lib/db/open";
import { withIds } from "../lib/stories/model";
import { benchBoard, percentile, signUp, startNext, stopAll, waitFor, seedStory } from "./harness";

const { values } = parseArgs({
  options: {
    scenes: { type: "string", default: "200" },
    chars: { type: "string", default: "60" },
    view: { type: "string", default: "detail" },
    port: { type: "string", default: "3310" },
    baseline: { type: "string" },
    /** Write a Chromium CPU profile of the first keystroke and of the save to this directory (for finding causes). */
    profile: { type: "string" },
  },
});
const sceneCounts = values.scenes.split(",").map(Number);
const views = values.view.split(",").map((v) => (v === "board" ? "board" : "detail")) as ("detail" | "board")[];
const chars = Number(values.chars);
const port = Number(values.port);
const baseUrl = `http://127.0.0.1:${port}`;

type Result = {
  build: string;
  view: string;
  scenes: number;
  usableMs: number;
  loadLong: number[];
  keys: number[];
  firstKey: number;
  typingLong: number[];
  saveMs: number;
  saveLong: number[];
  created: number;
  /** Main-thread CPU time per keystroke (thread ticks, so less dependent on the machine's load than wall time). */
  cpuPerKey: { task: number; script: number; layout: number; style: number };
  /** Per keystroke: timers set and cleared, DOM mutation records; IntersectionObserver targets when typing starts. */
  counts: { timers: number; clears: number; mutations: number; observed: number };
};

const fmtCpu = (c: Result["cpuPerKey"]) => `${c.task.toFixed(2)} (${c.script.toFixed(2)} / ${c.layout.toFixed(2)} / ${c.style.toFixed(2)}) ms`;
const fmtCounts = (c: Result["counts"]) => `${c.timers.toFixed(1)} / ${c.clears.toFixed(1)}, ${c.mutations.toFixed(1)}; ${c.observed}`;
const fmtLong = (l: number[]) => `${l.length} (max ${l.length ? Math.max(...l).toFixed(0) : 0} ms)`;

/** One app server (a build directory) with a fresh database holding one story per scene count. */
async function withServer<T>(dir: string, run: (storyIds: Map<number, string>) => Promise<T>): Promise<T> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-editor-"));
  const dataDir = path.join(tmp, "pglite");
  const { db, close } = await openDatabase({ dataDir, migrate: true });
  const ids = new Map<number, string>();
  for (const n of sceneCounts) {
    const storyboard = withIds(benchBoard(n));
    const row = await seedStory(db, { mode: "advanced", stage: "storyboard", status: "ready", title: `Long story ${n}`, idea: "bench", storyboard, version: 1, sceneCount: n, vimmerseId: `bench-story-${n}` });
    ids.set(n, row.id);
  }
  await close();
  let server: ChildProcess | undefined;
  try {
    server = startNext(dir, port, {
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      VIMMERSE_BASE_URL: "http://127.0.0.1:9",
      VIMMERSE_API_KEY: "",
      BETTER_AUTH_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      APP_PUBLIC_URL: baseUrl,
    });
    await waitFor(`${baseUrl}/api/health`);
    return await run(ids);
  } finally {
    if (server) stopAll([server]);
    await new Promise((r) => setTimeout(r, 800));
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Long tasks and keystroke timings, collected in the page from its first script on. */
function instrument() {
  const w = window as unknown as { __long: { start: number; duration: number }[]; __keys: number[]; __mark: number };
  w.__long = [];
  w.__keys = [];
  w.__mark = 0;
  // Counts that do not depend on the machine's load: timers set / cleared, IntersectionObserver targets.
  const c = ((window as unknown as { __counts: Record<string, number> }).__counts = { timers: 0, clears: 0, observed: 0, mutations: 0 });
  const st = window.setTimeout;
  window.setTimeout = function (...a: Parameters<typeof setTimeout>) {
    c.timers++;
    return st.apply(window, a);
  } as typeof setTimeout;
  const ct = window.clearTimeout;
  window.clearTimeout = function (id?: number) {
    c.clears++;
    return ct.call(window, id);
  } as typeof clearTimeout;
  const io = IntersectionObserver.prototype;
  const observe = io.observe;
  const unobserve = io.unobserve;
  io.observe = function (t: Element) {
    c.observed++;
    return observe.call(this, t);
  };
  io.unobserve = function (t: Element) {
    c.observed--;
    return unobserve.call(this, t);
  };
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push({ start: e.startTime, duration: e.duration }))).observe({
    type: "longtask",
    buffered: true,
  });
  document.addEventListener(
    "keydown",
    (e) => {
      if (e.ctrlKey || e.metaKey) return;
      const start = performance.now();
      requestAnimationFrame(() => setTimeout(() => w.__keys.push(performance.now() - start), 0));
    },
    true,
  );
}

/** Long tasks (durations) that started after `since` (page time), and the page time now. */
async function longSince(page: Page, since: number): Promise<{ long: number[]; now: number }> {
  return page.evaluate((t) => {
    const w = window as unknown as { __long: { start: number; duration: number }[] };
    return { long: w.__long.filter((e) => e.start >= t).map((e) => e.duration), now: performance.now() };
  }, since);
}

/** Until the main thread has had no long task for `quietMs` (generous upper bound: 10 s). */
async function settle(page: Page, quietMs = 600) {
  await page.waitForFunction(
    (q) => {
      const w = window as unknown as { __long: { start: number; duration: number }[] };
      const last = w.__long.at(-1);
      return performance.now() - (last ? last.start + last.duration : 0) > q;
    },
    quietMs,
    { timeout: 10_000, polling: 100 },
  );
}

/** Until the save bar's status starts with `text` (a cheap check each frame, see the load wait in `measure`). */
async function saveStatus(page: Page, text: string) {
  await page.waitForFunction(
    (t) => Boolean(document.querySelector("[data-sticky] p[aria-live]")?.textContent?.startsWith(t)),
    text,
    { timeout: 30_000, polling: "raf" },
  );
}

async function measure(browser: Browser, cookie: string, build: string, view: "detail" | "board", scenes: number, storyId: string): Promise<Result> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  await context.addCookies(
    cookie.split("; ").map((c) => {
      const at = c.indexOf("=");
      return { name: c.slice(0, at), value: c.slice(at + 1), url: baseUrl };
    }),
  );
  // The view a returning creator chose: remembered in this browser and in a cookie the server reads.
  await context.addInitScript((v) => localStorage.setItem("storyboard-studio:scene-view", v === "board" ? "board" : "detailed"), view);
  await context.addCookies([{ name: "scene-view", value: view === "board" ? "board" : "detailed", url: baseUrl }]);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  try {
    if (values.profile) await browser.startTracing(page, { path: path.join(values.profile, `${build.replace(/\W+/g, "-")}-${view}-${scenes}-load.json`) });
    const t0 = Date.now();
    await page.goto(`${baseUrl}/stories/${storyId}`);
    // A cheap check in the page, every frame: Playwright's role / label / text locators evaluate on the page's main
    // thread over the whole document (10,000+ elements at 200 scenes), which added long tasks to what was measured.
    await page.waitForFunction(
      ({ view, scenes }) =>
        Boolean(document.querySelector("form[data-ready]")) &&
        Boolean(
          view === "board"
            ? document.querySelector(`button[aria-label="Edit scene ${scenes}"]`)
            : document.querySelector(`textarea[name="scenes.${scenes - 1}.narrator"]`),
        ),
      { view, scenes },
      { timeout: 60_000, polling: "raf" },
    );
    const usableMs = Date.now() - t0;
    if (values.profile) await browser.stopTracing();
    const { long: loadLong } = await longSince(page, 0);
    await settle(page);

    const k = Math.ceil(scenes * 0.75);
    if (view === "board") {
      // CSS locators (the same aria-label / name): role and label locators time out over 500 scenes on a busy machine.
      const frame = page.locator(`button[aria-label="Edit scene ${k}"]`);
      await frame.scrollIntoViewIfNeeded();
      await frame.click();
    }
    const target = page.locator(`textarea[name="scenes.${k - 1}.narrator"]`);
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await settle(page);
    const typingFrom = (await longSince(page, 0)).now;
    await page.evaluate(() => {
      (window as unknown as { __keys: number[] }).__keys = [];
    });
    const cdp = values.profile ? await context.newCDPSession(page) : null;
    // Main-thread CPU time (thread ticks) of the typing, from Chromium's performance metrics.
    const metrics = await context.newCDPSession(page);
    await metrics.send("Performance.enable", { timeDomain: "threadTicks" });
    const cpu = async () => {
      const { metrics: m } = await metrics.send("Performance.getMetrics");
      const get = (n: string) => (m.find((x) => x.name === n)?.value ?? 0) * 1000;
      return { task: get("TaskDuration"), script: get("ScriptDuration"), layout: get("LayoutDuration"), style: get("RecalcStyleDuration") };
    };
    const profiled = async (what: string, fn: () => Promise<void>) => {
      if (!cdp) return fn();
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
      await fn();
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(path.join(values.profile!, `${build.replace(/\W+/g, "-")}-${view}-${scenes}-${what}.cpuprofile`), JSON.stringify(profile));
    };
    const renders = async (what: string) => {
      if (process.env.BENCH_DEBUG) console.log(what, JSON.stringify(await page.evaluate(() => (window as unknown as { __r?: unknown }).__r)));
    };
    await renders("before first key");
    await profiled("first-key", async () => {
      await page.keyboard.type(" ");
      await page.waitForFunction(() => (window as unknown as { __keys: number[] }).__keys.length >= 1);
    });
    if (values.profile) await browser.startTracing(page, { path: path.join(values.profile, `${build.replace(/\W+/g, "-")}-${view}-${scenes}-typing.json`) });
    await renders("after first key");
    const cpuBefore = await cpu();
    // DOM mutations while typing (the textarea's own value is not one), and the counters above.
    const countsBefore = await page.evaluate(() => {
      const w = window as unknown as { __counts: Record<string, number> };
      new MutationObserver((records) => (w.__counts.mutations += records.length)).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      return { ...w.__counts };
    });
    await profiled("typing", () => page.keyboard.type(" typed while measuring".padEnd(chars, "x").slice(1, chars), { delay: 30 }));
    await page.waitForFunction((n) => (window as unknown as { __keys: number[] }).__keys.length >= n, chars);
    const cpuAfter = await cpu();
    const perKey = (k: keyof typeof cpuAfter) => (cpuAfter[k] - cpuBefore[k]) / (chars - 1);
    const cpuPerKey = { task: perKey("task"), script: perKey("script"), layout: perKey("layout"), style: perKey("style") };
    const countsAfter = await page.evaluate(() => ({ ...(window as unknown as { __counts: Record<string, number> }).__counts }));
    const n = chars - 1;
    // The bench's own keydown listener sets one timer per key: left out.
    const counts = {
      timers: (countsAfter.timers - countsBefore.timers) / n - 1,
      clears: (countsAfter.clears - countsBefore.clears) / n,
      mutations: (countsAfter.mutations - countsBefore.mutations) / n,
      observed: countsBefore.observed,
    };
    if (values.profile) await browser.stopTracing();
    await renders("after typing");
    await page.waitForFunction((n) => (window as unknown as { __keys: number[] }).__keys.length >= n, chars);
    const firstKey = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys[0]);
    const keys = (await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys)).sort((a, b) => a - b);
    await saveStatus(page, "Unsaved changes");
    await settle(page);
    const { long: typingLong, now: saveFrom } = await longSince(page, typingFrom);

    await page.evaluate(() => {
      const w = window as unknown as { __created: number; __saveStart: number };
      w.__created = 0;
      new MutationObserver((records) => {
        for (const r of records)
          r.addedNodes.forEach((n) => {
            if (n instanceof Element) {
              w.__created += 1 + n.getElementsByTagName("*").length;
              const d = window as unknown as { __added?: string[] };
              (d.__added ??= []).push(`${n.tagName}.${n.className}`.slice(0, 80) + " in " + (r.target as Element).tagName + "." + String((r.target as Element).className).slice(0, 60));
            }
          });
      }).observe(document.body, { childList: true, subtree: true });
      w.__saveStart = performance.now();
    });
    await profiled("save", async () => {
      await page.keyboard.press("Control+s");
      await saveStatus(page, "All changes saved");
    });
    await renders("after save");
    const saveMs = await page.evaluate(() => performance.now() - (window as unknown as { __saveStart: number }).__saveStart);
    await settle(page);
    const created = await page.evaluate(() => (window as unknown as { __created: number }).__created);
    if (process.env.BENCH_DEBUG) {
      const added = await page.evaluate(() => (window as unknown as { __added?: string[] }).__added ?? []);
      const counts = new Map<string, number>();
      for (const a of added) counts.set(a, (counts.get(a) ?? 0) + 1);
      console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, 15));
    }
    const { long: saveLong } = await longSince(page, saveFrom);
    return { build, view, scenes, usableMs, loadLong, keys, firstKey, typingLong, saveMs, saveLong, created, cpuPerKey, counts };
  } finally {
    await context.close();
  }
}

async function runBuild(browser: Browser, dir: string, build: string): Promise<Result[]> {
  return withServer(dir, async (ids) => {
    const cookie = await signUp(baseUrl, `bench-${Date.now()}@example.test`, "Bench Owner");
    const results: Result[] = [];
    for (const scenes of sceneCounts)
      for (const view of views) {
        let r: Result;
        try {
          r = await measure(browser, cookie, build, view, scenes, ids.get(scenes)!);
        } catch (e) {
          // One measurement timing out (a loaded machine) does not lose the others.
          console.log(`[bench] ${build} ${view} ${scenes} scenes: failed: ${(e as Error).message.split("\n")[0]}`);
          continue;
        }
        console.log(
          `[bench] ${build} ${view} ${scenes} scenes: usable ${r.usableMs} ms (load long tasks ${fmtLong(r.loadLong)}); typing p50 ${percentile(r.keys, 50).toFixed(1)} / p95 ${percentile(r.keys, 95).toFixed(1)} / max ${r.keys.at(-1)!.toFixed(1)} ms, first key ${r.firstKey.toFixed(1)} ms, long tasks ${fmtLong(r.typingLong)}, main-thread CPU per key ${fmtCpu(r.cpuPerKey)}, per key ${fmtCounts(r.counts)}; save ${r.saveMs.toFixed(0)} ms, long tasks ${fmtLong(r.saveLong)}, ${r.created} elements created`,
        );
        results.push(r);
      }
    return results;
  });
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first.");
  if (values.baseline && !existsSync(path.join(values.baseline, ".next/BUILD_ID"))) throw new Error(`${values.baseline} holds no build`);
  const chromiumPath = (() => {
    try {
      return execSync("command -v chromium", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim() || undefined;
    } catch {
      return undefined;
    }
  })();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu"] });
  const results: Result[] = [];
  try {
    if (values.baseline) results.push(...(await runBuild(browser, values.baseline, "baseline")));
    results.push(...(await runBuild(browser, ".", "this build")));
  } finally {
    await browser.close();
  }
  const load = os.loadavg()[0].toFixed(1);
  console.log(`\nload average (1 min) at the end: ${load}\n`);
  console.log("| date | build | view | scenes | usable after (load long tasks) | typing p50 / p95 / max | first key | long tasks typing | CPU per key: task (script / layout / style) | per key: timers set / cleared, DOM mutations; observed targets | Ctrl+S → saved | long tasks saving | elements created by save |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results)
    console.log(
      `| ${new Date().toISOString().slice(0, 10)} | ${r.build} | ${r.view} | ${r.scenes} | ${r.usableMs} ms (${fmtLong(r.loadLong)}) | ${percentile(r.keys, 50).toFixed(1)} / ${percentile(r.keys, 95).toFixed(1)} / ${r.keys.at(-1)!.toFixed(1)} ms | ${r.firstKey.toFixed(1)} ms | ${fmtLong(r.typingLong)} | ${fmtCpu(r.cpuPerKey)} | ${fmtCounts(r.counts)} | ${r.saveMs.toFixed(0)} ms | ${fmtLong(r.saveLong)} | ${r.created} |`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
