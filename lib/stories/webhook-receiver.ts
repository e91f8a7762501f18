import "server-only";
import { getDb } from "@/lib/db";
import { getStory, recordWebhookDelivery } from "@/lib/db/queries";
import { BodyTooLargeError } from "@/lib/net/body";
import { isId } from "@/lib/validation/ids";
import { normalizeStatus } from "@/lib/vimmerse/story";
import { refreshStory } from "./service";
import { secretMatches } from "./webhooks";

export type WebhookOutcome =
  | { status: 200; body: { ok: true; duplicate?: boolean } }
  | { status: 400 | 404 | 413; body: { message: string } };

/** Largest webhook body read (Vimmerse sends ~100 bytes). */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * A webhook delivery from Vimmerse: `{customer_id, batch_id, status}`, unsigned, so the per-story secret in the URL
 * decides. Forgeries get 404 (no hint whether the story exists); duplicates are acknowledged and ignored; a new
 * delivery schedules one refresh from `GET /story/{id}`. The webhook's own status is never applied directly, so a
 * late "processing" cannot move a finished story backwards.
 */
export async function receiveWebhook(args: {
  storyId: string;
  secret: string;
  /** The body, or a reader called only once the secret matched (see readTextCapped). */
  rawBody: string | (() => Promise<string>);
  schedule: (job: () => Promise<unknown>) => void;
}): Promise<WebhookOutcome> {
  if (!isId(args.storyId)) return { status: 404, body: { message: "NOT_FOUND" } };
  const db = await getDb();
  const row = await getStory(db, args.storyId);
  if (!row || !secretMatches(row.webhookSecret, args.secret)) {
    return { status: 404, body: { message: "NOT_FOUND" } };
  }
  let rawBody: string;
  try {
    rawBody = typeof args.rawBody === "string" ? args.rawBody : await args.rawBody();
  } catch (e) {
    if (e instanceof BodyTooLargeError) return { status: 413, body: { message: e.message } };
    return { status: 400, body: { message: "The body could not be read." } };
  }
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(rawBody || "{}");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    payload = parsed as Record<string, unknown>;
  } catch {
    return { status: 400, body: { message: "The body must be a JSON object." } };
  }
  const batchId = typeof payload.batch_id === "string" ? payload.batch_id : "";
  if (row.vimmerseId && batchId && batchId !== row.vimmerseId) {
    return { status: 400, body: { message: "batch_id does not belong to this story." } };
  }
  const status = normalizeStatus(payload.status);
  const dedupeKey = `${row.id}:${row.activeAttemptId ?? row.stage}:${status}`;
  const fresh = await recordWebhookDelivery(db, { storyId: row.id, dedupeKey, status });
  if (!fresh) return { status: 200, body: { ok: true, duplicate: true } };
  args.schedule(() => refreshStory(row.id, { force: true }));
  return { status: 200, body: { ok: true } };
}
