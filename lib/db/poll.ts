import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Storyboard } from "../validation/storyboard";
import { stories } from "./schema";
import { summaryColumns, type AttemptRow, type StorySummary } from "./queries";
import type { Db } from "./types";

/*
 * The status poll's statement (issue 11). A poll used to read the whole story row twice (the storyboard and
 * Vimmerse's last answer, parsed in JS), try the refresh lease even while it was held, then list the attempts.
 * This reads the summary columns, whether a refresh is due (by the database's clock, like claimRefresh) and the
 * attempts in one round trip. What the view derives from the storyboard (media counts) and from Vimmerse's last
 * answer (scene videos) is memoised by the caller per (story, version) and (story, last answer time), and read
 * with getPollSources only when one of them changed. (Counting in SQL was slower on PGlite: it decompresses the
 * storyboard once per jsonb operator.)
 */

export type PollAttempt = Pick<AttemptRow, "id" | "step" | "state" | "creditsUsed" | "createdAt"> & {
  /** The estimate the step was sent with (lib/stories/costs.ts), when recorded. */
  estimate?: number | null;
};

export type StoryPollRow = StorySummary & {
  workspaceId: string | null;
  lastStoryAt: Date | null;
  /** A storyboard is stored (what "can be reset to a ready state" starts from). */
  hasStoryboard: boolean;
  /** No lease held and no Retry-After pending: a refresh may be claimed (claimRefresh still decides). */
  refreshDue: boolean;
  /** Milliseconds until the lease or Retry-After ends, by the database's clock (null: neither is set). */
  refreshInMs: number | null;
  attempts: PollAttempt[];
};

/** The poll row: plain columns and the attempts, never the storyboard or Vimmerse's last answer. */
export async function getStoryPoll(db: Db, id: string): Promise<StoryPollRow | null> {
  const [row] = await db
    .select({
      ...summaryColumns,
      workspaceId: stories.workspaceId,
      lastStoryAt: stories.lastStoryAt,
      hasStoryboard: sql<boolean>`(${stories.storyboard} is not null)`,
      refreshDue: sql<boolean>`((${stories.refreshLeaseUntil} is null or ${stories.refreshLeaseUntil} < now())
        and (${stories.refreshNotBefore} is null or ${stories.refreshNotBefore} < now()))`,
      refreshInMs: sql<number | null>`(extract(epoch from (greatest(${stories.refreshLeaseUntil}, ${stories.refreshNotBefore}) - now())) * 1000)::float8`,
      attempts: sql<{ id: string; step: string; state: string; creditsUsed: number | null; estimate: number | null; createdAt: string }[]>`(
        select coalesce(json_agg(json_build_object('id', a.id, 'step', a.step, 'state', a.state,
          'creditsUsed', a.credits_used, 'estimate', a.request -> 'estimate' -> 'credits', 'createdAt', a.created_at) order by a.created_at desc, a.id desc), '[]'::json)
        from step_attempts a where a.story_id = "stories"."id")`,
    })
    .from(stories)
    .where(eq(stories.id, id))
    .limit(1);
  if (!row) return null;
  return { ...row, attempts: row.attempts.map((a) => ({ ...a, createdAt: new Date(a.createdAt) }) as PollAttempt) };
}

/** The storyboard and/or Vimmerse's per-scene video list, read only when the poll's memo does not have them. */
export async function getPollSources(
  db: Db,
  id: string,
  want: { storyboard: boolean; mediaViews: boolean },
): Promise<{ storyboard: Storyboard | null; mediaViews: unknown }> {
  const [row] = await db
    .select({
      storyboard: want.storyboard ? stories.storyboard : sql<null>`null`,
      mediaViews: want.mediaViews ? sql<unknown>`${stories.lastStory}->'mediaViews'` : sql<null>`null`,
    })
    .from(stories)
    .where(eq(stories.id, id))
    .limit(1);
  return { storyboard: (row?.storyboard as Storyboard | null) ?? null, mediaViews: row?.mediaViews ?? null };
}
