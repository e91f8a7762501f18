import { expect, type Page } from "@playwright/test";

export const SIM_URL = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4100}`;
/** The simulator's speed during e2e (playwright.config.ts starts it with the same value). */
export const SIM_TIME_SCALE = Number(process.env.E2E_SIM_TIME_SCALE ?? "0.25");

export type SimRequest = { method: string; path: string; fields: Record<string, unknown> };

/** The simulator's control API: fault injection and the log of requests it received. */
export const sim = {
  async fault(rule: Record<string, unknown>) {
    const res = await fetch(`${SIM_URL}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(rule),
    });
    expect(res.ok).toBe(true);
  },
  /** Slows down or speeds up the simulator's clock (1 = demo speed; the e2e run starts at 0.25). */
  async timeScale(value: number) {
    const res = await fetch(`${SIM_URL}/__sim/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeScale: value }),
    });
    expect(res.ok).toBe(true);
  },
  async clearFaults() {
    await fetch(`${SIM_URL}/__sim/faults`, { method: "DELETE" });
  },
  async requests(): Promise<SimRequest[]> {
    const res = await fetch(`${SIM_URL}/__sim/requests`);
    const body = (await res.json()) as SimRequest[] | { requests: SimRequest[] };
    return Array.isArray(body) ? body : body.requests;
  },
  /** How many stories the simulator is working on right now in this step. */
  async stepsRunning(step: string): Promise<number> {
    const res = await fetch(`${SIM_URL}/__sim/stories`);
    const stories = (await res.json()) as { status: string; step: string | null }[];
    return stories.filter((s) => s.status === "processing" && s.step === step).length;
  },
  async clearRequests() {
    await fetch(`${SIM_URL}/__sim/requests`, { method: "DELETE" });
  },
};

export async function countRequests(method: string, pattern: RegExp): Promise<number> {
  return (await sim.requests()).filter((r) => r.method === method && pattern.test(r.path)).length;
}

/** Fills the New story form with an idea and sends it; returns once the storyboard editor is shown. */
export async function createStoryboard(page: Page, idea: string, opts: { scenes?: number; title?: string } = {}) {
  await page.goto("/stories/new");
  await page.getByLabel("Idea").fill(idea);
  if (opts.title) await page.getByLabel("Title").fill(opts.title);
  if (opts.scenes) await page.getByLabel("Number of scenes").fill(String(opts.scenes));
  await page.getByRole("button", { name: "Write storyboard" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("region", { name: "Scenes" })).toBeVisible({ timeout: 30_000 });
}

/** The image file picker, once React has attached its change handler (files chosen before would be ignored). */
export function filePicker(page: Page) {
  return page.getByLabel("Upload images").and(page.locator("[data-ready=true]"));
}

/**
 * Review before rendering: approves every scene on the story's review board (as the signed-in member of `page`),
 * waiting until each shows "Approved". The video step waits for this while the workspace requires approval.
 */
export async function approveAllScenes(page: Page) {
  const board = page.getByRole("region", { name: "Review", exact: true });
  const scenes = board.getByRole("article").filter({ has: page.getByRole("button", { name: /^Approve Scene \d+/ }) });
  const n = await scenes.count();
  for (let i = 0; i < n; i++) {
    const card = scenes.nth(i);
    // By keyboard: the editor's long scene list lays out lazily (content-visibility) while the page scrolls, so a
    // pointer click aimed at the board below it can land where the button was a moment before.
    await card.getByRole("button", { name: /^Approve Scene \d+/ }).press("Enter");
    await expect(card.getByText("Approved", { exact: true })).toBeVisible();
  }
}
