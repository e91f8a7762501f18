import "server-only";
import { eq, getTableColumns, sql } from "drizzle-orm";
import { stepAttempts, stories } from "./schema";
import type { Db } from "./types";
import type { AttemptRow, StoryRow } from "./queries";
import { spendQuery, toObservedSpend } from "./costs";
import type { ObservedSpend } from "@/lib/stories/costs";

/**
 * What a paid step checks before it claims the story, in ONE statement (issue 11: the paid path made ~8 sequential
 * statements around the upstream POST): the story row, whether this intention (idempotency key) was sent already,
 * the story's newest attempt with an unknown outcome (the grace period), and the workspace's observed spend (the
 * estimate recorded with the attempt). Each part is the same query as its stand-alone version (getAttemptByKey,
 * latestUnknownAttempt, observedSpend).
 */
export type StepContext = {
  row: StepStory;
  keyUsed: boolean;
  lastUnknown: Pick<AttemptRow, "createdAt" | "finishedAt"> | null;
  spend: ObservedSpend;
};

/** The story row without Vimmerse's last answer (the largest column; a step does not read it). */
export type StepStory = Omit<StoryRow, "lastStory">;
const stepStoryColumns = (() => {
  const columns: Partial<ReturnType<typeof getTableColumns<typeof stories>>> = { ...getTableColumns(stories) };
  delete columns.lastStory;
  return columns as Omit<ReturnType<typeof getTableColumns<typeof stories>>, "lastStory">;
})();

export async function getStepContext(
  db: Db,
  storyId: string,
  idempotencyKey: string,
  workspaceId: string | null,
): Promise<StepContext | null> {
  // Columns inside the subqueries are written out: drizzle renders a column of the selected table unqualified, and
  // "id" inside a subquery on step_attempts would be the attempt's.
  const [r] = await db
    .select({
      ...stepStoryColumns,
      keyUsed: sql<boolean>`exists (select 1 from ${stepAttempts} k where k.idempotency_key = ${idempotencyKey})`,
      lastUnknown: sql<{ createdAt: string; finishedAt: string | null } | null>`(
        select json_build_object('createdAt', a.created_at, 'finishedAt', a.finished_at) from ${stepAttempts} a
        where a.story_id = "stories"."id" and a.state = 'unknown' order by a.finished_at desc limit 1)`,
      spend: sql<{ step: string; estimated: number; actual: number; attempts: number }[]>`(
        select coalesce(json_agg(json_build_object('step', s.step, 'estimated', s.estimated, 'actual', s.actual,
          'attempts', s.attempts)), '[]'::json) from (${spendQuery(db, workspaceId)}) s)`,
    })
    .from(stories)
    .where(eq(stories.id, storyId))
    .limit(1);
  if (!r) return null;
  const { keyUsed, lastUnknown, spend: spent, ...row } = r;
  return {
    row,
    keyUsed: Boolean(keyUsed),
    lastUnknown: lastUnknown
      ? { createdAt: new Date(lastUnknown.createdAt), finishedAt: lastUnknown.finishedAt ? new Date(lastUnknown.finishedAt) : null }
      : null,
    spend: toObservedSpend(spent ?? []),
  };
}
