import { expect, test } from "@playwright/test";
import { SIM_URL } from "./support";

/**
 * This app instance refreshes from Vimmerse at most once every 10 minutes, so its open page can only learn that the
 * video is finished from the webhook Vimmerse sends to the story's secret URL.
 */
test.use({ baseURL: `http://127.0.0.1:${Number(process.env.E2E_APP_PORT ?? 3100) + 1}` });

test("a webhook delivery updates an open page", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/stories/new?mode=idea");
  await page.getByLabel("Idea", { exact: true }).fill("A kite that is afraid of heights");
  await page.getByLabel("Number of scenes").fill("2");
  await page.getByRole("button", { name: "Make the video" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Making the whole video" })).toBeVisible();

  await expect(page.getByLabel("Final video player")).toBeVisible({ timeout: 60_000 });
  const deliveries = (await (await fetch(`${SIM_URL}/__sim/webhooks`)).json()) as unknown;
  const list = (Array.isArray(deliveries) ? deliveries : (deliveries as { webhooks?: unknown[] }).webhooks ?? []) as {
    url: string;
    status?: number;
  }[];
  const origin = new URL(page.url()).origin;
  expect(list.some((d) => d.url.startsWith(`${origin}/api/webhooks/vimmerse/`) && d.status === 200)).toBe(true);
});
