import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ownerInNewWorkspace } from "./accounts";
import { createStoryboard } from "./support";

/** Creator comforts (issue 10): dashboard search/sort/filter/duplicate/delete, JSON export/import, PDF, dark mode. */

const OUT = "test-results/comforts";
mkdirSync(OUT, { recursive: true });

const cards = (page: Page) => page.getByRole("list", { name: "Stories" }).getByRole("heading");
const storyIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

test("dashboard: search, sort and status filter live in the URL; duplicate and delete from a card", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const page = await ownerInNewWorkspace(browser, baseURL!, `Comforts ${Date.now()}`);
  await createStoryboard(page, "A whale learns to sing", { scenes: 2, title: "Whale song" });
  await createStoryboard(page, "An apple orchard in winter", { scenes: 2, title: "Apple winter" });
  await createStoryboard(page, "A kite over the city", { scenes: 2, title: "Kite city" });
  await page.goto("/");
  await expect(cards(page)).toHaveCount(3);

  // Search (debounced) → ?q=, survives a reload.
  await page.getByRole("searchbox", { name: "Search" }).fill("whale");
  await expect(page).toHaveURL(/\?q=whale/);
  await expect(cards(page)).toHaveText(["Whale song"]);
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("whale");
  await expect(cards(page)).toHaveText(["Whale song"]);
  await page.getByRole("searchbox", { name: "Search" }).fill("");
  await expect(cards(page)).toHaveCount(3);

  // Sort by title, and by creation (newest first); the choice survives a reload.
  await page.getByLabel("Sort").selectOption({ label: "Title (A–Z)" });
  await expect(page).toHaveURL(/sort=title/);
  await expect(cards(page)).toHaveText(["Apple winter", "Kite city", "Whale song"]);
  await page.reload();
  await expect(page.getByLabel("Sort")).toHaveValue("title");
  await expect(cards(page)).toHaveText(["Apple winter", "Kite city", "Whale song"]);
  await page.getByLabel("Sort").selectOption({ label: "Newest first" });
  await expect(cards(page)).toHaveText(["Kite city", "Apple winter", "Whale song"]);

  // Status filter.
  await page.getByLabel("Status").selectOption({ label: "Failed" });
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByText("No stories match.")).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Ready to edit" });
  await expect(cards(page)).toHaveCount(3);
  await page.screenshot({ path: `${OUT}/dashboard-1280.png`, fullPage: true });

  // Duplicate from a card: a new story with the same storyboard, opened.
  const whaleUrl = await page.getByRole("link", { name: /Whale song/ }).getAttribute("href");
  await page.getByRole("group", { name: "Actions for Whale song" }).getByRole("button", { name: "Duplicate" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  expect(new URL(page.url()).pathname).not.toBe(whaleUrl);
  await expect(page.getByRole("heading", { name: "Copy of Whale song", level: 1 })).toBeVisible();
  const copied = await (await page.request.get(`/api/stories/${storyIdOf(page)}/export`)).json();
  const original = await (await page.request.get(`/api/stories/${whaleUrl!.split("/").pop()}/export`)).json();
  const withoutIds = (b: { scenes: { id?: string }[] }) => b.scenes.map(({ id: _id, ...rest }) => (void _id, rest));
  expect(withoutIds(copied.storyboard)).toEqual(withoutIds(original.storyboard));
  expect(copied.storyboard.scenes[0].id).not.toBe(original.storyboard.scenes[0].id);
  // The copy has no Vimmerse story: a paid step says so plainly (and sends nothing).
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByText(/duplicated or imported, so Vimmerse has no story for it/).first()).toBeVisible();

  // Delete from a card: the dashboard stays, with its filter.
  await page.goto("/?status=ready&sort=title");
  await expect(cards(page)).toHaveText(["Apple winter", "Copy of Whale song", "Kite city", "Whale song"]);
  await page.getByRole("group", { name: "Actions for Copy of Whale song" }).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete story" }).click();
  await expect(cards(page)).toHaveText(["Apple winter", "Kite city", "Whale song"]);
  await expect(page).toHaveURL(/status=ready/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/dashboard-390.png`, fullPage: true });
});

test("export the storyboard as JSON, import it into a new story: the same storyboard", async ({ page }) => {
  test.setTimeout(90_000);
  await createStoryboard(page, "A paper boat sails to the sea", { scenes: 3, title: "Paper boat" });
  const sourceId = storyIdOf(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download JSON" }).click()]);
  expect(download.suggestedFilename()).toBe("Paper-boat.storyboard.json");
  const path = `${OUT}/export.json`;
  await download.saveAs(path);
  const file = JSON.parse(readFileSync(path, "utf8"));
  expect(file).toMatchObject({ format: "storyboard-studio/storyboard", version: 1, title: "Paper boat" });
  expect(file.storyboard.scenes).toHaveLength(3);
  expect(file.storyboard.scenes[0].id).toMatch(/^[0-9a-f-]{36}$/);

  // A wrong file: a clear message, nothing created.
  await page.goto("/stories/new");
  await page.getByLabel("Storyboard file", { exact: true }).setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from('{"hello":1}') });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This is not a storyboard file" })).toBeVisible();
  await expect(page).toHaveURL(/\/stories\/new$/);

  await page.getByLabel("Storyboard file", { exact: true }).setInputFiles(path);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  const importedId = storyIdOf(page);
  expect(importedId).not.toBe(sourceId);
  await expect(page.getByRole("heading", { name: "Paper boat", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Scene 1 narration")).toHaveValue(file.storyboard.scenes[0].narrator);
  const again = await (await page.request.get(`/api/stories/${importedId}/export`)).json();
  expect(again.storyboard).toEqual(file.storyboard);

  // A file without a title: the story is named after its title scene (on the dashboard too).
  const untitled = { ...file, title: "", storyboard: { ...file.storyboard, title_scene: { title: "Named by its title scene", description: "" } } };
  await page.goto("/stories/new");
  await page.getByLabel("Storyboard file", { exact: true }).setInputFiles({ name: "u.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(untitled)) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Named by its title scene", level: 1 })).toBeVisible();
  await page.goto("/?q=title+scene");
  await expect(cards(page)).toHaveText(["Named by its title scene"]);
});

test("the printable board: a PDF with one page per six scenes, images included", async ({ page }) => {
  test.setTimeout(120_000);
  await createStoryboard(page, "A clockwork fox explores a snowy forest", { scenes: 8, title: "Clockwork fox" });
  const id = storyIdOf(page);
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByText("Element images ready")).toBeVisible({ timeout: 60_000 });
  await page.getByRole("tab", { name: /Scene images/ }).click();
  await page.getByRole("button", { name: "Generate scene images" }).click();
  await expect(page.getByText("Scene images ready").first()).toBeVisible({ timeout: 60_000 });

  const started = Date.now();
  const res = await page.request.get(`/api/stories/${id}/pdf`);
  const ms = Date.now() - started;
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const pdf = await res.body();
  writeFileSync(`${OUT}/board.pdf`, pdf);
  const text = pdf.toString("latin1");
  expect(text.startsWith("%PDF-")).toBe(true);
  expect(text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)).toHaveLength(2); // 8 scenes, 6 per page
  expect(text.match(/\/Subtype\s*\/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(8); // every scene's image, as JPEG
  expect(text).toContain("/DCTDecode");
  console.log(`[comforts] PDF of 8 scenes: ${pdf.length} bytes in ${ms} ms`);

  // Someone without access: not found, no PDF.
  const other = await page.request.get(`/api/stories/00000000-0000-4000-8000-000000000000/pdf`);
  expect(other.status()).toBe(404);
});

test("dark mode: follows the system, a remembered switch, set before the first paint", async ({ page }) => {
  test.setTimeout(90_000);
  await createStoryboard(page, "A lantern drifts down a river", { scenes: 2, title: "Lantern" });
  const storyUrl = page.url();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  const bodyBg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bodyBg()).toBe("rgb(14, 14, 20)");
  await page.screenshot({ path: `${OUT}/dark-dashboard-1280.png`, fullPage: true });
  await page.goto(storyUrl);
  await expect(page.getByRole("region", { name: "Scenes" })).toBeVisible();
  await page.screenshot({ path: `${OUT}/dark-editor-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/dark-editor-390.png` });
  await page.goto("/");
  await page.screenshot({ path: `${OUT}/dark-dashboard-390.png`, fullPage: true });

  // The switch: Light while the system is dark; remembered after a reload.
  await page.getByRole("combobox", { name: "Colour theme" }).selectOption({ label: "Light" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await expect(page.getByRole("combobox", { name: "Colour theme" })).toHaveValue("light");

  // No flash: with every script of the app blocked, only the inline head script runs, and the page is already dark.
  await page.getByRole("combobox", { name: "Colour theme" }).selectOption({ label: "Dark" });
  await page.emulateMedia({ colorScheme: "light" });
  await page.route(/\/_next\/static\/.*\.js/, (route) => route.abort());
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await bodyBg()).toBe("rgb(14, 14, 20)");
  await page.unroute(/\/_next\/static\/.*\.js/);
  await page.goto("/");
  await page.getByRole("combobox", { name: "Colour theme" }).selectOption({ label: "System" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
});
