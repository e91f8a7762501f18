import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ownerInNewWorkspace } from "./accounts";
import { approveAllScenes, createStoryboard, sim, SIM_TIME_SCALE } from "./support";
import { editorReady, pngFile, uploadImage } from "./upload-helpers";

/**
 * Zero axe violations (every rule axe runs by default, WCAG 2.1 AA and best practices) on every page and state,
 * in light and dark, at desktop and phone width. Collects every violation first, then fails listing them all.
 */

const VARIANTS = [
  { name: "light desktop", colorScheme: "light", width: 1280, height: 900 },
  { name: "dark desktop", colorScheme: "dark", width: 1280, height: 900 },
  { name: "light phone", colorScheme: "light", width: 390, height: 844 },
  { name: "dark phone", colorScheme: "dark", width: 390, height: 844 },
] as const;

type Found = { state: string; variant: string; rule: string; help: string; targets: string[] };

async function audit(page: Page, state: string, found: Found[], prepare?: (page: Page) => Promise<void>) {
  const before = found.length;
  for (const v of VARIANTS) {
    await page.setViewportSize({ width: v.width, height: v.height });
    await page.emulateMedia({ colorScheme: v.colorScheme, reducedMotion: "reduce" });
    await page.reload();
    await expect(page.locator("html")).toHaveClass(v.colorScheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    if (prepare) await prepare(page);
    const result = await new AxeBuilder({ page }).analyze();
    for (const violation of result.violations) {
      found.push({
        state,
        variant: v.name,
        rule: violation.id,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1] ?? ""}`),
      });
    }
  }
  // Reported per state as it goes (soft), and all together at the end.
  expect.soft(found.slice(before).map(describe), `axe on ${state}`).toEqual([]);
}

const describe = (f: Found) => `${f.state} [${f.variant}] ${f.rule}: ${f.help}\n    ${f.targets.join("\n    ")}`;

test("every page and state has zero axe violations, light and dark, desktop and phone", async ({ browser, baseURL }) => {
  test.setTimeout(600_000);
  const found: Found[] = [];

  const visitor = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await visitor.goto("/sign-in");
  await expect(visitor.getByRole("button", { name: "Sign in" })).toBeVisible();
  await audit(visitor, "sign-in", found);

  // A session of its own in a new, empty workspace (the saved owner session keeps its workspace).
  const page = await ownerInNewWorkspace(browser, baseURL!, `A11y ${Date.now()}`);
  await audit(page, "dashboard (empty)", found);

  for (const [mode, submit] of [
    ["", "Write storyboard"],
    ["?mode=idea", "Make the video"],
    ["?mode=images", "Make the video"],
  ] as const) {
    await page.goto(`/stories/new${mode}`);
    await audit(page, `new story ${mode || "(step by step)"}`, found);
    await audit(page, `new story ${mode || "(step by step)"} with errors`, found, async (p) => {
      await p.getByRole("button", { name: submit }).click();
      await expect(p.getByRole("alert").first()).toBeVisible();
    });
  }

  await page.goto("/members");
  await audit(page, "members", found);
  await page.goto("/account");
  await audit(page, "account", found);

  await createStoryboard(page, "A lighthouse keeper befriends a storm", { scenes: 3 });
  await audit(page, "editor", found, async (p) => {
    await expect(p.getByRole("region", { name: "Scenes" })).toBeVisible({ timeout: 30_000 });
  });
  // Images in the editor: an uploaded scene image whose description changed since ("Image may be out of date"),
  // and a refused upload's message.
  await editorReady(page);
  await uploadImage(page, "scene 1", await pngFile("a11y.png"));
  await expect(page.getByText("Image uploaded for scene 1")).toBeVisible();
  await page.getByLabel("Scene 1 image description").fill("The storm has passed; the lamp is dark");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("button", { name: "Discard changes" })).toBeDisabled();
  await audit(page, "editor (uploaded image out of date, upload refused)", found, async (p) => {
    await editorReady(p);
    await expect(p.getByText("Image may be out of date").first()).toBeVisible();
    await uploadImage(p, "scene 2", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
    await expect(p.getByRole("alert").filter({ hasText: "not a PNG, JPEG or WebP image" })).toBeVisible();
  });
  // Issue 10: the keyboard cheat sheet, the phone's section bar (phone variants above) and a cost confirmation.
  await audit(page, "editor: keyboard shortcuts", found, async (p) => {
    await expect(p.locator("form[data-ready]")).toBeAttached();
    await p.getByRole("button", { name: /Keyboard shortcuts/ }).click();
    await expect(p.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  });
  await page.reload(); // the cheat sheet is left open by the audit above
  await expect(page.locator("form[data-ready]")).toBeAttached();
  await page.getByRole("tab", { name: "Video" }).click();
  await expect(page.getByRole("status", { name: "Approval required" })).toBeVisible();
  await approveAllScenes(page);
  await expect(page.getByRole("status", { name: "Approval required" })).toHaveCount(0);
  await audit(page, "editor: cost confirmation", found, async (p) => {
    await expect(p.locator("form[data-ready]")).toBeAttached();
    await p.getByRole("tab", { name: "Video" }).click();
    await p.getByLabel("Motion model").selectOption("SoraPro");
    await p.getByRole("button", { name: "Make the video" }).click();
    await expect(p.getByRole("dialog", { name: /^Spend about \d+ credits\?$/ })).toBeVisible();
  });
  await page.goto("/");
  await audit(page, "dashboard (with stories)", found, async (p) => {
    await expect(p.getByRole("list", { name: "Stories" })).toBeVisible();
  });

  // The page shown while Vimmerse writes the storyboard (the simulator slowed down so it stays).
  await sim.timeScale(40);
  try {
    await page.goto("/stories/new");
    await page.getByLabel("Idea").fill("A slow story about patience");
    await page.getByRole("button", { name: "Write storyboard" }).click();
    await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await audit(page, "pending", found, async (p) => {
      await expect(p.getByRole("region", { name: "Scenes" })).toHaveCount(0);
    });
  } finally {
    await sim.timeScale(SIM_TIME_SCALE);
  }

  const report = found.map(describe);
  expect(report, report.join("\n")).toEqual([]);
});
