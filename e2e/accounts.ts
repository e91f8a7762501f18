import { expect, type Browser, type Page } from "@playwright/test";

/** Accounts in e2e: everyone signs in through the real pages, by labels. */

export const OWNER = { name: "Olivia Owner", email: "owner@example.test", password: "owner-password-1" };
export const PASSWORD = "member-password-1";

/** The first visitor of a fresh install creates the owner account ("Create your account"). */
export async function firstRunSignUp(page: Page, baseURL: string) {
  await page.goto(`${baseURL}/`);
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Stories", exact: true })).toBeVisible({ timeout: 30_000 });
}

/** The owner signs in on an app whose database already has the account. */
export async function signIn(page: Page, baseURL: string) {
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Stories", exact: true })).toBeVisible({ timeout: 30_000 });
}

/** The owner (this page) creates an invitation link on the members page. */
export async function inviteLink(page: Page, email: string, role: "Owner" | "Editor" | "Reviewer"): Promise<string> {
  await page.goto("/members");
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Create invitation link" }).click();
  const link = page.getByLabel(`Invitation link for ${email}`);
  await expect(link).toHaveValue(/\/invite\//);
  return link.inputValue();
}

/** A person who opens the link in a browser of their own, creates their account and joins. */
export async function joinByLink(browser: Browser, link: string, name: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: /^Join / })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.getByRole("heading", { name: "Stories", exact: true })).toBeVisible({ timeout: 30_000 });
  return page;
}

/** The owner in a browser context (and session) of its own, working in a new, empty workspace of that name. */
export async function ownerInNewWorkspace(browser: Browser, baseURL: string, workspace: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Stories", exact: true })).toBeVisible({ timeout: 30_000 });
  page.once("dialog", (d) => void d.accept(workspace));
  await page.getByLabel("Workspace").selectOption({ label: "New workspace…" });
  await expect(page.getByRole("heading", { name: "No stories yet" })).toBeVisible();
  return page;
}
