import "server-only";
import { s3Settings, uploadsDir } from "@/lib/config";
import { localStorage } from "./local";
import { s3Storage } from "./s3";
import type { Storage } from "./types";

export type { Storage, StoredObject } from "./types";
export { isStorageKey } from "./keys";

/**
 * THE storage of uploaded files: S3-compatible object storage when S3_BUCKET (and the other S3_* variables) are
 * set, else local disk under UPLOADS_DIR (default: `uploads` beside the embedded database). One per process.
 */
let cached: { signature: string; storage: Storage } | undefined;

export function getStorage(): Storage {
  const s3 = s3Settings();
  const dir = uploadsDir();
  const signature = JSON.stringify([s3, dir]);
  if (cached?.signature !== signature) cached = { signature, storage: s3 ? s3Storage(s3) : localStorage(dir) };
  return cached.storage;
}

/** The local route that serves an uploaded file (local storage; also a stable proxy for S3). */
export function uploadPath(key: string): string {
  return `/api/uploads/${key}`;
}
