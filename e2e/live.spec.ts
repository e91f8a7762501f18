import { expect, test } from "@playwright/test";
import { inviteLink, joinByLink, OWNER } from "./accounts";
import { createStoryboard } from "./support";
import { WEBHOOK_APP_PORT } from "../playwright.config";

/**
 * Live pages: the owner and an invited editor have the same story open in browsers of their own. Each sees the
 * other in the editor header; focus in a scene shows "… is editing scene N" to the other (a hint, no lock); a save
 * shows on the other page within seconds without a reload (server-sent events; the story is "ready", so no status
 * polling runs on that page meanwhile).
 */
test("two people on one story: presence, the soft lock hint, and a save showing up live", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await createStoryboard(page, "Two lighthouse keepers trade letters by carrier gull", { scenes: 2, title: "Gull post" });
  const storyUrl = page.url();
  const editor = await joinByLink(browser, await inviteLink(page, `live-editor-${Date.now()}@example.test`, "Editor"), "Eddie Live");

  // On PostgreSQL (E2E_DATABASE_URL) both apps of the run share the database: the editor then works on the second
  // app instance, so everything below crosses instances over LISTEN/NOTIFY. Same secret; only the cookie name differs.
  const secondApp = process.env.E2E_DATABASE_URL ? `http://127.0.0.1:${WEBHOOK_APP_PORT}` : null;
  if (secondApp) {
    const cookies = (await editor.context().cookies()).filter((c) => c.name.startsWith("e2e-app."));
    await editor.context().addCookies(cookies.map((c) => ({ ...c, name: c.name.replace(/^e2e-app\./, "e2e-webhook-app.") })));
  }
  await page.goto(storyUrl);
  await editor.goto(secondApp ? storyUrl.replace(new URL(storyUrl).origin, secondApp) : storyUrl);

  // Each sees the other (never themself).
  const ownerSees = page.getByRole("list", { name: "Also viewing" });
  await expect(ownerSees.getByRole("listitem", { name: "Eddie Live" })).toBeVisible({ timeout: 15_000 });
  await expect(ownerSees.getByRole("listitem", { name: OWNER.name })).toHaveCount(0);
  await expect(editor.getByRole("list", { name: "Also viewing" }).getByRole("listitem", { name: OWNER.name })).toBeVisible({ timeout: 15_000 });

  // The editor works in scene 2: the owner is told, and can still type anywhere (never a lock).
  const narration = editor.getByLabel("Scene 2 narration");
  await narration.click();
  await expect(page.getByRole("status").filter({ hasText: "Eddie Live is editing scene 2" })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByLabel("Scene 2 narration")).toBeEditable();

  // The editor saves; the owner's open page shows it without a reload.
  await narration.fill("The gull arrives at dawn with a reply.");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByText("Saved as version 2")).toBeVisible();
  const saved = Date.now();
  await expect(page.getByLabel("Scene 2 narration")).toHaveValue("The gull arrives at dawn with a reply.", { timeout: 5_000 });
  console.log(`[live] save shown on the other page after ${Date.now() - saved} ms`);
  await expect(page.getByText("Version 2", { exact: true })).toBeVisible();

  // The editor leaves the scene: the hint goes; the editor closes the page: the owner no longer sees them.
  await editor.getByRole("button", { name: "Save", exact: true }).focus();
  await expect(page.getByRole("status").filter({ hasText: "is editing" })).toHaveCount(0, { timeout: 10_000 });
  await editor.close();
  await expect(ownerSees.getByRole("listitem", { name: "Eddie Live" })).toHaveCount(0, { timeout: 10_000 });
});
