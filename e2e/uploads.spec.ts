import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createStoryboard, sim } from "./support";
import { editorReady, pngFile, UPLOADED, uploadImage } from "./upload-helpers";

/**
 * Images in the editor (issue 10 item 3): upload an element or scene image instead of pasting a URL; it replaces the
 * preview, is saved and sent like a pasted URL, and a scene whose description changes afterwards says "Image may
 * be out of date".
 */

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("upload an element image: it shows on the card, undo/redo work, and the next step sends its URL", async ({ page }) => {
  test.setTimeout(120_000);
  await createStoryboard(page, `A potter and her cat open a shop ${unique()}`, { scenes: 2 });
  await editorReady(page);
  const character = await page.getByLabel("Character 1 name").inputValue();
  const urlField = page.getByLabel("Character 1 image URL");
  await expect(urlField).toHaveValue("");

  await uploadImage(page, "character 1", await pngFile("potter.png", 900, 900));
  await expect(page.getByText("Image uploaded for character 1")).toBeVisible();
  await expect(urlField).toHaveValue(UPLOADED);
  const url = await urlField.inputValue();
  const card = page.getByRole("listitem", { name: new RegExp(`^Character 1`) });
  const img = card.getByRole("img", { name: character, exact: true });
  await expect(img).toHaveAttribute("src", url);
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  await expect(card.getByText("Image may be out of date")).toHaveCount(0);

  // One undoable change, like any edit.
  await page.getByRole("button", { name: /Undo/ }).click();
  await expect(urlField).toHaveValue("");
  await page.getByRole("button", { name: /Redo/ }).click();
  await expect(urlField).toHaveValue(url);

  // The next paid step (element images) saves first and sends the uploaded image's URL; our stamp stays home.
  await sim.clearRequests();
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByText("Element images ready")).toBeVisible({ timeout: 30_000 });
  const sent = (await sim.requests()).filter((r) => r.method === "POST" && /^\/story\/[^/]+\/elements$/.test(r.path));
  expect(sent).toHaveLength(1);
  const body = JSON.stringify(sent[0].fields);
  expect(body).toContain(url);
  expect(body).not.toContain("image_made_from");
  // Our image stays (generated media only fill empty fields).
  await expect(urlField).toHaveValue(url);
});

test("upload a scene image; editing the scene's image description afterwards shows 'Image may be out of date'", async ({ page }) => {
  test.setTimeout(90_000);
  await createStoryboard(page, `A lantern maker at night ${unique()}`, { scenes: 2 });
  await editorReady(page);
  const scene = page.getByRole("listitem", { name: /^Scene 1/ });
  await uploadImage(page, "scene 1", await pngFile("lantern.png", 1600, 900, "#c9822b"));
  await expect(page.getByLabel("Scene 1 image URL")).toHaveValue(UPLOADED);
  await expect(scene.getByRole("img")).toHaveAttribute("src", UPLOADED);
  await expect(scene.getByText("Image may be out of date")).toHaveCount(0);

  await page.getByLabel("Scene 1 image description").fill("A lantern maker at dawn, the shop empty");
  await expect(scene.getByText("Image may be out of date")).toBeVisible();
  // ... on the board's frame too, and it stays after saving and reloading.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/All changes saved · version \d+/)).toBeVisible();
  await page.reload();
  await editorReady(page);
  await expect(page.getByRole("listitem", { name: /^Scene 1/ }).getByText("Image may be out of date")).toBeVisible();
  await page.getByRole("group", { name: "Scene view" }).getByRole("button", { name: "Board" }).click();
  const frame = page.getByRole("list", { name: "Board" }).getByRole("listitem", { name: /^Frame 1/ });
  await expect(frame.getByText("Image may be out of date")).toBeVisible();
  await expect(page.getByRole("list", { name: "Board" }).getByRole("listitem", { name: /^Frame 2/ }).getByText("Image may be out of date")).toHaveCount(0);
  await page.getByRole("group", { name: "Scene view" }).getByRole("button", { name: "Detailed" }).click();

  // Uploading again counts as made from the current text.
  await uploadImage(page, "scene 1", await pngFile("lantern-dawn.png", 640, 360, "#e7c27d"));
  await expect(page.getByText("Image uploaded for scene 1")).toBeVisible();
  await expect(page.getByRole("listitem", { name: /^Scene 1/ }).getByText("Image may be out of date")).toHaveCount(0);

  const axe = await new AxeBuilder({ page }).include("form").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("a file that is not an image is refused with a message, and nothing changes", async ({ page }) => {
  await createStoryboard(page, `A beekeeper's first harvest ${unique()}`, { scenes: 1 });
  await editorReady(page);
  const urlField = page.getByLabel("Scene 1 image URL");
  const before = await urlField.inputValue();
  const save = page.getByRole("button", { name: "Save", exact: true });
  const saveWasEnabled = await save.isEnabled();
  await uploadImage(page, "scene 1", { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("these are my notes, not a picture") });
  const scene = page.getByRole("listitem", { name: /^Scene 1/ });
  await expect(scene.getByRole("alert")).toHaveText("“notes.png” is not a PNG, JPEG or WebP image.");
  await expect(urlField).toHaveValue(before);
  expect(await save.isEnabled()).toBe(saveWasEnabled);
  await expect(page.getByRole("button", { name: /Undo/ })).toBeDisabled(); // nothing was recorded
  const axe = await new AxeBuilder({ page }).include("form").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
