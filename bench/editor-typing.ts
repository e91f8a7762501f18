/**
 * Editor benchmark: a storyboard with many scenes (default 200), opened in headless Chromium. Measures how long the
 * editor takes to become usable, and what typing costs: per-keystroke time from keydown to the next frame, and
 * the main-thread long tasks while typing.
 *
 *   npm run build
 *   npx tsx bench/editor-typing.ts --scenes 200 --chars 60
 */
import { spawn } from "node:child_process";
import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { openDatabase } from "../lib/db/open";
import { stories, storyboardVersions } from "../lib/db/schema";
import type { Storyboard } from "../lib/validation/storyboard";

const { values } = parseArgs({
  options: { scenes: { type: "string", default: "200" }, chars: { type: "string", default: "60" }, port: { type: "string", default: "3310" } },
});
const sceneCount = Number(values.scenes);
const chars = Number(values.chars);
const port = Number(values.port);

function board(n: number): Storyboard {
  const el = (name: string) => ({ name, description: `Style:cinematic, ${name} in detail. `.repeat(4) });
  return {
    characters: ["Ada", "Bo", "Cy", "Di"].map(el),
    environments: ["Harbour", "Lighthouse"].map(el),
    objects: ["Lantern", "Map", "Compass"].map(el),
    music: { description: "Strings and piano, warm and slow.", lyrics: "La la la. ".repeat(20) },
    title_scene: { title: "Long Story", description: "Golden letters over the sea." },
    scenes: Array.from({ length: n }, (_, i) => ({
      name: `Scene ${i + 1}`,
      image_description: `lighting:golden hour, style:cinematic, **Ada** walks along the **Harbour**, shot ${i + 1}. `.repeat(3),
      video_description: "camera motion:dolly in, camera angle:eye level, waves roll in slowly.",
      narrator: `This is the narration of scene ${i + 1}, read slowly by the narrator.`,
    })),
  };
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first.");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-editor-"));
  const dataDir = path.join(tmp, "pglite");
  const { db, close } = await openDatabase({ dataDir, migrate: true });
  const storyboard = board(sceneCount);
  const [row] = await db
    .insert(stories)
    .values({ mode: "advanced", stage: "storyboard", status: "ready", title: "Long story", idea: "bench", storyboard, version: 1, sceneCount, vimmerseId: "bench-story" })
    .returning();
  await db.insert(storyboardVersions).values({ storyId: row.id, version: 1, storyboard, source: "generated" });
  await close();

  const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      VIMMERSE_BASE_URL: "http://127.0.0.1:9",
      VIMMERSE_API_KEY: "",
      BETTER_AUTH_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      APP_PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
  });
  const chromiumPath = (() => {
    try {
      return execSync("command -v chromium", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim() || undefined;
    } catch {
      return undefined;
    }
  })();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 240) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    // Accounts are always on: the first visitor creates the owner and the first workspace, which adopts the story.
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByLabel("Your name").fill("Bench Owner");
    await page.getByLabel("Email").fill("bench@example.test");
    await page.getByLabel("Password").fill("bench-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Stories", exact: true }).waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${port}/stories/${row.id}`);
    await page.getByLabel(`Scene ${sceneCount} narration`).waitFor({ state: "attached" });
    const loadMs = Date.now() - t0;

    const target = page.getByLabel(`Scene ${Math.ceil(sceneCount * 0.75)} narration`);
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[]; __longAt: number[]; __keys: number[]; __t0: number };
      w.__long = [];
      w.__longAt = [];
      w.__keys = [];
      w.__t0 = performance.now();
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => {
          w.__long.push(e.duration);
          w.__longAt.push(e.startTime - w.__t0);
        }),
      ).observe({ type: "longtask", buffered: false });
      document.addEventListener(
        "keydown",
        () => {
          const start = performance.now();
          requestAnimationFrame(() => setTimeout(() => w.__keys.push(performance.now() - start), 0));
        },
        true,
      );
    });
    await page.keyboard.type(" typed while measuring".padEnd(chars, "x").slice(0, chars), { delay: 30 });
    await page.waitForFunction((n) => (window as unknown as { __keys: number[] }).__keys.length >= n, chars);
    const { keys, long, longAt } = await page.evaluate(() => {
      const w = window as unknown as { __long: number[]; __longAt: number[]; __keys: number[] };
      return { keys: w.__keys, long: w.__long, longAt: w.__longAt };
    });
    keys.sort((a, b) => a - b);
    const pct = (p: number) => keys[Math.min(keys.length - 1, Math.floor((p / 100) * keys.length))];
    const unsaved = await page.getByText("Unsaved changes").isVisible();
    console.log(`[bench] ${sceneCount} scenes: editor usable after ${loadMs} ms`);
    console.log(`[bench] typing ${chars} keys: keydown→next frame p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${keys.at(-1)!.toFixed(1)} ms`);
    console.log(`[bench] long tasks while typing: ${long.length} (longest ${long.length ? Math.max(...long).toFixed(0) : 0} ms, starting at ${longAt.map((t) => `${t.toFixed(0)} ms`).join(", ") || "-"} after typing began); unsaved-changes shown: ${unsaved}`);
    process.stdout.write(
      `\n| ${new Date().toISOString().slice(0, 10)} | ${sceneCount} | ${loadMs} ms | ${chars} | ${pct(50).toFixed(1)} / ${pct(95).toFixed(1)} / ${keys.at(-1)!.toFixed(1)} ms | ${long.length} (max ${long.length ? Math.max(...long).toFixed(0) : 0} ms) |\n`,
    );
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 500));
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
