import { expect, test } from "@playwright/test";
import { inviteLink, joinByLink, PASSWORD } from "./accounts";
import { countRequests, createStoryboard } from "./support";

/**
 * Roles in the browser: the owner (default session) invites an editor and a reviewer by link; each uses a browser of
 * their own. What a role cannot do is disabled with the reason, and refused by the server anyway.
 */
test("owner invites an editor and a reviewer; each role's limits hold in the browser", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await createStoryboard(page, "A choir of robots rehearses for the harvest festival", { scenes: 2, title: "Robot choir" });
  const storyUrl = page.url();

  const run = Date.now();
  const editorEmail = `editor-${run}@example.test`;
  const reviewerEmail = `reviewer-${run}@example.test`;
  const editor = await joinByLink(browser, await inviteLink(page, editorEmail, "Editor"), "Eddie Editor");
  const reviewer = await joinByLink(browser, await inviteLink(page, reviewerEmail, "Reviewer"), "Riley Reviewer");

  // The members page lists both with their roles.
  await page.goto("/members");
  await expect(page.getByRole("combobox", { name: "Role of Eddie Editor" })).toHaveValue("editor");
  await expect(page.getByRole("combobox", { name: "Role of Riley Reviewer" })).toHaveValue("reviewer");

  // Reviewer: the story is read-only, with the reason; no paid button can be pressed.
  await reviewer.goto(storyUrl);
  await expect(reviewer.getByRole("note", { name: "Read-only" })).toContainText("Reviewers can't run paid steps.");
  await expect(reviewer.getByLabel("Scene 1 narration")).toBeDisabled();
  await expect(reviewer.getByRole("button", { name: "Generate element images" })).toBeDisabled();
  await expect(reviewer.getByRole("link", { name: /New/ })).toHaveCount(0);

  // Editor: edits, saves and runs a paid step.
  await editor.goto(storyUrl);
  await editor.getByLabel("Scene 1 narration").fill("Edited by the editor.");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByText("Saved as version 2")).toBeVisible();
  const before = await countRequests("POST", /\/elements$/);
  await editor.getByRole("tab", { name: /Element images/ }).click();
  await editor.getByRole("button", { name: "Generate element images" }).click();
  await expect(editor.getByText("Element images ready")).toBeVisible({ timeout: 45_000 });
  expect(await countRequests("POST", /\/elements$/)).toBe(before + 1);

  // The dashboard shows what the editor spent.
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Credits used" })).toContainText("Eddie Editor");

  // Signed out: the story URL leads to sign-in and back.
  const stranger = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await stranger.goto(storyUrl);
  await expect(stranger).toHaveURL(/\/sign-in\?next=/);
  await stranger.getByLabel("Email").fill(editorEmail);
  await stranger.getByLabel("Password").fill(PASSWORD);
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger).toHaveURL(storyUrl);
  await expect(stranger.getByLabel("Scene 1 narration")).toHaveValue("Edited by the editor.");

  // In another workspace, the story does not exist.
  stranger.once("dialog", (d) => void d.accept("Side project"));
  await stranger.getByLabel("Workspace").selectOption({ label: "New workspace…" });
  await expect(stranger.getByLabel("Workspace")).toHaveValue(/.+/);
  await expect(stranger.getByRole("heading", { name: "Stories", exact: true })).toBeVisible();
  await expect(stranger.getByRole("combobox", { name: "Workspace" }).locator("option:checked")).toHaveText(/Side project/);
  await stranger.goto(storyUrl);
  await expect(stranger.getByRole("heading", { name: "Not found" })).toBeVisible();
});
