/*
 * "A story of this instance changed": every write of lib/db to a story row or its step attempts calls
 * storyChanged(id) (null: possibly any story), so what is remembered about a story in this process (the status
 * poll's answer, lib/services/poll-cache.ts) is forgotten at once. Another instance's writes are not seen here: what
 * remembers must also expire by itself.
 */

// Not `server-only`: lib/db/queries.ts is loaded by tests and scripts too. Kept on globalThis: Next may load this
// module in more than one bundle of the same process.
declare global {
  var __storyboardStoryChangeListeners: Set<(storyId: string | null) => void> | undefined;
}

function listeners() {
  return (globalThis.__storyboardStoryChangeListeners ??= new Set());
}

export function storyChanged(storyId: string | null): void {
  for (const listener of listeners()) listener(storyId);
}

/** Returns the function that stops listening. */
export function onStoryChanged(listener: (storyId: string | null) => void): () => void {
  listeners().add(listener);
  return () => void listeners().delete(listener);
}
