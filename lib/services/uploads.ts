import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isDemoMode, publicBaseUrl } from "@/lib/config";
import { getStorage, isStorageKey, uploadPath, type StoredObject } from "@/lib/storage";
import { DomainError } from "@/lib/stories/errors";
import { sniffImageType, UPLOAD_LIMITS, formatBytes } from "@/lib/validation/uploads";
import { authorize } from "./access";
import { storyOf } from "./stories";

/**
 * Images uploaded into a story (element and scene images). The bytes go to THE storage module (lib/storage); the
 * editor puts the returned URL into the item's image field, exactly as if it had been pasted.
 */

export type UploadVisibility = {
  /** Whether Vimmerse can fetch what is uploaded now. */
  visibleToVimmerse: boolean;
  /** When it cannot: what to set, in the words the editor shows. */
  hint?: string;
};

export const NOT_VISIBLE_HINT =
  "Vimmerse cannot see this image yet: this studio has no public address. Set APP_PUBLIC_URL to the address Vimmerse can reach (or configure S3 storage with S3_BUCKET), then upload it again.";

/** Can Vimmerse fetch uploads? Object storage or a public app address: yes. Demo mode: the simulator runs here. */
export function uploadVisibility(): UploadVisibility {
  if (getStorage().kind === "s3" || publicBaseUrl() || isDemoMode()) return { visibleToVimmerse: true };
  return { visibleToVimmerse: false, hint: NOT_VISIBLE_HINT };
}

/** What the editor needs to know about uploads (any member; the editor shows the hint next to uploaded images). */
export function getUploadSettings(actor: Actor | null): UploadVisibility & { maxBytes: number } {
  authorize(actor, "story.read");
  return { ...uploadVisibility(), maxBytes: UPLOAD_LIMITS.maxFileBytes };
}

/**
 * Stores one image for a story the actor may edit. `origin` is the request's own origin, used for the URL only
 * when there is no APP_PUBLIC_URL and no object storage (then Vimmerse cannot reach it: `hint` says so).
 */
export async function uploadStoryImage(actor: Actor | null, storyId: string, bytes: Uint8Array, origin: string) {
  const a = authorize(actor, "upload.create");
  await storyOf(a, storyId);
  if (bytes.byteLength === 0) throw new DomainError("validation", "The file is empty.");
  if (bytes.byteLength > UPLOAD_LIMITS.maxFileBytes) {
    throw new DomainError("validation", `The image is ${formatBytes(bytes.byteLength)}; at most ${formatBytes(UPLOAD_LIMITS.maxFileBytes)} can be uploaded.`);
  }
  const type = sniffImageType(bytes.subarray(0, 12));
  if (!type) throw new DomainError("validation", "This file is not a PNG, JPEG or WebP image.");
  const storage = getStorage();
  const { key } = await storage.put(bytes, type);
  const url = storage.publicUrl(key) ?? `${publicBaseUrl() || origin.replace(/\/+$/, "")}${uploadPath(key)}`;
  return { key, url, contentType: type, bytes: bytes.byteLength, ...uploadVisibility() };
}

/** An uploaded file for GET /api/uploads/[key]: public (Vimmerse fetches it without a session); keys are random. */
export async function readUpload(key: string): Promise<StoredObject | null> {
  if (!isStorageKey(key)) return null;
  return getStorage().get(key);
}
