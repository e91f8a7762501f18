import { expect, test } from "@playwright/test";
import { countRequests, createStoryboard, sim, SIM_TIME_SCALE } from "./support";

/** Issue 6, as a creator sees it: errors under the step that failed, the grace period, reset, the cron route. */

test.beforeEach(async () => {
  await sim.clearFaults();
});

test("the cron route runs the sweep with the bearer secret and refuses without it", async ({ request }) => {
  expect((await request.get("/api/cron/sweep")).status()).toBe(401);
  expect((await request.get("/api/cron/sweep", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);
  const ok = await request.get("/api/cron/sweep", { headers: { authorization: "Bearer e2e-cron-secret" } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ checked: expect.any(Number), stuck: expect.any(Number) });
});

test("a 402 on scene images shows under scene images; a double click never shows 'not started' under a running step", async ({ page }) => {
  test.setTimeout(90_000);
  await createStoryboard(page, "A fox learns to paint the northern lights", { scenes: 2 });
  await sim.fault({ method: "POST", path: "/story/*/scenes", status: 402 });
  await page.getByRole("tab", { name: /Scene images/ }).click();
  await page.getByRole("button", { name: "Generate scene images" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Scene images and narration: the step was not started" });
  await expect(alert).toBeVisible();
  await expect(page.getByRole("tab", { name: /Scene images/ })).toHaveAttribute("aria-selected", "true");

  await page.getByRole("tab", { name: /Element images/ }).click();
  // Slowed down so the running step stays on screen long enough to be seen, however busy the machine is.
  await sim.timeScale(2);
  try {
    await page.getByRole("button", { name: "Generate element images" }).dblclick();
    await expect(page.getByText("Drawing characters, places and objects").first()).toBeVisible();
    await expect(page.getByText(/the step was not started/)).toHaveCount(0);
    await expect(page.getByText("Element images ready").first()).toBeVisible({ timeout: 45_000 });
    await expect(page.getByText(/the step was not started/)).toHaveCount(0);
  } finally {
    await sim.timeScale(SIM_TIME_SCALE);
  }
});

test("after a timeout the retry waits out the grace period (countdown), and the step can be reset without paying", async ({ page }) => {
  test.setTimeout(90_000);
  await createStoryboard(page, "A snail wins a slow race by a shell", { scenes: 2 });
  const before = await countRequests("POST", /\/elements$/);
  // Vimmerse answers after 45 s; the app gives up at 8 s (VIMMERSE_TIMEOUT_MS in playwright.config.ts). The late
  // answer must not finish the step while the test still looks at the retry and the reset (10 s did on a loaded
  // machine: the step completed upstream and the page moved on).
  await sim.fault({ method: "POST", path: "/story/*/elements", delayMs: 45_000 });
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByText(/To avoid paying twice, you can try again in \d+ s/)).toBeVisible({ timeout: 20_000 });

  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /try again in \d+ s/ }).first()).toBeVisible();
  expect(await countRequests("POST", /\/elements$/)).toBe(before + 1);

  await page.getByRole("button", { name: "Reset this step" }).first().click();
  await expect(page.getByText("Storyboard ready").first()).toBeVisible();
  expect(await countRequests("POST", /\/elements$/)).toBe(before + 1);
});

test("a finished video with a failed scene says so on the story and the dashboard; its duration shows after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await sim.fault({ method: "POST", path: "/story/idea-2-video", failScenes: [1] });
  await page.goto("/stories/new?mode=idea");
  const form = page.getByRole("form", { name: "Video from an idea" });
  await form.getByLabel("Idea", { exact: true }).fill("A kite that is afraid of heights");
  await form.getByLabel("Number of scenes").fill("2");
  await page.getByRole("button", { name: "Make the video" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Final video player")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Video ready – 1 scene failed").first()).toBeVisible();
  await expect(page.getByText(/Scene 2: /).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Make the video again" })).toBeVisible();

  await page.reload();
  await expect(page.getByText(/Duration \d+:\d\d/)).toBeVisible();

  await page.goto("/");
  await expect(page.getByText("Video ready – 1 scene failed").first()).toBeVisible();
});
