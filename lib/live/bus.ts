import "server-only";
import { EventEmitter } from "node:events";

/**
 * Story events for live pages: "something about story X changed, refetch it". Payloads are ids and kinds, never
 * documents (a PostgreSQL NOTIFY payload is at most 8 KB). In-process here; between app instances the same events
 * travel over PostgreSQL LISTEN/NOTIFY (see subscribeStory / publishStoryEvent).
 */
export type StoryEventType = "saved" | "status" | "comment" | "review" | "presence";
export type StoryEvent = { storyId: string; type: StoryEventType; by?: string; itemId?: string; at: string };

declare global {
  var __storyboardBus: EventEmitter | undefined;
}

function bus(): EventEmitter {
  if (!globalThis.__storyboardBus) {
    globalThis.__storyboardBus = new EventEmitter();
    globalThis.__storyboardBus.setMaxListeners(0);
  }
  return globalThis.__storyboardBus;
}

/** Tells every open page of the story (on this instance and, with PostgreSQL, on the others) that it changed. */
export async function publishStoryEvent(event: Omit<StoryEvent, "at">): Promise<void> {
  bus().emit(event.storyId, { ...event, at: new Date().toISOString() } satisfies StoryEvent);
}

/** Listens to one story's events; returns the function that stops listening. */
export function subscribeStory(storyId: string, listener: (event: StoryEvent) => void): () => void {
  bus().on(storyId, listener);
  return () => bus().off(storyId, listener);
}
