import "server-only";
import { onStoryChanged } from "@/lib/db/changes";
import { subscribeStory } from "@/lib/live/bus";
import { statusCacheMs } from "@/lib/config";

export { statusCacheMs };

/*
 * The status poll's answer, remembered per story for a moment (issue 11: 50 viewers of one story each read the
 * database on every poll; with this, this instance reads it about once per STATUS_CACHE_MS per story).
 *
 * Correctness:
 * - THE rule is pollAnswerLifetime (below): how long an answer may be given again;
 * - a write of this instance to the story or its attempts (lib/db/changes.ts) forgets the story's answers at once;
 * - another instance's write shows within STATUS_CACHE_MS (default 1 s, under the browser's 2 s poll interval), and at
 *   once when it announces it on the live bus ("saved", "status": the event that makes open pages refetch);
 * - an answer is kept per (workspace, story): the workspace check of the actor that loaded it is the one every
 *   later reader of that entry passes; refusals and failures are never kept;
 * - polls arriving while an answer is being read share it (one read for all of them); when a refresh from Vimmerse
 *   is due, they get what the database holds at once (as before: the lease is held) and only the poll that
 *   refreshes waits for Vimmerse (at most STATUS_ROUTE_BUDGET_MS).
 */

export type PollRefreshState = {
  /** The story is followed from Vimmerse (a poll may have to refresh it). */
  followed: boolean;
  /** A refresh may be claimed right now. */
  due: boolean;
  /** Milliseconds until the lease or Retry-After ends (null: neither is set). */
  inMs: number | null;
};

/**
 * THE rule: for how many milliseconds an answer made now may be given again by this instance. Never longer than
 * `ttlMs`; for a followed story never past the moment a refresh becomes due (the poll after that moment must be
 * the one that refreshes, so the refresh cadence stays one upstream GET per STATUS_REFRESH_MS), and not at all
 * while one is due.
 */
export function pollAnswerLifetime(ttlMs: number, refresh: PollRefreshState): number {
  if (ttlMs <= 0) return 0;
  if (!refresh.followed) return ttlMs;
  if (refresh.due || refresh.inMs === null) return 0;
  return Math.max(0, Math.min(ttlMs, Math.floor(refresh.inMs)));
}

type Entry<T> = { value: Promise<T>; until: number };
/** One story's answers (per workspace), and how to stop hearing its live events. */
type StoryEntries = Map<string, Entry<unknown>> & { unsubscribe?: () => void };

declare global {
  var __storyboardPollCache: Map<string, StoryEntries> | undefined;
  var __storyboardPollCacheUnsubscribe: (() => void) | undefined;
}

const MAX_STORIES = 5_000;

function cache(): Map<string, StoryEntries> {
  if (!globalThis.__storyboardPollCache) {
    const map = new Map<string, StoryEntries>();
    globalThis.__storyboardPollCache = map;
    globalThis.__storyboardPollCacheUnsubscribe = onStoryChanged((storyId) => {
      if (storyId === null) forgetPollAnswers();
      else drop(map, storyId);
    });
  }
  return globalThis.__storyboardPollCache;
}

function drop(map: Map<string, StoryEntries>, storyId: string, only?: StoryEntries) {
  const entries = map.get(storyId);
  if (!entries || (only && entries !== only)) return;
  map.delete(storyId);
  entries.unsubscribe?.();
}

/** Forgets every remembered answer of this process. */
export function forgetPollAnswers(): void {
  const map = cache();
  for (const id of [...map.keys()]) drop(map, id);
}

/**
 * The remembered answer of `storyId` for `workspaceId` while it is fresh, else `load()`'s (shared with the polls
 * arriving meanwhile). `load` returns the answer and its lifetime (pollAnswerLifetime); a throw is not remembered.
 */
export async function cachedPollAnswer<T>(
  storyId: string,
  workspaceId: string,
  load: () => Promise<{ answer: T; lifetimeMs: number; mine?: Promise<T> }>,
): Promise<T> {
  const stories = cache();
  let entries = stories.get(storyId);
  const hit = entries?.get(workspaceId) as Entry<T> | undefined;
  if (hit && Date.now() < hit.until) return hit.value;

  if (!entries) {
    if (stories.size >= MAX_STORIES) drop(stories, stories.keys().next().value!);
    const created: StoryEntries = new Map();
    stories.set(storyId, created);
    // Another instance's step start or new version (PostgreSQL's bus): forget at once, as open pages refetch now.
    created.unsubscribe = subscribeStory(storyId, (event) => {
      if (event.type === "status" || event.type === "saved") drop(stories, storyId, created);
    });
    entries = created;
  }
  const mine = entries;
  // Shared while it is being made (until = Infinity), then kept for its lifetime from when it was made.
  const entry: Entry<T> = { value: undefined as unknown as Promise<T>, until: Infinity };
  const forget = () => {
    if (mine.get(workspaceId) === entry) mine.delete(workspaceId);
    if (mine.size === 0) drop(stories, storyId, mine);
  };
  const loaded = load();
  entry.value = loaded.then(
    ({ answer, lifetimeMs }) => {
      if (lifetimeMs > 0) entry.until = Date.now() + lifetimeMs;
      else forget();
      return answer;
    },
    (e: unknown) => {
      forget();
      throw e;
    },
  );
  // The poll that made the answer gets the failure from `loaded` below; joiners get it from `entry.value`. Without a
  // joiner nobody awaits `entry.value`: mark it handled so a refusal is not an unhandled rejection in the process.
  entry.value.catch(() => undefined);
  mine.set(workspaceId, entry as Entry<unknown>);
  // The poll that made the answer may wait for more (a refresh from Vimmerse); the polls that joined it do not.
  const { answer, mine: own } = await loaded;
  return own ?? answer;
}
