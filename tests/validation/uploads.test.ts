import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readImages } from "@/lib/actions/form-data";
import { checkUploads, UPLOAD_LIMITS } from "@/lib/validation/uploads";

const MB = 1024 * 1024;
const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });

describe("upload checks (browser and server share them)", () => {
  it("accepts PNG, JPEG and WebP within the limits", () => {
    expect(checkUploads([file("a.png", "image/png", 10), file("b.jpg", "image/jpeg", 10), file("c.webp", "image/webp", 10)])).toBeNull();
  });

  it("names the file and the rule it breaks", () => {
    expect(checkUploads([file("notes.txt", "text/plain", 10)])).toBe("“notes.txt” is not a PNG, JPEG or WebP image.");
    expect(checkUploads([file("big.png", "image/png", 9 * MB)])).toBe("“big.png” is 9 MB; each image can be at most 8 MB.");
    expect(checkUploads([file("empty.png", "image/png", 0)])).toBe("“empty.png” is empty.");
    const three = [1, 2, 3].map((i) => file(`${i}.png`, "image/png", 7 * MB));
    expect(checkUploads(three)).toBe("These images add up to 21 MB; the limit is 20 MB in total.");
    const many = Array.from({ length: UPLOAD_LIMITS.maxFiles + 1 }, (_, i) => file(`${i}.png`, "image/png", 1));
    expect(checkUploads(many)).toMatch(/at most 10 images/);
  });

  it("keeps the total (plus the form's JSON) under the server-action body limit of next.config.mjs", () => {
    const config = readFileSync(path.join(process.cwd(), "next.config.mjs"), "utf8");
    const limit = Number(/bodySizeLimit:\s*"(\d+)mb"/.exec(config)?.[1]) * MB;
    expect(limit).toBeGreaterThan(0);
    expect(UPLOAD_LIMITS.maxTotalBytes + 1 * MB).toBeLessThanOrEqual(limit);
  });

  it("the server refuses what the browser would have refused, as a field error", () => {
    const form = new FormData();
    form.append("image_files", file("script.js", "text/javascript", 10));
    expect(() => readImages(form)).toThrowError(expect.objectContaining({ code: "validation", extra: { fieldErrors: { imageFiles: "“script.js” is not a PNG, JPEG or WebP image." } } }));
    const ok = new FormData();
    ok.append("image_files", file("a.png", "image/png", 10));
    expect(readImages(ok)).toEqual([expect.objectContaining({ name: "a.png", type: "image/png" })]);
  });
});
