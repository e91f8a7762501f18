import "server-only";
import type { StoryEvent } from "./bus";

/**
 * Who has a story open, per app instance, in memory. Every instance hears every presence event (they travel on the
 * live bus), so each one knows the viewers of all instances. A tab reports itself every PRESENCE_HEARTBEAT_MS and
 * whenever the scene it edits changes; an entry not heard of for PRESENCE_TTL_MS is gone. Only a hint for people
 * ("Ana is editing scene 4"): nothing is ever locked by it.
 */
export const PRESENCE_TTL_MS = 30_000;

export type Viewer = { userId: string; name: string; sceneId: string | null };
type Entry = Viewer & { client: string; seenAt: number };

declare global {
  var __storyboardPresence: Map<string, Map<string, Entry>> | undefined;
}

function stories() {
  return (globalThis.__storyboardPresence ??= new Map());
}

/** Records a presence event (the bus calls this for every one it delivers, local or from another instance). */
export function notePresence(event: StoryEvent, now = Date.now()): void {
  if (!event.by || !event.client) return;
  let tabs = stories().get(event.storyId);
  if (event.left) {
    tabs?.delete(event.client);
    if (tabs?.size === 0) stories().delete(event.storyId);
    return;
  }
  if (!tabs) stories().set(event.storyId, (tabs = new Map()));
  tabs.set(event.client, { client: event.client, userId: event.by, name: event.name || "Someone", sceneId: event.itemId ?? null, seenAt: now });
}

/**
 * The people viewing a story, one entry per person (a tab editing a scene first, else the most recent), without `exceptUserId` (the person
 * asking), in a stable order. Expired entries are dropped.
 */
export function viewersOf(storyId: string, exceptUserId?: string, now = Date.now()): Viewer[] {
  const tabs = stories().get(storyId);
  if (!tabs) return [];
  const people = new Map<string, Entry>();
  for (const [client, entry] of tabs) {
    if (now - entry.seenAt > PRESENCE_TTL_MS) {
      tabs.delete(client);
      continue;
    }
    if (entry.userId === exceptUserId) continue;
    const known = people.get(entry.userId);
    // A tab with focus in a scene wins over an idle one (the hint matters more), then the most recent.
    const editing = (e: Entry) => (e.sceneId ? 1 : 0);
    if (!known || editing(entry) > editing(known) || (editing(entry) === editing(known) && entry.seenAt >= known.seenAt)) {
      people.set(entry.userId, entry);
    }
  }
  if (tabs.size === 0) stories().delete(storyId);
  return [...people.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId))
    .map(({ userId, name, sceneId }) => ({ userId, name, sceneId }));
}
