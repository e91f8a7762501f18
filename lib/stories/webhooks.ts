import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { publicBaseUrl } from "@/lib/config";

/**
 * Each story has its own secret webhook URL: /api/webhooks/vimmerse/<story id>/<secret>. Vimmerse signs nothing,
 * so the secret in the URL is what tells a real delivery from a forgery.
 */
export function webhookUrlFor(story: { id: string; webhookSecret: string }): string | undefined {
  const base = publicBaseUrl();
  if (!base) return undefined;
  return `${base}/api/webhooks/vimmerse/${encodeURIComponent(story.id)}/${story.webhookSecret}`;
}

/** Constant-time comparison (hashing first makes the lengths equal, so the length leaks nothing either). */
export function secretMatches(expected: string, given: string): boolean {
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}
