import { mkdirSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { inviteLink, joinByLink } from "./accounts";
import { countRequests, createStoryboard } from "./support";

/**
 * Review before rendering, with three browsers (owner, editor, reviewer) and a guest without an account: comments
 * with a mention, changes requested, an approval going out of date when the scene changes, the render gate, a review
 * link for a client, and a revoked link.
 */

const SHOTS = ".data/review-screens"; // kept between runs (test-results is emptied by each run)

async function shot(page: Page, name: string, target?: Locator) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await target?.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const card = (page: Page, n: number) =>
  page.getByRole("region", { name: "Review", exact: true }).getByRole("article", { name: new RegExp(`^Scene ${n}:`) });

test("editor writes, reviewer requests changes, approval goes out of date, gate opens once all approved; a guest reviews by link", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await createStoryboard(page, "A paper boat sails through a rainy city", { scenes: 2, title: "Paper boat" });
  const storyUrl = page.url();
  await page.getByRole("tab", { name: /Scene images/ }).click();
  await page.getByRole("button", { name: "Generate scene images" }).click();
  await expect(page.getByText("Scene images ready")).toBeVisible({ timeout: 60_000 });

  const run = Date.now();
  const editor = await joinByLink(browser, await inviteLink(page, `ed-${run}@example.test`, "Editor"), "Ezra Editor");
  const reviewer = await joinByLink(browser, await inviteLink(page, `rev-${run}@example.test`, "Reviewer"), "Rita Reviewer");

  // The editor writes.
  await editor.goto(storyUrl);
  await editor.getByRole("textbox", { name: "Scene 1 narration" }).fill("The boat leaves the gutter at dawn.");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByText("Saved as version")).toBeVisible();

  // The reviewer comments on scene 2 with a mention (autocomplete) and requests changes.
  await reviewer.goto(storyUrl);
  const two = card(reviewer, 2);
  await two.getByRole("button", { name: /^Comments/ }).click();
  const box = two.getByRole("textbox", { name: /^Comment on Scene 2/ });
  await box.fill("Too gloomy, @Ezr");
  await expect(reviewer.getByRole("option", { name: "@Ezra Editor" })).toBeVisible();
  await box.press("Enter");
  await expect(box).toHaveValue("Too gloomy, @Ezra Editor ");
  await box.pressSequentially("can it be brighter?");
  await two.getByRole("button", { name: "Add comment" }).click();
  await expect(two.getByRole("listitem", { name: "Comment by Rita Reviewer" })).toContainText("can it be brighter?");
  await two.getByRole("button", { name: /^Request changes on Scene 2/ }).press("Enter");
  await expect(two.getByText("Changes requested", { exact: true })).toBeVisible();
  await shot(reviewer, "comment-thread", two);

  // The editor sees it on the scene card and the summary, edits scene 2 and resolves the comment.
  await expect(editor.getByRole("listitem", { name: /^Scene 2/ }).getByRole("link", { name: /Changes requested, 1 open comments/ })).toBeVisible({ timeout: 15_000 });
  await expect(editor.getByRole("status", { name: "Review summary" })).toContainText("0 of 2 approved, 1 changes requested");
  await editor.getByRole("textbox", { name: "Scene 2 narration" }).fill("Sunlight breaks through; the boat glows.");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByText(/Saved as version/).last()).toBeVisible();
  const edTwo = card(editor, 2);
  await edTwo.getByRole("button", { name: /^Comments/ }).click();
  await edTwo.getByRole("button", { name: "Resolve" }).click();
  await expect(edTwo.getByText("· resolved")).toBeVisible();

  // The reviewer approves scene 2; the editor changes it again: the approval shows out of date, with what changed.
  await expect(two.getByText(/Out of date: text changed/)).toBeVisible({ timeout: 15_000 });
  await two.getByRole("button", { name: /^Approve Scene 2/ }).press("Enter");
  await expect(two.getByText("Approved", { exact: true })).toBeVisible();
  await editor.reload();
  await editor.getByRole("textbox", { name: "Scene 2 narration" }).fill("Sunlight breaks through; the boat glows gold.");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByText(/Saved as version/).last()).toBeVisible();
  await expect(two.getByText("Out of date: text changed")).toBeVisible({ timeout: 15_000 });
  await expect(two).toContainText("it needs approval again");

  // The gate: the video step is disabled with the reason and links to the scenes; nothing was sent.
  await editor.getByRole("tab", { name: "Video" }).click();
  const gate = editor.getByRole("status", { name: "Approval required" });
  await expect(gate).toContainText("Every scene needs an approval");
  await expect(gate.getByRole("link", { name: /^Scene 2/ })).toBeVisible();
  await expect(gate).toContainText("approval out of date (text changed)");
  await expect(editor.getByRole("button", { name: "Make the video" })).toBeDisabled();
  await expect(editor.getByRole("button", { name: "Override once…" })).toHaveCount(0); // owners only
  await shot(editor, "gate", gate);

  // A review link for a client: the guest comments and approves scene 1 without an account.
  await page.goto(storyUrl);
  const links = page.getByRole("region", { name: "Review", exact: true });
  await links.getByRole("button", { name: "Create review link" }).click();
  const link = await page.getByLabel("New review link").inputValue();
  expect(link).toMatch(/\/review\/[0-9a-f]{64}$/);
  const guest = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "Paper boat" })).toBeVisible();
  await expect(guest.getByRole("button", { name: /^Approve Scene 1/ })).toHaveCount(0); // a name first
  await guest.getByLabel("Your name").fill("Carla Client");
  await guest.getByRole("button", { name: "Start reviewing" }).click();
  const g1 = guest.getByRole("article", { name: /^Scene 1:/ });
  await g1.getByRole("button", { name: /^Comments/ }).click();
  await g1.getByRole("textbox", { name: /^Comment on Scene 1/ }).fill("Lovely opening.");
  await g1.getByRole("button", { name: "Add comment" }).click();
  await expect(g1.getByRole("listitem", { name: "Comment by Carla Client" })).toBeVisible();
  await g1.getByRole("button", { name: /^Approve Scene 1/ }).click();
  await expect(g1.getByText("Approved", { exact: true })).toBeVisible();
  await expect(g1).toContainText("Approved by Carla Client");
  await shot(guest, "guest");
  // The guest reaches nothing else: the app's pages send them to sign in.
  await guest.goto("/");
  await expect(guest).toHaveURL(/\/sign-in/);

  // The reviewer sees the guest's approval and approves scene 2 again: the gate opens and the video is made.
  await reviewer.reload();
  await expect(card(reviewer, 1)).toContainText("Approved by Carla Client");
  await card(reviewer, 2).getByRole("button", { name: /^Approve Scene 2/ }).press("Enter");
  await expect(card(reviewer, 2).getByText("Approved", { exact: true })).toBeVisible();
  await shot(reviewer, "board", reviewer.getByRole("region", { name: "Review", exact: true }));
  await expect(gate).toHaveCount(0, { timeout: 15_000 });
  const before = await countRequests("POST", /\/videos$/);
  await editor.getByRole("button", { name: "Make the video" }).click();
  await expect(editor.getByLabel("Final video player")).toBeVisible({ timeout: 90_000 });
  expect(await countRequests("POST", /\/videos$/)).toBe(before + 1);

  // The dashboard card shows the summary.
  await page.goto("/");
  await expect(page.locator(`a[href="${new URL(storyUrl).pathname}"]`)).toContainText("2 of 2 approved");

  // The owner revokes the link: the guest's page now says it no longer works.
  await page.goto(storyUrl);
  await page.getByRole("region", { name: "Review", exact: true }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("Link revoked")).toBeVisible();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "This link no longer works" })).toBeVisible();

  // Activity: approvals by the reviewer and the guest, the paid video step, edits by the editor.
  await page.getByText("Activity", { exact: true }).click();
  const activity = page.getByRole("list", { name: "Activity" });
  await expect(activity).toContainText("Carla Client approved on scene 1");
  await expect(activity).toContainText("Rita Reviewer requested changes on scene 2");
  await expect(activity).toContainText("Ezra Editor saved version");
  await expect(activity).toContainText("Ezra Editor started videos");
});
