import "server-only";
import { eq, sql } from "drizzle-orm";
import type { MediaCounts, Stage } from "../stories/stages";
import { stories } from "./schema";
import { summaryColumns, type AttemptRow, type StorySummary } from "./queries";
import type { Db } from "./types";

/*
 * The status poll's one statement (issue 11). A poll used to read the whole story row twice (the storyboard and
 * Vimmerse's last answer, parsed in JS), write the refresh lease even while it was held, then list the attempts.
 * This reads the summary columns, the storyboard's media counts computed by the database, Vimmerse's per-scene video
 * list only in the video stages, whether a refresh is due (by the database's clock, like claimRefresh), and the
 * attempts: one round trip, a few hundred bytes.
 */

export type PollAttempt = Pick<AttemptRow, "id" | "step" | "state" | "creditsUsed" | "createdAt">;

export type StoryPollRow = StorySummary & {
  workspaceId: string | null;
  /** A storyboard is stored (what "can be reset to a ready state" starts from). */
  hasStoryboard: boolean;
  media: MediaCounts | null;
  /** Vimmerse's `mediaViews` of its last answer, only in the stages that render videos. */
  mediaViews: unknown[] | null;
  /** No lease held and no Retry-After pending: a refresh may be claimed (claimRefresh still decides). */
  refreshDue: boolean;
  attempts: PollAttempt[];
};

const VIDEO_STAGES: readonly Stage[] = ["videos", "auto", "concat"];

/** A list of the storyboard as jsonb, or [] when missing or not a list. */
const list = (key: string) =>
  sql.raw(`coalesce(case jsonb_typeof("stories".storyboard->'${key}') when 'array' then "stories".storyboard->'${key}' end, '[]'::jsonb)`);
/** How many items of a jsonb list have a non-empty `field` (JS truthiness of a string). */
const countWith = (items: ReturnType<typeof list> | ReturnType<typeof sql>, field: string) =>
  sql`(select count(*)::int from jsonb_array_elements(${items}) e where coalesce(e->>${sql.raw(`'${field}'`)}, '') <> '')`;

const elements = sql`${list("characters")} || ${list("environments")} || ${list("objects")}`;

export async function getStoryPoll(db: Db, id: string): Promise<StoryPollRow | null> {
  const [row] = await db
    .select({
      ...summaryColumns,
      workspaceId: stories.workspaceId,
      hasStoryboard: sql<boolean>`(${stories.storyboard} is not null)`,
      media: sql<MediaCounts | null>`case when ${stories.storyboard} is null then null else json_build_object(
        'elements', json_build_object('withImage', ${countWith(elements, "image_url")}, 'total', jsonb_array_length(${elements})),
        'scenes', json_build_object(
          'withImage', ${countWith(list("scenes"), "image_url")},
          'withNarration', ${countWith(list("scenes"), "narration_url")},
          'total', jsonb_array_length(${list("scenes")})),
        'music', coalesce(${stories.storyboard}->'music'->>'music_url', '') <> '') end`,
      mediaViews: sql<unknown[] | null>`case when ${stories.stage} in (${sql.join(
        VIDEO_STAGES.map((s) => sql`${s}`),
        sql`, `,
      )}) then ${stories.lastStory}->'mediaViews' end`,
      refreshDue: sql<boolean>`((${stories.refreshLeaseUntil} is null or ${stories.refreshLeaseUntil} < now())
        and (${stories.refreshNotBefore} is null or ${stories.refreshNotBefore} < now()))`,
      attempts: sql<{ id: string; step: string; state: string; creditsUsed: number | null; createdAt: string }[]>`(
        select coalesce(json_agg(json_build_object('id', a.id, 'step', a.step, 'state', a.state,
          'creditsUsed', a.credits_used, 'createdAt', a.created_at) order by a.created_at desc, a.id desc), '[]'::json)
        from step_attempts a where a.story_id = "stories"."id")`,
    })
    .from(stories)
    .where(eq(stories.id, id))
    .limit(1);
  if (!row) return null;
  return {
    ...row,
    mediaViews: Array.isArray(row.mediaViews) ? row.mediaViews : null,
    attempts: row.attempts.map((a) => ({ ...a, createdAt: new Date(a.createdAt) }) as PollAttempt),
  };
}
