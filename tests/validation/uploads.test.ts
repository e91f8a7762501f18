import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readImages } from "@/lib/actions/form-data";
import { checkPickedImages, checkUploads, sniffImageType, UPLOAD_LIMITS } from "@/lib/validation/uploads";

const MB = 1024 * 1024;
const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0];
const WEBP_HEAD = [...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBP")];
/** A file whose bytes start with `head`, padded to `size`. */
const bytes = (name: string, type: string, head: number[], size = 64) => {
  const data = new Uint8Array(Math.max(size, head.length));
  data.set(head);
  return new File([data], name, { type });
};

describe("upload checks (browser and server share them)", () => {
  it("accepts PNG, JPEG and WebP within the limits", () => {
    expect(checkUploads([file("a.png", "image/png", 10), file("b.jpg", "image/jpeg", 10), file("c.webp", "image/webp", 10)])).toBeNull();
  });

  it("names the file and the rule it breaks", () => {
    expect(checkUploads([file("notes.txt", "text/plain", 10)])).toBe("“notes.txt” is not a PNG, JPEG or WebP image.");
    expect(checkUploads([file("big.png", "image/png", 4 * MB)])).toBe("“big.png” is 4 MB; each image can be at most 3 MB.");
    expect(checkUploads([file("empty.png", "image/png", 0)])).toBe("“empty.png” is empty.");
    const three = [1, 2, 3].map((i) => file(`${i}.png`, "image/png", 1.5 * MB));
    expect(checkUploads(three)).toBe("These images add up to 4.5 MB; the limit is 3 MB in total.");
    const many = Array.from({ length: UPLOAD_LIMITS.maxFiles + 1 }, (_, i) => file(`${i}.png`, "image/png", 1));
    expect(checkUploads(many)).toMatch(/at most 10 images/);
  });

  it("keeps the total (plus the form's JSON) under the server-action body limit of next.config.mjs", () => {
    const config = readFileSync(path.join(process.cwd(), "next.config.mjs"), "utf8");
    const limit = Number(/bodySizeLimit:\s*"(\d+)mb"/.exec(config)?.[1]) * MB;
    expect(limit).toBeGreaterThan(0);
    expect(UPLOAD_LIMITS.maxTotalBytes + 1 * MB).toBeLessThanOrEqual(limit);
  });

  it("keeps what is sent under Vercel's 4.5 MB request limit", () => {
    const config = readFileSync(path.join(process.cwd(), "next.config.mjs"), "utf8");
    const limit = Number(/bodySizeLimit:\s*"(\d+)mb"/.exec(config)?.[1]) * MB;
    expect(limit).toBeLessThan(4.5 * MB);
  });

  it("the server refuses what the browser would have refused, as a field error", async () => {
    const form = new FormData();
    form.append("image_files", file("script.js", "text/javascript", 10));
    await expect(readImages(form)).rejects.toEqual(expect.objectContaining({ code: "validation", extra: { fieldErrors: { imageFiles: "“script.js” is not a PNG, JPEG or WebP image." } } }));
    const ok = new FormData();
    ok.append("image_files", bytes("a.png", "image/png", PNG_HEAD));
    expect(await readImages(ok)).toEqual([expect.objectContaining({ name: "a.png", type: "image/png" })]);
  });
});

describe("image type from the bytes, not the declared MIME type", () => {
  it("recognises PNG, JPEG and WebP magic numbers and nothing else", () => {
    expect(sniffImageType(new Uint8Array(PNG_HEAD))).toBe("image/png");
    expect(sniffImageType(new Uint8Array(JPEG_HEAD))).toBe("image/jpeg");
    expect(sniffImageType(new Uint8Array(WEBP_HEAD))).toBe("image/webp");
    expect(sniffImageType(new Uint8Array([...Buffer.from("<svg xmlns=")]))).toBeNull();
    expect(sniffImageType(new Uint8Array([...Buffer.from("GIF89a")]))).toBeNull();
    expect(sniffImageType(new Uint8Array([...Buffer.from("RIFF")]))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it("the server refuses a script declared as image/png, and types a JPEG declared as text by its bytes", async () => {
    const lie = new FormData();
    lie.append("image_files", bytes("evil.png", "image/png", [...Buffer.from("<script>alert(1)</script>")]));
    await expect(readImages(lie)).rejects.toEqual(expect.objectContaining({ code: "validation", message: "“evil.png” is not a PNG, JPEG or WebP image." }));
    const mislabelled = new FormData();
    mislabelled.append("image_files", bytes("photo", "text/plain", JPEG_HEAD));
    mislabelled.append("image_files", bytes("w.webp", "application/octet-stream", WEBP_HEAD));
    expect((await readImages(mislabelled)).map((f) => f.type)).toEqual(["image/jpeg", "image/webp"]);
  });

  it("the browser's picker check uses the same bytes rule and accepts large originals (they are re-encoded)", async () => {
    expect(await checkPickedImages([bytes("evil.png", "image/png", [...Buffer.from("MZ")])])).toBe("“evil.png” is not a PNG, JPEG or WebP image.");
    expect(await checkPickedImages([bytes("big.jpg", "image/jpeg", JPEG_HEAD, 12 * MB)])).toBeNull();
    expect(await checkPickedImages([bytes("huge.jpg", "image/jpeg", JPEG_HEAD, 41 * MB)])).toMatch(/at most 40 MB/);
  });
});
