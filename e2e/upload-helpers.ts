import { expect, type Page } from "@playwright/test";
import sharp from "sharp";

/** A real PNG (the browser decodes it before uploading), `width` x `height`, one colour. */
export async function pngFile(name: string, width = 320, height = 180, background = "#2f7d6d") {
  const buffer = await sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
  return { name, mimeType: "image/png", buffer };
}

/** Picks `file` with the item's "Upload image" button (e.g. item "character 1", "scene 2"). */
export async function uploadImage(page: Page, item: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: `Upload image for ${item}`, exact: true }).click();
  await (await chooser).setFiles(file);
}

export const UPLOADED = /\/api\/uploads\/[0-9a-f]{32}\.(png|jpg|webp)$/;

/** The editor is hydrated (its fields are disabled before). */
export async function editorReady(page: Page) {
  await expect(page.locator("form[data-ready]")).toBeAttached({ timeout: 30_000 });
}
