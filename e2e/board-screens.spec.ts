import { expect, test, type Page } from "@playwright/test";
import { createStoryboard } from "./support";

/** Screenshots of the board, a scene's mentions and the history diff (desktop and phone), to look at. */
test.skip(!process.env.SCREENSHOTS_DIR, "set SCREENSHOTS_DIR to take the screenshots");
const dir = process.env.SCREENSHOTS_DIR ?? "";

async function setUp(page: Page) {
  await createStoryboard(page, "A lighthouse keeper befriends a seal", { scenes: 5 });
  await page.reload();
  await expect(page.locator("form[data-ready]")).toBeAttached();
}

for (const [w, h] of [
  [1280, 900],
  [390, 844],
] as const) {
  test(`screens at ${w}px`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await setUp(page);
    // Mentions: a known and an unknown name, the @ menu open.
    await page.getByLabel("Scene 1 narration").fill("**Zed** watches the sea.");
    const field = page.getByLabel("Scene 1 video description");
    await field.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" @");
    await expect(page.getByRole("listbox", { name: "Mention an element" })).toBeVisible();
    await page.getByRole("listitem", { name: /^Scene 1/ }).screenshot({ path: `${dir}/mentions-${w}.png` });
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Saved as version 2")).toBeVisible();
    await page.getByRole("group", { name: "Scene view" }).getByRole("button", { name: "Board" }).click();
    await page.getByRole("button", { name: "Edit scene 2" }).click();
    await page.getByLabel("Select scene 3").check();
    await page.getByRole("region", { name: "Scenes" }).screenshot({ path: `${dir}/board-${w}.png` });

    await page.getByRole("button", { name: "Version history" }).click();
    const dialog = page.getByRole("dialog", { name: "Version history" });
    await expect(dialog.getByRole("region", { name: "Differences" })).toContainText("changed");
    await page.screenshot({ path: `${dir}/history-${w}.png` });
  });
}
