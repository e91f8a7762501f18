import { UPLOAD_LIMITS } from "@/lib/validation/uploads";

/**
 * Browser side of uploads (Vercel caps a request at 4.5 MB): images are re-encoded, largest side at most
 * UPLOAD_LIMITS.maxSide px, as JPEG at quality 0.85, then smaller/lower until every image fits its share of
 * UPLOAD_LIMITS.maxTotalBytes. An image that already fits (size and dimensions) is sent unchanged.
 */

/** Encodes the image with its longest side at most `maxSide` px, at JPEG `quality`. */
export type Encoder = (maxSide: number, quality: number) => Promise<Blob>;

/** The ladder tried in order until the result fits the budget. */
export const ENCODE_STEPS: readonly [maxSide: number, quality: number][] = [
  [UPLOAD_LIMITS.maxSide, 0.85],
  [UPLOAD_LIMITS.maxSide, 0.75],
  [1600, 0.75],
  [1280, 0.7],
  [1024, 0.7],
  [768, 0.65],
  [512, 0.6],
];

/** Returns `original` when it fits as it is, else the first encoding on the ladder that fits (or the smallest). */
export async function fitImage(
  original: Blob,
  size: { width: number; height: number },
  budgetBytes: number,
  encode: Encoder,
): Promise<Blob> {
  if (original.size <= budgetBytes && Math.max(size.width, size.height) <= UPLOAD_LIMITS.maxSide) return original;
  let smallest: Blob | null = null;
  for (const [maxSide, quality] of ENCODE_STEPS) {
    const blob = await encode(maxSide, quality);
    if (blob.size <= budgetBytes) return blob;
    if (!smallest || blob.size < smallest.size) smallest = blob;
  }
  return smallest ?? original;
}

/** Each image's share of the total budget. */
export function budgetPerImage(count: number): number {
  return Math.floor(Math.min(UPLOAD_LIMITS.maxFileBytes, UPLOAD_LIMITS.maxTotalBytes / Math.max(1, count)));
}

function jpegName(name: string): string {
  return `${name.replace(/\.[^.]+$/, "") || "image"}.jpg`;
}

/** Canvas encoder for one decoded image (browser only). */
function canvasEncoder(bitmap: ImageBitmap): Encoder {
  return async (maxSide, quality) => {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("This browser cannot resize images.");
    ctx.fillStyle = "#fff"; // JPEG has no transparency
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
    if (!blob) throw new Error("This browser cannot resize images.");
    return blob;
  };
}

/**
 * Browser only: every file fitted to its share of the budget (files already small enough are kept as they are).
 * Called with the whole list each time files are added, so earlier images shrink when more are added.
 */
export async function prepareImages(files: readonly File[]): Promise<File[]> {
  const budget = budgetPerImage(files.length);
  const out: File[] = [];
  for (const file of files) {
    const bitmap = await createImageBitmap(file);
    try {
      const fitted = await fitImage(file, bitmap, budget, canvasEncoder(bitmap));
      out.push(fitted === file ? file : new File([fitted], jpegName(file.name), { type: "image/jpeg" }));
    } finally {
      bitmap.close();
    }
  }
  return out;
}
