import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ownerInNewWorkspace } from "./accounts";
import { approveAllScenes, createStoryboard, sim } from "./support";

/**
 * Creator comforts (issue 10, items 1 and 5): costs before spending, the keyboard cheat sheet and shortcuts, scene
 * text boxes that grow, the phone's section bar. The e2e app asks above 500 credits (playwright.config.ts).
 */

const OUT = "test-results/costs";
mkdirSync(OUT, { recursive: true });

/** The "About N credits" beside a step's button. */
async function shownEstimate(page: Page, step: string): Promise<number> {
  const text = (await page.getByTestId(`cost-${step}`).textContent()) ?? "";
  const m = /About (\d+) credits?/.exec(text);
  expect(m, `estimate shown for ${step}: "${text}"`).not.toBeNull();
  return Number(m![1]);
}

/** The row of a step in "Cost of paid steps": its estimate and the credits it used, once it has finished. */
function costRow(page: Page, stepName: RegExp) {
  const row = page.getByRole("table", { name: "Cost of paid steps" }).getByRole("row", { name: stepName }).first();
  return { estimate: row.getByRole("cell").nth(0), used: row.getByRole("cell").nth(1) };
}

test("the cost shown before each step is what it is charged (demo); above the threshold it asks, cancel sends nothing, confirm sends once", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // A workspace of its own: estimates learn from the workspace's earlier steps.
  const page = await ownerInNewWorkspace(browser, baseURL!, `Costs ${Date.now()}`);
  await createStoryboard(page, "A fox opens a bakery in the forest", { scenes: 3, title: "Fox bakery" });
  await expect(page.getByTestId("cost-elements")).toContainText("Vimmerse publishes no prices");

  // Step 1.5: below the threshold, no question; the estimate is what the step used.
  await page.getByRole("tab", { name: /Element images/ }).click();
  const elements = await shownEstimate(page, "elements");
  expect(elements).toBeGreaterThan(0);
  await page.getByRole("region", { name: "Production" }).screenshot({ path: `${OUT}/estimate-1280-light.png` });
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("Element images ready")).toBeVisible({ timeout: 30_000 });
  await expect(costRow(page, /^Element images/).used).toHaveText(String(elements));
  await expect(costRow(page, /^Element images/).estimate).toHaveText(String(elements));

  // Step 2 likewise.
  await page.getByRole("tab", { name: /Scene images/ }).click();
  const scenes = await shownEstimate(page, "scenes");
  await page.getByRole("button", { name: "Generate scene images" }).click();
  await expect(page.getByText("Scene images ready")).toBeVisible({ timeout: 30_000 });
  await expect(costRow(page, /^Scene images/).used).toHaveText(String(scenes));
  await expect(costRow(page, /^Scene images/).estimate).toHaveText(String(scenes));

  // The workspace's credits so far: the storyboard (2) and both steps.
  await page.reload();
  await expect(page.getByText(/Workspace so far:/)).toHaveText(`Workspace so far: ${2 + elements + scenes}`);

  // Step 3 with a dear model: above the threshold it asks first (the scenes approved first: the render gate is on).
  await page.getByRole("tab", { name: "Video" }).click();
  await expect(page.getByRole("status", { name: "Approval required" })).toBeVisible();
  await approveAllScenes(page);
  await expect(page.getByRole("status", { name: "Approval required" })).toHaveCount(0);
  const title = `Fox video ${Date.now()}`;
  await page.getByLabel("Video title").fill(title);
  await page.getByLabel("Motion model").selectOption("SoraPro");
  const video = await shownEstimate(page, "videos");
  expect(video).toBeGreaterThan(500);
  const sent = async () => (await sim.requests()).filter((r) => r.method === "POST" && /\/videos$/.test(r.path) && r.fields.title === title).length;

  await page.getByRole("button", { name: "Make the video" }).click();
  const dialog = page.getByRole("dialog", { name: `Spend about ${video} credits?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("3 × scene video (SoraPro");
  await page.screenshot({ path: `${OUT}/confirm-1280.png` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  // Nothing was sent: no attempt of the video step, no request upstream.
  await expect(page.getByRole("table", { name: "Cost of paid steps" }).getByRole("row", { name: /^Video/ })).toHaveCount(0);
  expect(await sent()).toBe(0);

  await page.getByRole("button", { name: "Make the video" }).click();
  await dialog.getByRole("button", { name: `Spend about ${video} credits` }).click();
  await expect(page.getByLabel("Final video player")).toBeVisible({ timeout: 60_000 });
  await expect(costRow(page, /^Video/).used).toHaveText(String(video));
  await expect(costRow(page, /^Video/).estimate).toHaveText(String(video));
  expect(await sent()).toBe(1);
  await page.context().close();
});

test("keyboard: ? opens the cheat sheet; J/K move between scenes, N adds one, V switches board and detail; typing is left alone", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await createStoryboard(page, "Two owls run a night library", { scenes: 3, title: `Owls ${Date.now()}` });
  await expect(page.locator("form[data-ready]")).toBeAttached();
  const sceneItems = page.getByRole("region", { name: "Scenes" }).getByRole("listitem", { name: /^Scene \d+/ });
  await expect(sceneItems).toHaveCount(3);
  const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await blur();
  await page.keyboard.press("?");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText("Next scene");
  await expect(sheet).toContainText("Add a scene");
  await page.screenshot({ path: "test-results/costs/shortcuts-1280.png" });
  // Shortcuts do nothing while the sheet is open.
  await page.keyboard.press("n");
  await page.keyboard.press("Escape");
  await expect(sheet).toHaveCount(0);
  await expect(sceneItems).toHaveCount(3);

  await blur();
  await page.keyboard.press("j");
  await expect(sceneItems.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(sceneItems.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(sceneItems.nth(0)).toBeFocused();

  // In a text field the letters are typing, not shortcuts.
  const name = page.getByLabel("Scene 1 name");
  await name.fill("Shelves");
  await name.press("End");
  await page.keyboard.type("nvj");
  await expect(name).toHaveValue("Shelvesnvj");
  await expect(sceneItems).toHaveCount(3);

  await blur();
  await page.keyboard.press("n");
  await expect(sceneItems).toHaveCount(4);

  await blur();
  await page.keyboard.press("v");
  await expect(page.getByRole("list", { name: "Board" })).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.getByRole("listitem", { name: /^Frame 1/ })).toBeFocused();
  await page.keyboard.press("v");
  await expect(page.getByRole("list", { name: "Board" })).toHaveCount(0);
  await expect(sceneItems).toHaveCount(4);

  // Ctrl+S saves (also from inside a field).
  await page.getByLabel("Scene 2 name").click();
  await page.keyboard.press("Control+s");
  await expect(page.getByText("Unsaved changes", { exact: true })).toHaveCount(0, { timeout: 15_000 });
});

test("scene text boxes grow with their text", async ({ page }) => {
  await createStoryboard(page, "A snail crosses a garden", { scenes: 1, title: `Snail ${Date.now()}` });
  await expect(page.locator("form[data-ready]")).toBeAttached();
  const box = page.getByLabel("Scene 1 image description");
  await box.fill("One line.");
  const small = (await box.boundingBox())!.height;
  await box.fill(Array.from({ length: 12 }, (_, i) => `Line ${i + 1} of a long description.`).join("\n"));
  await expect.poll(async () => (await box.boundingBox())!.height).toBeGreaterThan(small * 2);
});

test("phone (390 px): the section bar keeps production and every section reachable", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await createStoryboard(page, "A lantern maker at the edge of the sea", { scenes: 3, title: `Lantern ${Date.now()}` });
  const bar = page.getByRole("navigation", { name: "Jump to section" });
  await expect(bar).toBeInViewport();

  await bar.getByRole("link", { name: "Music" }).click();
  await expect(page.getByRole("region", { name: "Music" })).toBeInViewport();
  await expect(bar).toBeInViewport();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${OUT}/phone-390-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });

  await bar.getByRole("link", { name: "Production" }).click();
  await expect(page.getByRole("tablist", { name: "Production steps" })).toBeInViewport();
  await page.getByRole("tab", { name: "Video" }).click();
  await expect(page.getByRole("tab", { name: "Video" })).toHaveAttribute("aria-selected", "true");

  await bar.getByRole("link", { name: "Scenes" }).click();
  await expect(page.getByRole("region", { name: "Scenes" }).getByRole("heading").first()).toBeInViewport();

  // At desktop width the side navigation does this, and the bar is gone.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(bar).toBeHidden();
});
