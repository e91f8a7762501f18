import { expect, test, type Page } from "@playwright/test";
import { createStoryboard, sim } from "./support";

/** The storyboard as a board: undo / redo, mentions that hold, the board view, version history (issue 9). */

test.beforeEach(async () => {
  await sim.clearFaults();
});

const history = (page: Page) => page.getByRole("group", { name: "History" });

/** A new storyboard, opened fresh in the editor (not the editor that replaced the progress page), interactive. */
async function openStoryboard(page: Page, idea: string, scenes: number) {
  await createStoryboard(page, idea, { scenes });
  await page.reload();
  await expect(page.locator("form[data-ready]")).toBeAttached();
}

test("rename an element and update its mentions in one step, then undo it", async ({ page }) => {
  await openStoryboard(page, "A lighthouse keeper befriends a seal", 3);
  const hero = await page.getByLabel("Character 1 name").inputValue();
  await page.getByLabel("Scene 1 narration").fill(`**${hero}** climbs the stairs.`);
  await page.getByLabel("Scene 2 image description").fill(`Close-up of **${hero}** at the lamp.`);
  await page.getByLabel("Scene 2 image description").blur();
  await expect(page.getByRole("group", { name: "Scene 1 mentions" }).getByText(hero, { exact: true })).toBeVisible();

  await page.getByLabel("Character 1 name").fill("Mira");
  await page.getByLabel("Character 1 name").blur();
  // The card first says that nothing mentions the new name yet (and the scenes warn about **hero**).
  const card = page.getByRole("listitem", { name: /^Character 1/ });
  await expect(card.getByText("Not mentioned in any scene yet")).toBeVisible();
  await card.getByRole("button", { name: "Update mentions to Mira" }).click();
  await expect(page.getByLabel("Scene 1 narration")).toHaveValue("**Mira** climbs the stairs.");
  await expect(page.getByLabel("Scene 2 image description")).toHaveValue("Close-up of **Mira** at the lamp.");
  await expect(card.getByText(/Appears in scenes 1, 2/)).toBeVisible();

  // One undo takes back the rename and every mention; redo brings both again.
  await history(page).getByRole("button", { name: /Undo/ }).click();
  await expect(page.getByLabel("Character 1 name")).toHaveValue(hero);
  await expect(page.getByLabel("Scene 1 narration")).toHaveValue(`**${hero}** climbs the stairs.`);
  await expect(page.getByLabel("Scene 2 image description")).toHaveValue(`Close-up of **${hero}** at the lamp.`);
  await page.keyboard.press("ControlOrMeta+Shift+Z");
  await expect(page.getByLabel("Character 1 name")).toHaveValue("Mira");
  await expect(page.getByLabel("Scene 1 narration")).toHaveValue("**Mira** climbs the stairs.");
});

test("a mention of a name no element has is warned about and fixed", async ({ page }) => {
  await openStoryboard(page, "Two friends build a raft", 2);
  const hero = await page.getByLabel("Character 1 name").inputValue();
  await page.getByLabel("Scene 1 narration").fill("**Zed** waves from the shore.");
  await page.getByLabel("Scene 2 narration").fill("**Nobody** is here yet.");
  await page.getByLabel("Scene 2 narration").blur();

  const warning = page.getByRole("alert").filter({ hasText: "**Zed** is not an element" });
  await expect(warning).toBeVisible();
  await warning.getByRole("button", { name: "Create element Zed" }).click();
  await expect(warning).toBeHidden();
  const characters = page.getByRole("region", { name: "Characters" });
  await expect(characters.getByRole("listitem", { name: /: Zed$/ })).toBeVisible();

  const other = page.getByRole("alert").filter({ hasText: "**Nobody** is not an element" });
  await other.getByLabel("Replace Nobody with").selectOption(hero);
  await expect(page.getByLabel("Scene 2 narration")).toHaveValue(`**${hero}** is here yet.`);
  await expect(other).toBeHidden();
});

test("typing @ offers the story's elements", async ({ page }) => {
  await openStoryboard(page, "A fox learns to paint", 1);
  const hero = await page.getByLabel("Character 1 name").inputValue();
  const field = page.getByLabel("Scene 1 narration");
  await field.fill("");
  await field.pressSequentially(`Then @${hero.slice(0, 2)}`);
  await expect(page.getByRole("listbox", { name: "Mention an element" }).getByRole("option", { name: hero })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(field).toHaveValue(`Then **${hero}**`);
});

test("remove a scene, discard changes: both undoable", async ({ page }) => {
  await openStoryboard(page, "A cat sails to the moon", 3);
  const scenes = page.getByRole("region", { name: "Scenes" });
  const second = await page.getByLabel("Scene 2 name").inputValue();
  await page.getByRole("button", { name: "Remove scene 2" }).click();
  await expect(scenes.getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Undo", exact: true }).click(); // the toast's Undo
  await expect(scenes.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByLabel("Scene 2 name")).toHaveValue(second);

  await page.getByLabel("Scene 1 narration").fill("A narration worth keeping.");
  await page.getByLabel("Scene 1 narration").blur();
  await page.getByRole("button", { name: "Discard changes" }).click();
  await expect(page.getByLabel("Scene 1 narration")).not.toHaveValue("A narration worth keeping.");
  await page.keyboard.press("ControlOrMeta+Z");
  await expect(page.getByLabel("Scene 1 narration")).toHaveValue("A narration worth keeping.");
  await expect(page.getByText("Unsaved changes")).toBeVisible();
});

test("board view: remembered, reorder by keyboard and by drag, edit beside the board, select several", async ({ page }) => {
  await openStoryboard(page, "Three robots open a bakery", 3);
  await page.getByRole("group", { name: "Scene view" }).getByRole("button", { name: "Board" }).click();
  // The server renders the remembered view: the page arrives as a board, not as the detailed list swapped on load.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain('aria-label="Board"');
  expect(html).not.toContain("Scene 1 narration");
  await page.reload();
  await expect(page.locator("form[data-ready]")).toBeAttached();
  const board = page.getByRole("list", { name: "Board" });
  await expect(board.getByRole("listitem")).toHaveCount(3);
  const names = await board.getByRole("listitem").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")!.replace(/^Frame \d+: /, "")));

  // Keyboard: frame 3 to the front.
  const handle = page.getByRole("button", { name: "Drag to reorder frame 3" });
  await handle.focus();
  await page.keyboard.press("Space");
  await expect(async () => {
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByText("Frame 3 is over position 1 of 3.")).toBeAttached({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press("Space");
  await expect(board.getByRole("listitem").first()).toHaveAttribute("aria-label", `Frame 1: ${names[2]}`);

  // Mouse: drag frame 1 (now names[2]) onto frame 3.
  const from = (await page.getByRole("button", { name: "Drag to reorder frame 1" }).boundingBox())!;
  const to = (await board.getByRole("listitem").nth(2).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * i) / 12, from.y + ((to.y + to.height / 2 - from.y) * i) / 12);
  }
  await page.mouse.up();
  await expect(board.getByRole("listitem").nth(2)).toHaveAttribute("aria-label", `Frame 3: ${names[2]}`);

  // Edit beside the board, with the same labels as the detailed view.
  await page.getByRole("button", { name: "Edit scene 2" }).click();
  const panel = page.getByRole("complementary", { name: "Scene 2 details" });
  await panel.getByLabel("Scene 2 name").fill("The first loaf");
  await expect(board.getByRole("listitem").nth(1)).toHaveAttribute("aria-label", "Frame 2: The first loaf");

  // Select two frames and delete them in one undoable step.
  await page.getByLabel("Select scene 1").check();
  await page.getByLabel("Select scene 3").check();
  await page.getByRole("group", { name: "Selected scenes" }).getByRole("button", { name: "Delete selected" }).click();
  await expect(board.getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(board.getByRole("listitem")).toHaveCount(3);
});

test("play the board advances through the frames", async ({ page }) => {
  await openStoryboard(page, "A paper boat travels to the sea", 3);
  await page.getByRole("group", { name: "Scene view" }).getByRole("button", { name: "Board" }).click();
  await page.getByRole("button", { name: "▶ Play the board" }).click();
  const player = page.getByRole("dialog", { name: "Play the board" });
  await expect(player.getByText("Frame 1 of 3", { exact: true })).toBeVisible();
  await expect(player.getByText("Frame 2 of 3", { exact: true })).toBeVisible({ timeout: 15_000 });
  await player.getByRole("button", { name: "Next" }).click();
  await expect(player.getByText("Frame 3 of 3", { exact: true })).toBeVisible();
});

test("restore an old version (a new version) and see the difference word by word", async ({ page }) => {
  await openStoryboard(page, "A snail wins a race", 2);
  const original = await page.getByLabel("Scene 1 narration").inputValue();
  await page.getByLabel("Scene 1 narration").fill("The snail waits for the rain.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved as version 2")).toBeVisible();

  await page.getByRole("button", { name: "Version history" }).click();
  const dialog = page.getByRole("dialog", { name: "Version history" });
  await expect(dialog.getByRole("listitem", { name: "Version 2" })).toContainText("Edited");
  const differences = dialog.getByRole("region", { name: "Differences" });
  await expect(differences).toContainText("1 changed");
  await expect(differences.locator("ins")).toContainText(["rain"]);

  await dialog.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.getByText("Restored version 1 as version 3")).toBeVisible();
  await expect(page.getByLabel("Scene 1 narration")).toHaveValue(original);
  await expect(page.getByText("All changes saved · version 3")).toBeVisible();

  await page.getByRole("button", { name: "Version history" }).click();
  await expect(dialog.getByRole("listitem", { name: "Version 3" })).toContainText("Restored");
  await expect(dialog.getByRole("listitem", { name: "Version 2" })).toBeVisible(); // nothing rewritten
});
