import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { createStoryboard, filePicker, sim } from "./support";

/**
 * Issue 6 hardening as a user meets it: security headers without breaking any page (no CSP errors), unknown
 * and malformed story URLs answer 404, large images reduced in the browser before upload, the idea kept when
 * switching modes, stale upload messages cleared, focus back on Delete after its dialog.
 */

test.beforeEach(async () => {
  await sim.clearFaults();
});

/** Collects CSP violations and script errors while a test runs. */
function watchCsp(page: Page) {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

/** A PNG of random pixels (does not compress): `width` x `height`, ~3 bytes per pixel. */
function noisePng(name: string, width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
  const pixels = zlib.deflateSync(Buffer.concat(rows), { level: 0 });
  const buffer = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return { name, mimeType: "image/png", buffer };
}

test("security headers are sent and the dashboard, new story and editor work under the CSP", async ({ page }) => {
  const problems = watchCsp(page);
  const res = await page.goto("/");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("script-src 'self'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await createStoryboard(page, "A heron learns to juggle", { scenes: 1 });
  // hydrated and interactive: typing marks the storyboard as changed
  await page.getByLabel("Scene 1 narration").fill("A heron, three pebbles, one pond.");
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeEnabled();
  expect(problems).toEqual([]);
});

test("unknown and malformed story URLs answer 404", async ({ page, request }) => {
  for (const path of [`/stories/${crypto.randomUUID()}`, "/stories/%00", "/stories/not-a-story"]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(404);
  }
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const path of ["/api/stories/%00/status", "/api/stories/%00/storyboard", "/api/stories/%00/video", "/api/stories/..%2f..%2fetc/status"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  expect((await request.post("/api/webhooks/vimmerse/%00/x", { data: "{}" })).status()).toBe(404);
  // Bad percent-encoding: a 4xx, never a 500 (the proxy answers it; API paths skip the proxy only without a `%`).
  for (const path of ["/stories/%E0%A4%A", "/api/stories/%E0%A4%A/status"]) {
    const badEncoding = await request.get(path);
    expect(badEncoding.status(), path).toBeGreaterThanOrEqual(400);
    expect(badEncoding.status(), path).toBeLessThan(500);
  }
});

test("switching the new-story mode keeps the typed idea", async ({ page }) => {
  await page.goto("/stories/new");
  await page.getByLabel("Idea").fill("A lighthouse keeper befriends a whale");
  await page.getByRole("link", { name: /Video from an idea/ }).click();
  await expect(page).toHaveURL(/mode=idea/);
  await expect(page.getByRole("textbox", { name: "Idea" })).toHaveValue("A lighthouse keeper befriends a whale");
  await page.getByRole("link", { name: /Video from images/ }).click();
  await expect(page.getByRole("textbox", { name: "Idea" })).toHaveValue("A lighthouse keeper befriends a whale");
});

test("a large image is reduced in the browser before upload; stale upload messages go away", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/stories/new?mode=images");
  await filePicker(page).setInputFiles([{ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not really a png") }]);
  await expect(page.getByText("“notes.png” is not a PNG, JPEG or WebP image.")).toBeVisible();

  const big = noisePng("big.png", 3000, 2000); // ~18 MB
  expect(big.buffer.length).toBeGreaterThan(15 * 1024 * 1024);
  await filePicker(page).setInputFiles([big]);
  const thumbs = page.getByRole("list", { name: "Images to upload" }).getByRole("listitem");
  await expect(thumbs).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByText("“notes.png” is not a PNG, JPEG or WebP image.")).toHaveCount(0);
  const label = await thumbs.first().innerText();
  expect(label).toContain("big.jpg");
  const [, amount, unit] = /([\d.]+) (KB|MB)/.exec(label)!;
  expect(Number(amount) * (unit === "MB" ? 1024 : 1)).toBeLessThanOrEqual(3 * 1024);

  await sim.clearRequests();
  await page.getByLabel("Idea").fill("Static from space");
  await page.getByRole("button", { name: "Make the video" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const sent = (await sim.requests()).find((r) => r.path === "/story/images-2-video");
  expect(JSON.stringify(sent?.fields)).toContain("<file big.jpg>");
});

test("focus returns to the Delete button when its dialog closes", async ({ page }) => {
  await createStoryboard(page, "A snail wins a race", { scenes: 1 });
  const del = page.getByRole("button", { name: "Delete", exact: true });
  await del.click();
  await page.getByRole("dialog", { name: "Delete this story?" }).getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByRole("dialog", { name: "Delete this story?" })).toHaveCount(0);
  await expect(del).toBeFocused();
  await del.click();
  await page.keyboard.press("Escape");
  await expect(del).toBeFocused();
});
