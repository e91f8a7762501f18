/**
 * Takes screenshots of the main screens for a visual check: `npx tsx scripts/screenshots.ts [baseUrl] [outDir]`.
 * Needs a running app (e.g. `npm run dev`). Creates one story through the UI.
 */
import { chromium } from "@playwright/test";
import { execSync } from "node:child_process";
import { mkdirSync } from "node:fs";

const base = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "screenshots";
mkdirSync(out, { recursive: true });

function chromiumPath(): string | undefined {
  try {
    return execSync("command -v chromium", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu"] });
  for (const [name, width] of [
    ["desktop", 1360],
    ["narrow", 390],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${base}/`);
    await page.screenshot({ path: `${out}/${name}-dashboard.png`, fullPage: true });
    await page.goto(`${base}/stories/new`);
    await page.getByLabel("Idea").fill("Cute animals play musical instruments in a flower field, Pixar style");
    await page.screenshot({ path: `${out}/${name}-new-story.png`, fullPage: true });
    if (name === "desktop") {
      await page.getByLabel("Title").fill("The Meadow Band");
      await page.getByRole("button", { name: "Write storyboard" }).click();
      await page.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
      await page.waitForTimeout(700);
      await page.screenshot({ path: `${out}/${name}-generating.png`, fullPage: true });
      await page.getByRole("region", { name: "Scenes" }).waitFor({ timeout: 60_000 });
      await page.screenshot({ path: `${out}/${name}-editor.png`, fullPage: true });
      await page.screenshot({ path: `${out}/${name}-editor-top.png` });
    }
    await page.close();
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
