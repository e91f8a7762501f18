/**
 * Image upload limits and the image type check, shared by the browser (before anything is sent) and the server.
 *
 * Uploads ride in a server-action body, which Vercel caps at 4.5 MB per request. So the browser re-encodes
 * large images before sending (lib/uploads/prepare-images.ts: at most MAX_SIDE px, JPEG) until all of them fit in
 * `maxTotalBytes` (3 MB); next.config.mjs caps the action body at 4 MB (the form's JSON rides along). A picked
 * file can be up to `maxSourceBytes` before that re-encoding.
 */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const UPLOAD_LIMITS = {
  types: IMAGE_TYPES,
  /** What one sent image may weigh (after re-encoding). */
  maxFileBytes: 3 * 1024 * 1024,
  /** What all sent images together may weigh. */
  maxTotalBytes: 3 * 1024 * 1024,
  /** What the picker accepts before re-encoding. */
  maxSourceBytes: 40 * 1024 * 1024,
  maxFiles: 10,
  /** Longest side of a re-encoded image. */
  maxSide: 2048,
};

export const ACCEPT_ATTRIBUTE = UPLOAD_LIMITS.types.join(",");

export type FileLike = { name: string; type: string; size: number };

function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * The image type from the first bytes (magic numbers), whatever the file claims to be:
 * PNG `89 50 4E 47 0D 0A 1A 0A`, JPEG `FF D8 FF`, WebP `RIFF....WEBP`. Null for anything else.
 */
export function sniffImageType(head: Uint8Array): ImageType | null {
  const b = head;
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/** The sniffed type of a file (reads only its first 12 bytes). */
export async function imageTypeOf(file: Blob): Promise<ImageType | null> {
  return sniffImageType(new Uint8Array(await file.slice(0, 12).arrayBuffer()));
}

function notAnImage(name: string) {
  return `“${name}” is not a PNG, JPEG or WebP image.`;
}

/** Count and per-file checks of picked files, before re-encoding (sizes against maxSourceBytes). */
export async function checkPickedImages(files: readonly (Blob & FileLike)[]): Promise<string | null> {
  if (files.length > UPLOAD_LIMITS.maxFiles) {
    return `Upload at most ${UPLOAD_LIMITS.maxFiles} images at once (you chose ${files.length}).`;
  }
  for (const f of files) {
    if (f.size === 0) return `“${f.name}” is empty.`;
    if (f.size > UPLOAD_LIMITS.maxSourceBytes) {
      return `“${f.name}” is ${mb(f.size)}; each image can be at most ${mb(UPLOAD_LIMITS.maxSourceBytes)}.`;
    }
    if (!(await imageTypeOf(f))) return notAnImage(f.name);
  }
  return null;
}

/** Returns a message for the first problem with these files as they are sent, or null when they are fine. */
export function checkUploads(files: readonly FileLike[]): string | null {
  if (files.length > UPLOAD_LIMITS.maxFiles) {
    return `Upload at most ${UPLOAD_LIMITS.maxFiles} images at once (you chose ${files.length}).`;
  }
  for (const f of files) {
    if (!(UPLOAD_LIMITS.types as readonly string[]).includes(f.type)) return notAnImage(f.name);
    if (f.size === 0) return `“${f.name}” is empty.`;
    if (f.size > UPLOAD_LIMITS.maxFileBytes) {
      return `“${f.name}” is ${mb(f.size)}; each image can be at most ${mb(UPLOAD_LIMITS.maxFileBytes)}.`;
    }
  }
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > UPLOAD_LIMITS.maxTotalBytes) {
    return `These images add up to ${mb(total)}; the limit is ${mb(UPLOAD_LIMITS.maxTotalBytes)} in total.`;
  }
  return null;
}

/**
 * checkUploads, with each file's type taken from its bytes (the declared MIME type is ignored). Returns the
 * files with their true type, or the first problem.
 */
export async function checkUploadBytes<F extends Blob & FileLike>(
  files: readonly F[],
): Promise<{ ok: true; files: { file: F; type: ImageType }[] } | { ok: false; message: string }> {
  const typed: { file: F; type: ImageType }[] = [];
  for (const file of files) {
    const type = await imageTypeOf(file);
    if (!type) return { ok: false, message: notAnImage(file.name) };
    typed.push({ file, type });
  }
  const problem = checkUploads(typed.map(({ file, type }) => ({ name: file.name, size: file.size, type })));
  return problem ? { ok: false, message: problem } : { ok: true, files: typed };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return mb(bytes);
}
