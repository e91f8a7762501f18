import { randomBytes } from "node:crypto";

/**
 * Upload keys: 128 random bits in hex plus the image's extension (`3f9c…e1.jpg`). Keys are never built from
 * anything a user sent, and every key that comes back in (a URL path) must match KEY_PATTERN, so no key can name
 * another directory or object (no `/`, `..`, `%`, NUL).
 */
export const KEY_PATTERN = /^[0-9a-f]{32}\.(png|jpg|webp)$/;

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };
const TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" };

export function isStorageKey(key: unknown): key is string {
  return typeof key === "string" && KEY_PATTERN.test(key);
}

export function newKey(contentType: string): string {
  const ext = EXTENSIONS[contentType];
  if (!ext) throw new Error(`Unsupported content type ${contentType}`);
  return `${randomBytes(16).toString("hex")}.${ext}`;
}

/** The content type a valid key stands for (from its extension, which came from the sniffed bytes). */
export function contentTypeOfKey(key: string): string {
  return TYPES[key.slice(key.lastIndexOf(".") + 1)] ?? "application/octet-stream";
}
