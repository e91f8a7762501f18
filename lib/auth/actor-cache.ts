import "server-only";
import { headers } from "next/headers";
import { getSessionCookie } from "better-auth/cookies";
import { actorCacheMs, authCookiePrefix } from "@/lib/config";
import { isDomainError } from "@/lib/stories/errors";
import { getActor, type Actor } from "./actor";

/*
 * The status poll's actor, remembered for a few seconds per session cookie (issue 11: the session and membership
 * lookups were most of a poll's cost). Only the polled, read-only status route uses it; pages, actions and every
 * other route look the session up each time (getActor).
 *
 * Correctness:
 * - a cookie enters the cache only after Better Auth accepted it, and the key is the whole cookie value;
 * - an entry lives ACTOR_CACHE_MS (5 s; 0 turns the cache off) and never past the session's own expiry;
 * - any POST to Better Auth's endpoints (sign-out, session revocation, password change...) and any membership or
 *   workspace change of lib/services/teams.ts clears this process's cache;
 * - a refusal answered with a cached actor is retried with a fresh lookup, so staleness can never refuse a poll
 *   (e.g. right after switching workspace on another instance); what remains: on ANOTHER instance, a signed-out or
 *   removed member's browser may still read a story's status for at most ACTOR_CACHE_MS.
 */

/** The lookup itself is shared: many polls of one session arriving together cause one lookup (no stampede). */
type Entry = { actor: Promise<Actor | null>; until: number };

const MAX_ENTRIES = 10_000;

declare global {
  var __storyboardActorCache: Map<string, Entry> | undefined;
}

function cache(): Map<string, Entry> {
  return (globalThis.__storyboardActorCache ??= new Map());
}

/** Forgets every remembered actor of this process (sign-out, role change, membership change, workspace switch). */
export function forgetActors(): void {
  cache().clear();
}

/** Runs a read-only `fn` with the request's actor, from the cache when it is fresh; see above. */
export async function withCachedActor<T>(fn: (actor: Actor | null) => Promise<T>): Promise<T> {
  const ttl = actorCacheMs();
  const key = ttl > 0 ? getSessionCookie(await headers(), { cookiePrefix: authCookiePrefix() }) : null;
  if (!key) return fn(await getActor());
  const entries = cache();
  const hit = entries.get(key);
  if (hit && hit.until > Date.now()) {
    const remembered = await hit.actor;
    if (remembered) {
      try {
        return await fn(remembered);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        // Refused with a remembered actor: ask again, never refuse on stale data.
        if (entries.get(key) === hit) entries.delete(key);
      }
    }
  }
  const lookup = getActor();
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const entry: Entry = { actor: lookup, until: Date.now() + ttl };
  entries.set(key, entry);
  const forget = () => {
    if (entries.get(key) === entry) entries.delete(key);
  };
  let actor: Actor | null;
  try {
    actor = await lookup;
  } catch (e) {
    forget();
    throw e;
  }
  // Signed out (not remembered), or a session ending sooner than the cache would.
  if (!actor) forget();
  else entry.until = Math.min(entry.until, actor.sessionExpiresAt ?? Infinity);
  return fn(actor);
}
