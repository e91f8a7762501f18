/**
 * Image upload limits, checked in the browser (before anything is sent) and again on the server.
 * The total stays under the server-action body limit set in next.config.mjs (25 MB).
 */
export const UPLOAD_LIMITS = {
  types: ["image/png", "image/jpeg", "image/webp"] as const,
  maxFileBytes: 8 * 1024 * 1024,
  maxTotalBytes: 20 * 1024 * 1024,
  maxFiles: 10,
};

export const ACCEPT_ATTRIBUTE = UPLOAD_LIMITS.types.join(",");

export type FileLike = { name: string; type: string; size: number };

function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** Returns a message for the first problem with these files, or null when they are fine. */
export function checkUploads(files: readonly FileLike[]): string | null {
  if (files.length > UPLOAD_LIMITS.maxFiles) {
    return `Upload at most ${UPLOAD_LIMITS.maxFiles} images at once (you chose ${files.length}).`;
  }
  for (const f of files) {
    if (!(UPLOAD_LIMITS.types as readonly string[]).includes(f.type)) {
      return `“${f.name}” is not a PNG, JPEG or WebP image.`;
    }
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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return mb(bytes);
}
