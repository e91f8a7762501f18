import { expect, test, type Page } from "@playwright/test";
import { createStoryboard, sim, SIM_TIME_SCALE } from "./support";

/**
 * Items are known by stable ids: generated images land on the scene they were made for, whatever the creator
 * reordered or renamed while they were being drawn; "Overwrite with mine" writes only what I changed.
 */

test.beforeEach(async () => {
  await sim.clearFaults();
});

test.afterEach(async () => {
  await sim.timeScale(SIM_TIME_SCALE);
});

/** The scene name the simulator drew into an image (it labels each image with the name it was sent). */
async function imageLabel(page: Page, position: number): Promise<string | null> {
  const url = await page.getByLabel(`Scene ${position} image URL`).inputValue();
  return url ? new URL(url).searchParams.get("label") : null;
}

async function moveSceneToTop(page: Page, from: number, count: number) {
  const handle = page.getByRole("button", { name: `Drag to reorder scene ${from}` });
  await handle.focus();
  await page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await expect(async () => {
    await page.keyboard.press("ArrowUp");
    await expect(page.getByText(`Scene ${from} is over position 1 of ${count}.`)).toBeAttached({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press("Space");
  await expect(page.getByText(`Scene ${from} dropped at position 1.`)).toBeAttached();
}

test("scenes reordered and renamed while their images are drawn each get their own image; unsaved typing stays unsaved", async ({ page }) => {
  await createStoryboard(page, "A lighthouse keeper teaches a seal to read", { scenes: 3 });
  // Distinct names, so each image's label tells which scene it was drawn for.
  const names = ["Dawn at the lighthouse", "The seal's first book", "Reading by lamplight"];
  for (const [i, name] of names.entries()) await page.getByLabel(`Scene ${i + 1} name`).fill(name);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved as version 2")).toBeVisible();

  // Slow Vimmerse down so the creator can work while the images are drawn.
  await sim.timeScale(4);
  await page.getByRole("tab", { name: /Scene images/ }).click();
  await page.getByRole("button", { name: "Generate scene images" }).click();
  await expect(page.getByText("Drawing scenes and recording narration").first()).toBeVisible({ timeout: 30_000 });

  // Scene 3 moves to the top; the old scene 1 (now 2) is renamed; saved while the step runs.
  await moveSceneToTop(page, 3, 3);
  await page.getByLabel("Scene 2 name").fill("Renamed while drawing");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/Saved as version [3-9]/).last()).toBeVisible();
  // Typed after the save, not saved: it must stay "unsaved" when the images arrive.
  await page.getByRole("textbox", { name: "Scene 3 narration" }).fill("Typed during the step, not saved yet.");
  await expect(page.getByText("Unsaved changes")).toBeVisible();

  await sim.timeScale(SIM_TIME_SCALE);
  await expect(page.getByText("Scene images ready").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel("Scene 1 image URL")).not.toHaveValue("", { timeout: 15_000 });
  await expect(page.getByLabel("Scene 2 image URL")).not.toHaveValue("");
  await expect(page.getByLabel("Scene 3 image URL")).not.toHaveValue("");

  // Each scene has the image drawn for it (by what was sent), not the one of its new position.
  await expect.poll(() => imageLabel(page, 1)).toBe(names[2]);
  await expect.poll(() => imageLabel(page, 2)).toBe(names[0]);
  await expect.poll(() => imageLabel(page, 3)).toBe(names[1]);
  await expect(page.getByLabel("Scene 2 name")).toHaveValue("Renamed while drawing");

  // The typed text is still there and still unsaved: the bar says so and Discard is available.
  await expect(page.getByRole("textbox", { name: "Scene 3 narration" })).toHaveValue("Typed during the step, not saved yet.");
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await expect(page.getByRole("button", { name: "Discard changes" })).toBeEnabled();

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/All changes saved/)).toBeVisible();
  await page.reload();
  await expect.poll(() => imageLabel(page, 1)).toBe(names[2]);
  await expect.poll(() => imageLabel(page, 2)).toBe(names[0]);
  await expect(page.getByRole("textbox", { name: "Scene 3 narration" })).toHaveValue("Typed during the step, not saved yet.");
});

test("two tabs edit different scenes: both saves merge without asking, the same scene still asks", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  await createStoryboard(a, "Two owls run a night bakery", { scenes: 2 });
  const b = await (await browser.newContext()).newPage();
  await b.goto(a.url());
  // Typing before hydration would race the form taking its stored values: wait until the editor is interactive.
  await expect(b.locator("form[data-ready]")).toBeAttached();
  await expect(b.getByLabel("Scene 2 narration")).not.toHaveValue("");

  // Both tabs have unsaved edits when A saves (a tab without unsaved edits takes A's save in live instead).
  await b.getByLabel("Scene 2 narration").fill("Tab B wrote scene 2.");
  await a.getByLabel("Scene 1 narration").fill("Tab A wrote scene 1.");
  await a.getByRole("button", { name: "Save", exact: true }).click();
  await expect(a.getByText("Saved as version 2")).toBeVisible();

  await b.getByRole("button", { name: "Save", exact: true }).click();
  // Different items: merged by id, no question (issue 9).
  await expect(b.getByText("Merged with version 2, saved meanwhile: you changed different items.")).toBeVisible();
  await expect(b.getByText("Saved as version 3")).toBeVisible();
  // Tab B now shows both edits, and nothing is left unsaved.
  await expect(b.getByLabel("Scene 1 narration")).toHaveValue("Tab A wrote scene 1.");
  await expect(b.getByLabel("Scene 2 narration")).toHaveValue("Tab B wrote scene 2.");
  await expect(b.getByText(/All changes saved · version 3/)).toBeVisible();

  await a.reload();
  await expect(a.getByLabel("Scene 1 narration")).toHaveValue("Tab A wrote scene 1.");
  await expect(a.getByLabel("Scene 2 narration")).toHaveValue("Tab B wrote scene 2.");

  // The same scene: the person chooses.
  await b.getByLabel("Scene 2 narration").fill("Tab B rewrote scene 2.");
  await a.getByLabel("Scene 2 narration").fill("Tab A rewrote scene 2.");
  await a.getByRole("button", { name: "Save", exact: true }).click();
  await expect(a.getByText("Saved as version 4")).toBeVisible();
  await b.getByRole("button", { name: "Save", exact: true }).click();
  const dialog = b.getByRole("dialog", { name: /changed while you were editing/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Overwrite with mine" }).click();
  await expect(b.getByText("Saved as version 5")).toBeVisible();
});

test("a server error on save says 'Save failed', not 'could not be reached', and keeps the edit unsaved", async ({ page }) => {
  await createStoryboard(page, "A snail wins a slow race", { scenes: 1 });
  await page.getByRole("textbox", { name: "Scene 1 narration" }).fill("Words the server failed to store.");
  // The save action answers 500 (a server action is a POST carrying a Next-Action header).
  await page.route("**/stories/*", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      await route.fulfill({ status: 500, contentType: "text/plain", body: "Internal Server Error" });
    } else {
      await route.fallback();
    }
  });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/Save failed: the server had a problem/).first()).toBeVisible();
  await expect(page.getByText(/could not be reached/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Discard changes" })).toBeEnabled();

  await page.unroute("**/stories/*");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/All changes saved · version 2/)).toBeVisible();
});
