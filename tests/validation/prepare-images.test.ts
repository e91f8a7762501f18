import { describe, expect, it } from "vitest";
import { budgetPerImage, fitImage } from "@/lib/uploads/prepare-images";
import { UPLOAD_LIMITS } from "@/lib/validation/uploads";

/** The browser's re-encoding plan that keeps every upload under Vercel's 4.5 MB request limit. */

const MB = 1024 * 1024;
const blob = (size: number) => new Blob([new Uint8Array(size)], { type: "image/jpeg" });

/** A fake encoder: bytes proportional to pixels x quality, as a photo roughly behaves. */
function fakeEncoder(width: number, height: number, bytesPerPixel = 0.5) {
  const calls: [number, number][] = [];
  const encode = async (maxSide: number, quality: number) => {
    calls.push([maxSide, quality]);
    const scale = Math.min(1, maxSide / Math.max(width, height));
    return blob(Math.round(width * scale * height * scale * bytesPerPixel * quality));
  };
  return { encode, calls };
}

describe("fitting images into the upload budget", () => {
  it("sends an image that already fits unchanged", async () => {
    const original = blob(200 * 1024);
    const { encode, calls } = fakeEncoder(1200, 800);
    expect(await fitImage(original, { width: 1200, height: 800 }, MB, encode)).toBe(original);
    expect(calls).toEqual([]);
  });

  it("re-encodes a small file that is larger than 2048 px", async () => {
    const { encode, calls } = fakeEncoder(4000, 3000, 0.05);
    const out = await fitImage(blob(500 * 1024), { width: 4000, height: 3000 }, MB, encode);
    expect(calls[0]).toEqual([2048, 0.85]);
    expect(out.size).toBeLessThanOrEqual(MB);
  });

  it("steps down until a 12 MB photo fits its share, whatever the number of images", async () => {
    for (const count of [1, 3, 10]) {
      const budget = budgetPerImage(count);
      const { encode } = fakeEncoder(6000, 4000);
      const out = await fitImage(blob(12 * MB), { width: 6000, height: 4000 }, budget, encode);
      expect(out.size).toBeLessThanOrEqual(budget);
      expect(out.size * count).toBeLessThanOrEqual(UPLOAD_LIMITS.maxTotalBytes);
    }
  });

  it("keeps ten images plus the form well under the 4.5 MB request limit", () => {
    expect(budgetPerImage(10) * 10 + 1 * MB).toBeLessThan(4.5 * MB);
    expect(budgetPerImage(1)).toBe(UPLOAD_LIMITS.maxFileBytes);
  });
});
