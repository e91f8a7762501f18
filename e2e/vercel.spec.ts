import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { approveAllScenes, countRequests, createStoryboard, sim, SIM_TIME_SCALE, SIM_URL } from "./support";
import { firstRunSignUp } from "./accounts";
import { BASE, killStandalone, prepareStandalone, records, removeDir, startStandalone, tempDir, type Server } from "./standalone";

/**
 * Issue 12, "a run with no resident interval where every flow completes through the cron route and webhooks".
 * A server configured as on Vercel: SWEEP_INTERVAL_MS=0 (no background interval: nothing stays resident),
 * CRON_SECRET set (the test calls GET /api/cron/sweep with `Authorization: Bearer ...` as Vercel Cron does),
 * APP_PUBLIC_URL set so the simulator's webhooks reach it. Each test starts its own server on a fresh database.
 */

const CRON_SECRET = "e2e-vercel-cron-secret-0123456789";
const VERCEL_LIKE = {
  SWEEP_INTERVAL_MS: "0",
  CRON_SECRET,
  APP_PUBLIC_URL: BASE,
  AUTH_COOKIE_PREFIX: "e2e-vercel",
};

test.describe.configure({ mode: "serial" });
test.use({ baseURL: BASE, storageState: { cookies: [], origins: [] } });

test.beforeAll(() => prepareStandalone());

let server: Server | undefined;
let tmp: string | undefined;

test.beforeEach(async () => {
  await sim.clearFaults();
  tmp = tempDir();
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && server) {
    // What the server logged and which webhooks the simulator sent, to see where a step stopped.
    await testInfo.attach("server.log", { body: server.lines.join("\n"), contentType: "text/plain" });
    const hooks = await fetch(`${SIM_URL}/__sim/webhooks`).then((r) => r.text(), (e: Error) => e.message);
    await testInfo.attach("webhooks.json", { body: hooks, contentType: "application/json" });
  }
  await killStandalone(server);
  server = undefined;
  await sim.clearFaults();
  await sim.timeScale(SIM_TIME_SCALE);
  removeDir(tmp);
});

async function start(env: Record<string, string> = {}) {
  server = await startStandalone(path.join(tmp!, "pglite"), { ...VERCEL_LIKE, ...env });
  return server;
}

type SweepReport = { checked: number; staleSends: number; stuck: number; refreshed: number };

/** What Vercel Cron does every minute: GET the sweep route with the bearer secret. */
async function cron(authorization: string | null = `Bearer ${CRON_SECRET}`): Promise<{ status: number; report: SweepReport }> {
  const res = await fetch(`${BASE}/api/cron/sweep`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, report: (await res.json()) as SweepReport };
}

type Delivery = { url: string; status?: number; ok: boolean; lost?: boolean };
async function deliveries(storyId: string): Promise<Delivery[]> {
  const all = (await (await fetch(`${SIM_URL}/__sim/webhooks`)).json()) as Delivery[];
  return all.filter((d) => d.url.startsWith(`${BASE}/api/webhooks/vimmerse/${storyId}/`));
}

function storyIdOf(page: Page): string {
  return /\/stories\/([0-9a-f-]{36})$/.exec(page.url())![1];
}

async function finalVideoShown(page: Page) {
  await expect(page.getByLabel("Final video player")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Duration \d+:\d\d/)).toBeVisible();
}

/** The step's request was accepted (the button waits for the running step), then the user closes the tab. */
async function leave(page: Page) {
  await page.goto("about:blank");
}

/** Vimmerse (the simulator) has finished the step for every story. */
async function simulatorFinished(step: string) {
  await expect.poll(() => sim.stepsRunning(step), { timeout: 60_000 }).toBe(0);
}

/** Vercel Cron calls the sweep until one call has brought a story up to date with Vimmerse. */
async function cronUntilRefreshed() {
  await expect
    .poll(async () => {
      const { status, report } = await cron();
      expect(status).toBe(200);
      return report.refreshed;
    }, { timeout: 30_000, intervals: [1_000] })
    .toBeGreaterThanOrEqual(1);
}

/**
 * A step that reports its end by webhook: once the delivery was accepted, the sweep finds nothing left to do and
 * never refreshed anything itself (a refresh by the cron would count in `refreshed`).
 */
async function settledByWebhook(storyId: string, before: number) {
  await expect
    .poll(async () => (await deliveries(storyId)).filter((d) => d.status === 200).length, { timeout: 60_000 })
    .toBeGreaterThan(before);
  let refreshedByCron = 0;
  await expect
    .poll(async () => {
      const { report } = await cron();
      refreshedByCron += report.refreshed;
      return report.checked;
    }, { timeout: 20_000, intervals: [500] })
    .toBe(0);
  expect(refreshedByCron).toBe(0);
}

test("no resident interval: with nobody watching, every flow completes through the cron route and webhooks", async ({ page }) => {
  test.setTimeout(300_000);
  const s = await start();
  await firstRunSignUp(page, BASE);
  // Slow enough that the closed tab's last poll comes before Vimmerse finishes (a step takes 8 to 12 s here).
  await sim.timeScale(2);

  // Step 1, the storyboard: POST /story takes no webhook_url (nor do steps 1.5 and 2), so the cron route finishes it.
  await page.goto("/stories/new");
  await page.getByLabel("Idea").fill("A lighthouse keeper teaches a gull to read");
  await page.getByLabel("Number of scenes").fill("2");
  await page.getByRole("button", { name: "Write storyboard" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const id = storyIdOf(page);
  await leave(page);
  await simulatorFinished("storyboard");
  await cronUntilRefreshed();
  await page.goto(`/stories/${id}`);
  await expect(page.getByRole("region", { name: "Scenes" })).toBeVisible();
  await expect(page.locator("form[data-ready]")).toBeAttached();
  const character = await page.getByLabel("Character 1 name").inputValue();
  expect(character).not.toBe("");

  // Step 1.5, element images.
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByRole("button", { name: "Generate element images" })).toBeDisabled();
  await leave(page);
  await simulatorFinished("elements");
  await cronUntilRefreshed();
  await page.goto(`/stories/${id}`);
  await page.getByRole("tab", { name: /Element images/ }).click();
  await expect(page.getByText("Element images ready")).toBeVisible();
  await expect(page.getByRole("img", { name: character, exact: true })).toBeVisible();

  // Step 2, scene images, narration and music.
  await page.getByRole("tab", { name: /Scene images/ }).click();
  await page.getByRole("button", { name: "Generate scene images" }).click();
  await expect(page.getByRole("button", { name: "Generate scene images" })).toBeDisabled();
  await leave(page);
  await simulatorFinished("scenes");
  await cronUntilRefreshed();
  await page.goto(`/stories/${id}`);
  await page.getByRole("tab", { name: /Scene images/ }).click();
  await expect(page.getByText("Scene images ready")).toBeVisible();
  await expect(page.getByRole("listitem", { name: /^Scene 1/ }).getByRole("img")).toBeVisible();

  // Step 3, the video (approval first: the render gate is on): Vimmerse's webhook finishes it, not the cron.
  await page.getByRole("tab", { name: "Video" }).click();
  await approveAllScenes(page);
  const hooksBefore = (await deliveries(id)).filter((d) => d.status === 200).length;
  await page.getByRole("button", { name: "Make the video" }).click();
  await expect(page.getByRole("button", { name: "Make the video" })).toBeDisabled();
  await leave(page);
  await settledByWebhook(id, hooksBefore);
  await page.goto(`/stories/${id}`);
  await page.getByRole("tab", { name: "Video" }).click();
  await finalVideoShown(page);

  // Automatic mode: a whole video from an idea, one paid step, finished by its webhook.
  await page.goto("/stories/new?mode=idea");
  const form = page.getByRole("form", { name: "Video from an idea" });
  await form.getByLabel("Idea", { exact: true }).fill("A paper kite crosses the sea");
  await form.getByLabel("Number of scenes").fill("2");
  await page.getByRole("button", { name: "Make the video" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const auto = storyIdOf(page);
  await leave(page);
  await settledByWebhook(auto, 0);
  await page.goto(`/stories/${auto}`);
  await finalVideoShown(page);
  await expect(page.getByRole("region", { name: "Scenes" }).getByRole("listitem")).toHaveCount(2);

  // Every cron call the test made is in the server's JSON log with its request id.
  expect(records(s).filter((r) => r.route === "/api/cron/sweep" && r.status === 200).length).toBeGreaterThanOrEqual(3);
});

test("a lost webhook: the cron route, called as Vercel Cron calls it, completes the video while nobody watches", async ({ page }) => {
  test.setTimeout(180_000);
  await start();
  await firstRunSignUp(page, BASE);

  // Every webhook Vimmerse sends to an app is lost on the way (only this spec's server has stories running now).
  await sim.fault({ method: "WEBHOOK", path: "/api/webhooks/vimmerse/*", drop: true, times: 0 });
  await sim.timeScale(1); // the whole video takes ~25 s: the tab is closed long before it ends
  await page.goto("/stories/new?mode=idea");
  const form = page.getByRole("form", { name: "Video from an idea" });
  await form.getByLabel("Idea", { exact: true }).fill("A lost letter finds its way home");
  await form.getByLabel("Number of scenes").fill("2");
  await page.getByRole("button", { name: "Make the video" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const id = storyIdOf(page);
  await leave(page);

  // Vimmerse finished the video and its webhook was lost: nothing told the app.
  await expect.poll(async () => (await deliveries(id)).some((d) => d.lost), { timeout: 90_000 }).toBe(true);
  expect((await deliveries(id)).some((d) => d.status === 200)).toBe(false);

  // The cron route wants the secret.
  expect((await cron(null)).status).toBe(401);
  expect((await cron("Bearer wrong-secret")).status).toBe(401);
  // Vercel calls it every minute; the first call that finds the story's refresh due brings the video home.
  await cronUntilRefreshed();

  // The user comes back and sees the finished video.
  await page.goto(`/stories/${id}`);
  await finalVideoShown(page);
  await expect(page.getByRole("region", { name: "Scenes" }).getByRole("listitem")).toHaveCount(2);
});

test("a send cut off by a killed function stays 'sending' until the cron route marks it unknown, and the user is told", async ({ page }) => {
  test.setTimeout(180_000);
  // A send is stale 5 s after the request timeout: VIMMERSE_TIMEOUT_MS 30 s -> 35 s, longer than a restart here.
  const env = { VIMMERSE_TIMEOUT_MS: "30000" };
  const first = await start(env);
  await firstRunSignUp(page, BASE);
  await createStoryboard(page, "A clock that runs backwards", { scenes: 2 });
  const id = storyIdOf(page);

  // Vimmerse takes its time to answer; meanwhile the function running the send is killed (as a platform kills
  // one at maxDuration or on a crash): the send is recorded, its answer never.
  await sim.fault({ method: "POST", path: "/story/*/elements", delayMs: 90_000, times: 1 });
  const before = await countRequests("POST", /^\/story\/[^/]+\/elements$/);
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect.poll(() => countRequests("POST", /^\/story\/[^/]+\/elements$/)).toBe(before + 1);
  first.child.kill("SIGKILL");
  await first.exited;

  // A new instance on the same database (the next function invocation). Too young to call: left alone.
  await start(env);
  const young = await cron();
  expect(young.status).toBe(200);
  expect(young.report.staleSends).toBe(0);

  // Cron keeps calling; once the send is older than the timeout, it is marked "outcome unknown", never resent.
  await expect
    .poll(async () => (await cron()).report.staleSends, { timeout: 60_000, intervals: [2_000] })
    .toBe(1);
  await page.goto(`/stories/${id}`);
  await expect(page.getByRole("alert").filter({ hasText: /server stopped while this step was being sent/ })).toBeVisible();
  expect(await countRequests("POST", /^\/story\/[^/]+\/elements$/)).toBe(before + 1);
});
