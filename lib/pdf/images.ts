import "server-only";
import sharp from "sharp";
import { fetchMedia } from "@/lib/net/media";
import { readBytesCapped } from "@/lib/net/body";

/** Images larger than this are not read (a scene image is a few MB at most). */
const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
/** PNG in @react-pdf is pathologically slow (stack-notes: 204 s for 50 scenes): every image becomes a JPEG this wide. */
const JPEG_WIDTH = 900;
const PARALLEL = 4;

/**
 * An image URL (from Vimmerse, the demo simulator, or typed by the creator) as a JPEG of at most 900 px, or null
 * when it cannot be fetched (only through lib/net: allowed media hosts, public addresses) or read by sharp (e.g.
 * an HTML page, a broken file). SVG (the simulator's images), PNG, WebP, AVIF and GIF are converted too.
 */
export async function imageAsJpeg(url: string | undefined, signal?: AbortSignal): Promise<Buffer | null> {
  if (!url?.trim()) return null;
  try {
    const res = await fetchMedia(url.trim(), { signal });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return null;
    }
    const bytes = await readBytesCapped(res, MAX_IMAGE_BYTES);
    return await sharp(bytes, { limitInputPixels: 60_000_000, animated: false })
      .rotate()
      .resize({ width: JPEG_WIDTH, height: JPEG_WIDTH, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 78, mozjpeg: true })
      .toBuffer();
  } catch {
    return null;
  }
}

/** imageAsJpeg for many URLs, a few at a time, in order. */
export async function imagesAsJpeg(urls: (string | undefined)[], signal?: AbortSignal): Promise<(Buffer | null)[]> {
  const out: (Buffer | null)[] = new Array(urls.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < urls.length && !signal?.aborted) {
      const i = next++;
      out[i] = await imageAsJpeg(urls[i], signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, urls.length) }, worker));
  return out;
}
