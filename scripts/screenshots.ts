/**
 * Screenshots of every stage for a visual check: `npx tsx scripts/screenshots.ts [baseUrl] [outDir]`.
 * Needs a running app in demo mode (e.g. `SIMULATOR_TIME_SCALE=0.3 npm run dev`). Drives one story through the UI.
 */
import { chromium, type Page } from "@playwright/test";
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

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
}

async function main() {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(`${base}/stories/new`);
  await page.getByLabel("Idea").fill("Cute animals play musical instruments in a flower field, Pixar style");
  await page.getByLabel("Title").fill("The Meadow Band");
  await shot(page, "01-new-story");
  await page.getByRole("button", { name: "Write storyboard" }).click();
  await page.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
  await page.getByRole("progressbar").first().waitFor();
  await shot(page, "02-writing-storyboard");
  await page.getByRole("region", { name: "Scenes" }).waitFor({ timeout: 60_000 });
  await shot(page, "03-editor");
  const story = page.url();

  await page.getByRole("button", { name: "Generate element images" }).click();
  await page.getByRole("progressbar").first().waitFor();
  await shot(page, "04-elements-running");
  await page.getByText("Element images ready").first().waitFor({ timeout: 60_000 });
  await page.getByRole("region", { name: "Characters" }).scrollIntoViewIfNeeded();
  await shot(page, "05-elements-ready");

  await page.getByRole("tab", { name: /Scene images/ }).click();
  await page.getByRole("button", { name: "Generate scene images" }).click();
  await page.getByText("Scene images ready").first().waitFor({ timeout: 60_000 });
  await page.getByRole("region", { name: "Scenes" }).scrollIntoViewIfNeeded();
  await shot(page, "06-scenes-ready");

  await page.getByRole("tab", { name: "Video" }).click();
  await shot(page, "07-video-options");
  await page.getByRole("button", { name: "Make the video" }).click();
  await page.getByRole("list", { name: "Scene videos" }).waitFor({ timeout: 60_000 });
  await shot(page, "08-video-rendering");
  await page.getByLabel("Final video player").waitFor({ timeout: 90_000 });
  await page.getByText(/Duration \d/).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "09-video-done");

  await page.goto(`${base}/`);
  await shot(page, "10-dashboard");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(story);
  await page.getByLabel("Final video player").waitFor();
  await shot(page, "11-narrow-story");
  await page.getByRole("region", { name: "Scenes" }).scrollIntoViewIfNeeded();
  await shot(page, "12-narrow-scenes");
  await page.goto(`${base}/`);
  await shot(page, "13-narrow-dashboard");
  await page.goto(`${base}/stories/new?mode=images`);
  await shot(page, "14-narrow-images-form", true);
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
