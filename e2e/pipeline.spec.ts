import zlib from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { approveAllScenes, countRequests, createStoryboard, filePicker, sim, SIM_TIME_SCALE } from "./support";

test.beforeEach(async () => {
  await sim.clearFaults();
});

/** A small valid PNG of one colour, made here so the test needs no fixture files. */
function png(name: string, [r, g, b]: [number, number, number]) {
  const size = 16;
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  const buffer = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return { name, mimeType: "image/png", buffer };
}

async function finalVideoPlays(page: Page) {
  const video = page.getByLabel("Final video player");
  await expect(video).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Duration \d+:\d\d/)).toBeVisible();
  const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
  expect(duration).toBeGreaterThan(0);
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0);
}

test("advanced mode: storyboard, element images, scene images, regenerate one scene, video", async ({ page }) => {
  test.setTimeout(120_000);
  await createStoryboard(page, "A lighthouse keeper and a young whale become friends", { scenes: 3, title: "Keeper" });
  const character = await page.getByLabel("Character 1 name").inputValue();

  // Step 1.5: element images appear on the cards.
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByRole("img", { name: character, exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Element images ready")).toBeVisible();

  // Step 2: scene images, narration and music.
  await page.getByRole("tab", { name: /Scene images/ }).click();
  await page.getByRole("button", { name: "Generate scene images" }).click();
  await expect(page.getByText("Scene images ready")).toBeVisible({ timeout: 30_000 });
  const sceneImage = (n: number) => page.getByRole("listitem", { name: new RegExp(`^Scene ${n}`) }).getByRole("img");
  await expect(sceneImage(1)).toBeVisible();
  await expect(page.getByLabel("Scene 1 narration audio")).toBeAttached();
  await expect(page.getByLabel("Music player")).toBeAttached();
  const first = await sceneImage(1).getAttribute("src");
  const second = await sceneImage(2).getAttribute("src");

  // Regenerate only scene 2.
  await page.getByRole("button", { name: "Regenerate scene 2 image" }).click();
  await expect(sceneImage(2)).not.toHaveAttribute("src", second!, { timeout: 30_000 });
  await expect(page.getByText("Scene images ready")).toBeVisible();
  expect(await sceneImage(1).getAttribute("src")).toBe(first);

  // Step 3 waits for approval (on by default): every scene approved on the review board first.
  await page.getByRole("tab", { name: "Video" }).click();
  await expect(page.getByRole("status", { name: "Approval required" })).toContainText("Every scene needs an approval");
  await expect(page.getByRole("button", { name: "Make the video" })).toBeDisabled();
  await approveAllScenes(page);
  await expect(page.getByRole("status", { name: "Approval required" })).toHaveCount(0);

  // Step 3: the video, with per-scene progress, then the final video plays.
  await page.getByRole("button", { name: "Make the video" }).click();
  await finalVideoPlays(page);
  await expect(page.getByRole("link", { name: "Download video" })).toBeVisible();
  await expect(page.getByTestId("credits-total")).not.toHaveText("0");

  // Re-compose gives a new final video.
  const before = await page.getByLabel("Final video player").getAttribute("src");
  await page.getByRole("button", { name: "Re-compose" }).click();
  await expect(page.getByLabel("Final video player")).not.toHaveAttribute("src", before!, { timeout: 30_000 });
  await finalVideoPlays(page);
});

test("after a timeout, trying again adopts the running step instead of paying twice", async ({ page }) => {
  test.setTimeout(90_000);
  await createStoryboard(page, "A clockmaker repairs time itself", { scenes: 2 });
  await sim.clearRequests();
  // Vimmerse accepts the request but answers after the app has given up waiting, then works on it for a while.
  await sim.fault({ method: "POST", path: "/story/*/elements", delayMs: 9_000, times: 1 });
  await sim.timeScale(3);
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /did not answer in time/ })).toBeVisible({ timeout: 30_000 });
  // Wait until Vimmerse (the simulator) has started the late request, then try again on purpose.
  await expect.poll(() => sim.stepsRunning("elements"), { timeout: 20_000 }).toBe(1);
  await page.getByRole("button", { name: "Generate element images" }).click();
  await expect(page.getByText("Element images ready")).toBeVisible({ timeout: 60_000 });
  expect(await countRequests("POST", /^\/story\/[^/]+\/elements$/)).toBe(1);
});

test.afterEach(async () => {
  await sim.timeScale(SIM_TIME_SCALE);
});

test("a double click on a paid step sends one request upstream", async ({ page }) => {
  await createStoryboard(page, "Two robots build a sandcastle", { scenes: 2 });
  await sim.clearRequests();
  await page.getByRole("tab", { name: /Element images/ }).click();
  await page.getByRole("button", { name: "Generate element images" }).dblclick();
  await expect(page.getByText("Element images ready")).toBeVisible({ timeout: 30_000 });
  expect(await countRequests("POST", /^\/story\/[^/]+\/elements$/)).toBe(1);
});

test("automatic mode: a video from an idea", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/stories/new");
  await page.getByRole("link", { name: /Video from an idea/ }).click();
  await expect(page).toHaveURL(/mode=idea/);
  const form = page.getByRole("form", { name: "Video from an idea" });
  await form.getByLabel("Idea", { exact: true }).fill("A paper boat sails through a rainy city");
  await form.getByLabel("Number of scenes").fill("2");
  await page.getByRole("button", { name: "Make the video" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  await finalVideoPlays(page);
  await expect(page.getByRole("region", { name: "Scenes" }).getByRole("listitem")).toHaveCount(2);
});

test("automatic mode: a video from two uploaded images", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/stories/new?mode=images");
  await filePicker(page).setInputFiles([png("red.png", [255, 0, 0]), png("blue.png", [0, 0, 255])]);
  await expect(page.getByRole("list", { name: "Images to upload" }).getByRole("listitem")).toHaveCount(2);
  await page.getByLabel("Idea").fill("Two colours tell a story");
  await page.getByRole("button", { name: "Make the video" }).click();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  await finalVideoPlays(page);
  await expect(page.getByRole("region", { name: "Scenes" }).getByRole("listitem")).toHaveCount(2);
  const upload = (await sim.requests()).find((r) => r.path === "/story/images-2-video");
  expect(upload).toBeTruthy();
});

test("an upload that is not an image is refused in the browser", async ({ page }) => {
  await page.goto("/stories/new?mode=images");
  await filePicker(page).setInputFiles([{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hi") }]);
  await expect(page.getByText(/is not a PNG, JPEG or WebP image/)).toBeVisible();
});

const FAILURES = [
  { name: "400", rule: { status: 400 }, message: /could not accept this request/i },
  { name: "401", rule: { status: 401 }, message: /rejected the API key/i },
  { name: "402", rule: { status: 402 }, message: /out of credits/i },
  { name: "404", rule: { status: 404 }, message: /could not find this story/i },
  { name: "422", rule: { status: 422 }, message: /did not accept some fields/i },
  { name: "429", rule: { status: 429 }, message: /busy/i },
  { name: "500", rule: { status: 500 }, message: /problem on its side/i },
  { name: "dropped connection", rule: { drop: true }, message: /connection to Vimmerse was lost/i },
  { name: "timeout", rule: { delayMs: 12_000 }, message: /did not answer in time/i },
];

for (const failure of FAILURES) {
  test(`a ${failure.name} on a paid step says what to do and keeps the storyboard`, async ({ page }) => {
    test.setTimeout(90_000);
    await createStoryboard(page, `A snail races a cheetah (${failure.name})`, { scenes: 2 });
    await page.getByLabel("Scene 1 narration").fill("My words stay.");
    await sim.fault({ method: "POST", path: "/story/*/elements", times: 1, ...failure.rule });
    await page.getByRole("tab", { name: /Element images/ }).click();
    await page.getByRole("button", { name: "Generate element images" }).click();
    await expect(page.getByRole("alert").filter({ hasText: failure.message })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel("Scene 1 narration")).toHaveValue("My words stay.");
    await page.reload();
    await expect(page.getByLabel("Scene 1 narration")).toHaveValue("My words stay.");
  });
}
