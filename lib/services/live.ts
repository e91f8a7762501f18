import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { publishStoryEvent } from "@/lib/live/bus";
import { storyEventStream } from "@/lib/live/sse";
import { DomainError } from "@/lib/stories/errors";
import { isId } from "@/lib/validation/ids";
import { presenceReportSchema } from "@/lib/validation/live";
import { authorize } from "./access";
import { storyOf } from "./stories";

/**
 * Live pages of a story, as an actor sees them: its event stream and who else is viewing it. Both need `story.read`
 * in the story's workspace (any member); a story of another workspace is "not found".
 */

/** The server-sent event stream of one story for one page; `client` (the page's tab id) leaves presence on close. */
export async function openStoryEvents(actor: Actor | null, storyId: string, opts: { signal?: AbortSignal; client?: string | null } = {}) {
  const a = authorize(actor, "story.read");
  await storyOf(a, storyId);
  const client = isId(opts.client) ? opts.client : null;
  return storyEventStream({
    storyId,
    viewerId: a.user.id,
    signal: opts.signal,
    onClose: client ? () => void publishStoryEvent({ storyId, type: "presence", by: a.user.id, client, left: true }) : undefined,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A page says it is open (heartbeat), which scene it edits, or that it left. Shared with every instance. */
export async function reportPresence(actor: Actor | null, storyId: string, body: string) {
  const a = authorize(actor, "story.read");
  await storyOf(a, storyId);
  const parsed = presenceReportSchema.safeParse(parseJson(body));
  if (!parsed.success) throw new DomainError("validation", parsed.error.issues[0]?.message ?? "Invalid report.");
  const { client, sceneId, left } = parsed.data;
  await publishStoryEvent({
    storyId,
    type: "presence",
    by: a.user.id,
    name: a.user.name,
    client,
    ...(sceneId ? { itemId: sceneId } : {}),
    ...(left ? { left: true } : {}),
  });
  return { ok: true };
}
