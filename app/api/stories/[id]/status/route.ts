import { withCachedActor } from "@/lib/auth/actor-cache";
import { jsonOrNotModified } from "@/lib/services/http";
import { getStoryStatus } from "@/lib/services/stories";
import { logged } from "@/lib/route";

/** Vercel: a Vimmerse request may take up to VIMMERSE_TIMEOUT_MS (60 s) plus bookkeeping; keep the two in step. */
export const maxDuration = 90;

/**
 * Polled by the browser (TanStack Query). Serves our database; refreshes from Vimmerse at most once per interval,
 * and a slow or hung upstream GET does not hold the poll (refreshWithinBudget). Nothing changed since the browser's
 * last answer (If-None-Match): an empty 304. The session's actor is remembered for a few seconds (actor-cache.ts).
 */
export const GET = logged("/api/stories/[id]/status", async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  return jsonOrNotModified(req, () => withCachedActor((actor) => getStoryStatus(actor, id)));
}, { quiet: true });
