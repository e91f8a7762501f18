/**
 * First load in the browser (issue 11, "Browser"): the JavaScript every app route makes a browser download before it
 * is usable, against a bare Next page (bench/bare-next) measured in the SAME run, then Lighthouse (mobile and desktop
 * presets) on the dashboard, the new-story form and a 40-scene editor, signed in.
 *
 *   npm run build && npx next build bench/bare-next
 *   npx tsx bench/first-load.ts                 # JS table + Lighthouse, 3 runs per page and preset (median)
 *   npx tsx bench/first-load.ts --runs 1 --no-lighthouse
 *
 * How "first-load JS" is counted: each page is opened in headless Chromium (signed in where the route needs it) and
 * every script the page loads until the network is idle is fetched again and gzipped here (zlib default level, as
 * `next start` compresses), so chunks loaded by an effect at mount count too; chunks loaded later on use
 * (next/dynamic, import()) do not. A second column counts only the scripts the HTML names (Next's own "first-load
 * JS"). The HTML column is the document, gzipped (it carries the RSC payload).
 *
 * Options: --runs (3) --scenes (40) --port (3700; bare = port+1) --no-lighthouse
 *          --chunks (list every route's scripts with their gzip size, to see which chunk a route carries)
 *          --screenshots DIR (the dashboard, the new-story form, its field messages after an empty submit, and the
 *          editor's first screen, at 1360 px and 390 px wide: to look at after a change)
 */
import { execFile, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { openDatabase } from "../lib/db/open";
import { reviewLinks } from "../lib/db/schema";
import { benchBoard, chromiumPath, percentile, signUp, startNext, stopAll, waitFor, seedStory } from "./harness";

const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    scenes: { type: "string", default: "40" },
    port: { type: "string", default: "3700" },
    "no-lighthouse": { type: "boolean", default: false },
    chunks: { type: "boolean", default: false },
    screenshots: { type: "string" },
    /** Only the Lighthouse pages whose name contains one of these (comma-separated), e.g. "bare,new story". */
    pages: { type: "string" },
    /** Only these presets (comma-separated): mobile, desktop. */
    presets: { type: "string", default: "mobile,desktop" },
    /** Print what Lighthouse says about the LCP (its element and the phases of its time) for every run. */
    lcp: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const scenes = Number(values.scenes);
const port = Number(values.port);
const appUrl = `http://127.0.0.1:${port}`;
const bareUrl = `http://127.0.0.1:${port + 1}`;
const debugPort = port + 2;

function log(msg: string) {
  process.stdout.write(`[bench] ${msg}\n`);
}
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const load = () => loadavg()[0].toFixed(1);

type Measured = {
  route: string;
  state: string;
  files: number;
  js: number;
  entry: number;
  html: number;
  scripts: Map<string, number>;
};

/** Opens `url` in a fresh page of `context`; returns the gzipped size of every script it loaded and of the document. */
async function firstLoad(context: BrowserContext, url: string, ready?: string): Promise<Omit<Measured, "route" | "state">> {
  const page = await context.newPage();
  const scripts = new Map<string, number>();
  const pending: Promise<void>[] = [];
  let lastScript = Date.now();
  page.on("request", (req) => {
    if (req.resourceType() === "script") lastScript = Date.now();
  });
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script" || scripts.has(res.url())) return;
    scripts.set(res.url(), 0);
    pending.push(
      res
        .body()
        .then((body) => void scripts.set(res.url(), gzipSync(body).byteLength))
        .catch(() => undefined),
    );
  });
  const doc = await page.goto(url, { waitUntil: "load" });
  if (!doc?.ok()) throw new Error(`${url} answered ${doc?.status()}`);
  if (ready) await page.locator(ready).first().waitFor({ state: "attached", timeout: 60_000 });
  // Not "networkidle": the story page keeps an event stream open. Done when no script was requested for 1.5 s.
  while (Date.now() - lastScript < 1500) await page.waitForTimeout(250);
  await Promise.all(pending);
  const text = await doc.body();
  await page.close();
  // "Entry": the scripts the document itself names (what Next calls first-load JS); the rest came on mount.
  const named = text.toString("utf8");
  const sum = (urls: string[]) => urls.reduce((a, u) => a + (scripts.get(u) ?? 0), 0);
  const entry = sum([...scripts.keys()].filter((u) => named.includes(new URL(u).pathname)));
  return { files: scripts.size, js: sum([...scripts.keys()]), entry, html: gzipSync(text).byteLength, scripts };
}

function cookiesOf(header: string) {
  return header.split("; ").map((pair) => {
    const i = pair.indexOf("=");
    return { name: pair.slice(0, i), value: pair.slice(i + 1), url: appUrl };
  });
}

/** The owner creates an invitation on the members page (there is no other way in while the app holds PGlite). */
async function createInvitation(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  await page.goto(`${appUrl}/members`);
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Email").fill("guest@bench.test");
  await form.getByRole("button", { name: "Create invitation link" }).click();
  const link = page.getByLabel("Invitation link for guest@bench.test");
  await link.waitFor();
  const url = new URL(await link.inputValue());
  await page.close();
  return url.pathname;
}

/** Full-page screenshots of the pages this bench measures, desktop and phone width, signed in. */
async function screenshots(browser: Browser, dir: string, cookie: string, editor: string) {
  mkdirSync(dir, { recursive: true });
  for (const [label, width, height] of [["desktop", 1360, 900], ["phone", 390, 844]] as const) {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addCookies(cookiesOf(cookie));
    const page = await context.newPage();
    const shot = async (name: string, fullPage = true) => {
      await page.waitForLoadState("load");
      await page.waitForTimeout(1000);
      await page.screenshot({ path: path.join(dir, `${name}-${label}.png`), fullPage });
    };
    await page.goto(`${appUrl}/`);
    await shot("dashboard");
    await page.goto(`${appUrl}/stories/new`);
    await shot("new-story");
    // An empty submit: the field messages come from the schema loaded on the form's first focus.
    await page.getByRole("form", { name: "New story" }).getByRole("button", { name: "Write storyboard" }).click();
    await page.getByText("Some fields need your attention.").first().waitFor();
    await shot("new-story-errors");
    await page.goto(`${appUrl}${editor}`);
    await page.locator("form[data-ready]").waitFor({ timeout: 60_000 });
    // The 40-scene editor is too tall for one readable picture: what the first screen shows.
    await shot("editor", false);
    await context.close();
  }
  log(`screenshots in ${dir}`);
}

type Score = { score: number; fcp: number; lcp: number; tbt: number; cls: number; si: number };

/**
 * Lighthouse's own CLI (a plain node process: under tsx its page functions would carry esbuild's `__name` helper,
 * which the page does not have), driving the bench's Chromium through its debugging port (a new tab per run).
 */
async function lighthouseRun(url: string, preset: "mobile" | "desktop", cookie?: string): Promise<Score> {
  const args = [
    path.join("node_modules", "lighthouse", "cli", "index.js"),
    url,
    `--port=${debugPort}`,
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    "--only-categories=performance",
    ...(preset === "desktop" ? ["--preset=desktop"] : []),
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const lhr = JSON.parse(stdout) as {
    runtimeError?: { message: string };
    categories: { performance: { score: number | null } };
    audits: Record<string, { numericValue?: number; details?: unknown }>;
  };
  if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.message}`);
  if (values.lcp) {
    for (const [id, a] of Object.entries(lhr.audits)) {
      if (/lcp|largest-contentful-paint-element/.test(id) && a.details) log(`${preset} ${url} ${id}: ${JSON.stringify(a.details).slice(0, 1500)}`);
    }
  }
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    fcp: audit("first-contentful-paint"),
    lcp: audit("largest-contentful-paint"),
    tbt: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    si: audit("speed-index"),
  };
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first.");
  if (!existsSync("bench/bare-next/.next/BUILD_ID")) throw new Error("Run `npx next build bench/bare-next` first (the baseline).");
  const children: ChildProcess[] = [];
  const tmp = mkdtempSync(path.join(tmpdir(), "bench-first-load-"));
  let browser: Browser | undefined;
  try {
    // A ready 40-scene story and a guest review link, made before the first account: sign-up adopts the story.
    const dataDir = path.join(tmp, "pglite");
    const { db, close } = await openDatabase({ dataDir, migrate: true });
    const storyboard = benchBoard(scenes);
    const story = await seedStory(db, { mode: "advanced", stage: "storyboard", status: "ready", title: "Bench story", idea: "A lighthouse keeper's long night", storyboard, version: 1, sceneCount: scenes, vimmerseId: "bench-story" });
    const reviewToken = "bench-review-token-0123456789";
    await db.insert(reviewLinks).values({
      storyId: story.id,
      tokenHash: createHash("sha256").update(reviewToken).digest("hex"),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
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

    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", `--remote-debugging-port=${debugPort}`],
    });
    const signedIn = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await signedIn.addCookies(cookiesOf(cookie));
    const signedOut = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const bare = await browser.newContext();
    const invitePath = await createInvitation(signedIn);

    const editor = `/stories/${story.id}`;
    const routes: { route: string; state: string; context: BrowserContext; url: string; ready?: string }[] = [
      { route: "bare Next page", state: "baseline", context: bare, url: `${bareUrl}/` },
      { route: "/", state: "dashboard, 1 story", context: signedIn, url: `${appUrl}/` },
      { route: "/stories/new", state: "new-story form", context: signedIn, url: `${appUrl}/stories/new`, ready: "form" },
      { route: "/stories/[id]", state: `editor, ${scenes} scenes`, context: signedIn, url: `${appUrl}${editor}`, ready: "form[data-ready]" },
      { route: "/account", state: "signed in", context: signedIn, url: `${appUrl}/account` },
      { route: "/members", state: "owner", context: signedIn, url: `${appUrl}/members` },
      { route: "/sign-in", state: "signed out", context: signedOut, url: `${appUrl}/sign-in` },
      { route: "/reset-password", state: "signed out", context: signedOut, url: `${appUrl}/reset-password` },
      { route: "/invite/[id]", state: "signed out, sign-up form", context: signedOut, url: `${appUrl}${invitePath}` },
      { route: "/review/[token]", state: "guest board", context: signedOut, url: `${appUrl}/review/${reviewToken}` },
    ];
    // Warm every route once (compilation caches, PGlite), then measure.
    for (const r of routes) await firstLoad(r.context, r.url, r.ready);
    const measured: Measured[] = [];
    for (const r of routes) {
      const m = await firstLoad(r.context, r.url, r.ready);
      measured.push({ route: r.route, state: r.state, ...m });
      log(`${r.route} (${r.state}): ${m.files} scripts, ${kb(m.js)} KB gzip JS (${kb(m.entry)} KB named by the HTML), HTML ${kb(m.html)} KB gzip`);
      if (values.chunks) {
        const bareScripts = measured[0].scripts;
        for (const [url, size] of [...m.scripts].sort((a, b) => b[1] - a[1])) {
          const file = new URL(url).pathname;
          const shared = r.route !== "bare Next page" && [...bareScripts.values()].includes(size) ? " (same size as a bare-page script)" : "";
          log(`    ${kb(size).padStart(6)} KB  ${file}${shared}`);
        }
      }
    }
    const baseline = measured[0].js;
    const entryBaseline = measured[0].entry;
    const date = new Date().toISOString().slice(0, 10);
    process.stdout.write(`\nFirst-load JS (gzip), ${date}, load average ${load()}:\n\n`);
    process.stdout.write("| route | state | scripts | JS gzip KB (all until idle) | vs bare | within 1.4x | of which named by the HTML, KB | vs bare | HTML gzip KB |\n|---|---|---|---|---|---|---|---|---|\n");
    for (const m of measured) {
      const ratio = m.js / baseline;
      const entryRatio = m.entry / entryBaseline;
      process.stdout.write(
        `| ${m.route} | ${m.state} | ${m.files} | ${kb(m.js)} | ${ratio.toFixed(2)}x | ${ratio <= 1.4 ? "yes" : "no"} | ${kb(m.entry)} | ${entryRatio.toFixed(2)}x | ${kb(m.html)} |\n`,
      );
    }

    if (values.screenshots) await screenshots(browser, values.screenshots, cookie, editor);

    if (!values["no-lighthouse"]) {
      const wanted = values.pages?.split(",").map((w) => w.trim()).filter(Boolean);
      const pages = [
        { name: "bare Next page", url: `${bareUrl}/`, cookie: undefined },
        { name: "dashboard", url: `${appUrl}/`, cookie },
        { name: "new story", url: `${appUrl}/stories/new`, cookie },
        { name: `editor (${scenes} scenes)`, url: `${appUrl}${editor}`, cookie },
      ].filter((p) => !wanted || wanted.some((w) => p.name.includes(w)));
      const rows: string[] = [];
      const presets = values.presets.split(",").filter((p): p is "mobile" | "desktop" => p === "mobile" || p === "desktop");
      for (const preset of presets) {
        for (const p of pages) {
          const scores: Score[] = [];
          const loads: string[] = [];
          for (let i = 0; i < runs; i++) {
            loads.push(load());
            scores.push(await lighthouseRun(p.url, preset, p.cookie));
          }
          const med = (k: keyof Score) => median(scores.map((s) => s[k]));
          log(`lighthouse ${preset} ${p.name}: scores ${scores.map((s) => s.score).join(", ")} (load ${loads.join(", ")})`);
          rows.push(
            `| ${preset} | ${p.name} | ${med("score")} (${scores.map((s) => s.score).join(", ")}) | ${med("fcp").toFixed(0)} | ${med("lcp").toFixed(0)} | ${med("tbt").toFixed(0)} | ${med("cls").toFixed(3)} | ${med("si").toFixed(0)} | ${loads.join(", ")} |`,
          );
        }
      }
      process.stdout.write(`\nLighthouse performance, median of ${runs} (each run's score in brackets), ${date}:\n\n`);
      process.stdout.write("| preset | page | score | FCP ms | LCP ms | TBT ms | CLS | Speed Index ms | load average per run |\n|---|---|---|---|---|---|---|---|---|\n");
      process.stdout.write(rows.join("\n") + "\n");
    }
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
