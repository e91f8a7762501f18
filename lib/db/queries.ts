import "server-only";
import { and, desc, eq, inArray, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { Storyboard } from "../validation/storyboard";
import { withIds } from "../stories/model";
import {
  stepAttempts,
  stories,
  storyboardVersions,
  webhookDeliveries,
  type AttemptError,
  type AttemptState,
  type AttemptStep,
  type StoryMode,
  type VersionSource,
} from "./schema";
import type { Stage, Status } from "../stories/stages";
import type { Db } from "./types";
import { currentAttribution } from "./attribution";
import { publishStoryEvent } from "../live/bus";
import { storyChanged } from "./changes";

/*
 * Every database read and write of the app. Plain async functions, `db` first (from getDb() or openDatabase()).
 * All of them work the same on PGlite and PostgreSQL, including under concurrent callers.
 */

export type StoryRow = typeof stories.$inferSelect;
export type NewStoryRow = typeof stories.$inferInsert;
export type StoryboardVersionRow = typeof storyboardVersions.$inferSelect;
export type AttemptRow = typeof stepAttempts.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/**
 * Columns updateStory() may change. `storyboard` and `version` change only through saveStoryboard()
 * (optimistic concurrency + snapshot); id, webhook secret and timestamps are managed here.
 */
export type StoryPatch = Partial<
  Omit<NewStoryRow, "id" | "webhookSecret" | "createdAt" | "updatedAt" | "storyboard" | "version">
>;

const now = sql`now()`;

// ---------------------------------------------------------------------------------------------------------------
// Stories

export type CreateStoryInput = {
  /** Optional caller-chosen id (e.g. a form's request id, so a double submit hits the primary key). Default: a UUID. */
  id?: string;
  mode: StoryMode;
  title?: string;
  idea?: string;
  settings?: Record<string, unknown>;
  /** Given: stored as version 1 with a 'generated' snapshot. */
  storyboard?: Storyboard | null;
  stage?: Stage;
  status?: Status;
  vimmerseId?: string | null;
  /** Default: the workspace of the current attribution (lib/db/attribution.ts). */
  workspaceId?: string | null;
};

/** Inserts a story (id and webhook secret generated). Throws on a duplicate id / vimmerse id. */
export async function createStory(db: Db, input: CreateStoryInput): Promise<StoryRow> {
  // Every stored item has its id, whoever stores it (withIds keeps existing ids).
  const board = input.storyboard ? withIds(input.storyboard) : null;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(stories)
      .values({
        ...(input.id ? { id: input.id } : {}),
        mode: input.mode,
        title: input.title ?? "",
        idea: input.idea ?? "",
        settings: input.settings ?? {},
        ...(input.stage ? { stage: input.stage } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.vimmerseId ? { vimmerseId: input.vimmerseId } : {}),
        workspaceId: input.workspaceId ?? currentAttribution()?.workspaceId ?? null,
        storyboard: board,
        version: board ? 1 : 0,
        sceneCount: board?.scenes?.length ?? 0,
      })
      .returning();
    if (board) {
      await tx.insert(storyboardVersions).values({ storyId: row.id, version: 1, storyboard: board, source: "generated" });
    }
    return row;
  });
  storyChanged(created.id);
  return created;
}

export async function getStory(db: Db, id: string): Promise<StoryRow | null> {
  const [row] = await db.select().from(stories).where(eq(stories.id, id)).limit(1);
  return row ?? null;
}

export async function getStoryByVimmerseId(db: Db, vimmerseId: string): Promise<StoryRow | null> {
  const [row] = await db.select().from(stories).where(eq(stories.vimmerseId, vimmerseId)).limit(1);
  return row ?? null;
}

export const summaryColumns = {
  id: stories.id,
  vimmerseId: stories.vimmerseId,
  mode: stories.mode,
  title: stories.title,
  idea: stories.idea,
  stage: stories.stage,
  status: stories.status,
  upstreamStatus: stories.upstreamStatus,
  progress: stories.progress,
  error: stories.error,
  version: stories.version,
  sceneCount: stories.sceneCount,
  thumbnailUrl: stories.thumbnailUrl,
  videoUrl: stories.videoUrl,
  usedCredits: stories.usedCredits,
  createdAt: stories.createdAt,
  updatedAt: stories.updatedAt,
  refreshFailures: stories.refreshFailures,
  refreshFailingSince: stories.refreshFailingSince,
  refreshError: stories.refreshError,
};

/** What the dashboard shows: no storyboard, settings, last story or secrets. */
export type StorySummary = Pick<StoryRow, keyof typeof summaryColumns>;

/** The title scene's title, read in SQL (for the dashboard: the storyboard itself is not loaded). */
const titleSceneTitleSql = sql<string | null>`(${stories.storyboard} -> 'title_scene' ->> 'title')`;
/** lib/stories/title.ts `storyTitle` in SQL: the given title, else the title scene's (tests/stories/title.test.ts). */
const storyTitleSql = sql<string>`coalesce(nullif(btrim(${stories.title}), ''), nullif(btrim(${titleSceneTitleSql}), ''), '')`;

export type DashboardStory = StorySummary & { titleSceneTitle: string | null };

/**
 * The dashboard's list: text search (title, title scene, idea; case-insensitive), status filter, sort by last update,
 * creation or title, at most `limit` rows (+1 to know whether there are more).
 */
export async function searchStories(
  db: Db,
  opts: { workspaceId: string; q?: string; statuses?: readonly Status[] | null; sort?: "updated" | "created" | "title"; limit: number },
): Promise<{ rows: DashboardStory[]; more: boolean }> {
  const limit = Math.max(1, Math.min(opts.limit, 1000));
  const q = opts.q?.trim();
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const order =
    opts.sort === "title"
      ? [sql`lower(${storyTitleSql}) = ''`, sql`lower(${storyTitleSql})`, desc(stories.updatedAt)]
      : opts.sort === "created"
        ? [desc(stories.createdAt), desc(stories.id)]
        : [desc(stories.updatedAt), desc(stories.id)];
  const rows = await db
    .select({ ...summaryColumns, titleSceneTitle: titleSceneTitleSql })
    .from(stories)
    .where(
      and(
        eq(stories.workspaceId, opts.workspaceId),
        opts.statuses?.length ? inArray(stories.status, [...opts.statuses]) : undefined,
        pattern
          ? or(
              sql`${stories.title} ilike ${pattern}`,
              sql`${titleSceneTitleSql} ilike ${pattern}`,
              sql`${stories.idea} ilike ${pattern}`,
            )
          : undefined,
      ),
    )
    .orderBy(...order)
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** Stories with a step being sent or generated (what a restarted server must pick up again). */
export async function listActiveStories(db: Db): Promise<StoryRow[]> {
  return db.select().from(stories).where(inArray(stories.status, ["submitting", "generating"]));
}

/** Updates the given columns and updated_at. Returns the new row, or null when the story does not exist. */
export async function updateStory(db: Db, id: string, patch: StoryPatch): Promise<StoryRow | null> {
  const [row] = await db
    .update(stories)
    .set({ ...patch, updatedAt: now })
    .where(eq(stories.id, id))
    .returning();
  storyChanged(id);
  return row ?? null;
}

/**
 * Updates only if the story still has `expectedStatus` (what the caller read). Two refreshes racing with answers of
 * different ages cannot undo each other: the later write of the older answer finds the status changed and is dropped.
 * `touch: false` leaves updated_at alone (a refresh that brought nothing a viewer sees: the poll's answer, and so
 * its ETag, stays the same).
 */
export async function updateStoryIfStatus(
  db: Db,
  id: string,
  expectedStatus: Status,
  patch: StoryPatch,
  opts: { touch?: boolean } = {},
): Promise<StoryRow | null> {
  const [row] = await db
    .update(stories)
    .set(opts.touch === false ? patch : { ...patch, updatedAt: now })
    .where(and(eq(stories.id, id), eq(stories.status, expectedStatus)))
    .returning();
  if (row) storyChanged(id);
  return row ?? null;
}

/**
 * Deletes the story unless a step is being sent or generated, in ONE conditional statement (a step claimed in another
 * tab at the same moment wins or loses cleanly). Its versions and webhook deliveries go with it; its paid attempts stay
 * (story_id set null) with the title and Vimmerse id copied onto them first.
 */
export async function deleteStoryIfIdle(db: Db, id: string): Promise<"deleted" | "active" | "not_found"> {
  await db
    .update(stepAttempts)
    .set({
      storyTitle: sql`(select ${stories.title} from ${stories} where ${stories.id} = ${id})`,
      vimmerseId: sql`coalesce(${stepAttempts.vimmerseId}, (select ${stories.vimmerseId} from ${stories} where ${stories.id} = ${id}))`,
    })
    .where(eq(stepAttempts.storyId, id));
  const rows = await db
    .delete(stories)
    .where(and(eq(stories.id, id), notInArray(stories.status, ["submitting", "generating"])))
    .returning({ id: stories.id });
  storyChanged(id);
  if (rows.length > 0) return "deleted";
  return (await getStory(db, id)) ? "active" : "not_found";
}

/** Deletes the story and (cascade) its versions and webhook deliveries; its attempts stay. True if it existed. */
export async function deleteStory(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(stories).where(eq(stories.id, id)).returning({ id: stories.id });
  storyChanged(id);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Storyboard versions (optimistic concurrency)

export type SaveStoryboardResult =
  | { ok: true; version: number; updatedAt: Date }
  | { ok: false; reason: "conflict"; current: { version: number; storyboard: Storyboard | null; updatedAt: Date } }
  | { ok: false; reason: "not_found" };

/**
 * Saves a storyboard if the story is still at `baseVersion` (0 = no storyboard yet): version + 1, snapshot in
 * storyboard_versions, scene_count from the storyboard, and optionally other columns (`patch`) in the same UPDATE.
 * Exactly one of several concurrent saves from the same base wins; the others get `conflict` with what is stored.
 */
export async function saveStoryboard(
  db: Db,
  args: { id: string; baseVersion: number; storyboard: Storyboard; source: VersionSource; patch?: StoryPatch },
): Promise<SaveStoryboardResult> {
  const { id, baseVersion, source } = args;
  const storyboard = withIds(args.storyboard);
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(stories)
      .set({
        ...args.patch,
        storyboard,
        version: sql`${stories.version} + 1`,
        sceneCount: storyboard.scenes?.length ?? 0,
        updatedAt: now,
      })
      .where(and(eq(stories.id, id), eq(stories.version, baseVersion)))
      .returning({ version: stories.version, updatedAt: stories.updatedAt });
    if (!row) return null;
    // Who saved it (edits and restores by a member; Vimmerse's versions have no author).
    const authorId = source === "edit" || source === "restore" ? (currentAttribution()?.userId ?? null) : null;
    await tx.insert(storyboardVersions).values({ storyId: id, version: row.version, storyboard, source, authorId });
    return row;
  });
  if (saved) {
    storyChanged(id);
    // Every stored version (edit, generated media, restore): open pages of the story take it in.
    await publishStoryEvent({ storyId: id, type: "saved", by: currentAttribution()?.userId ?? undefined });
    return { ok: true, version: saved.version, updatedAt: saved.updatedAt };
  }

  const [current] = await db
    .select({ version: stories.version, storyboard: stories.storyboard, updatedAt: stories.updatedAt })
    .from(stories)
    .where(eq(stories.id, id))
    .limit(1);
  if (!current) return { ok: false, reason: "not_found" };
  return { ok: false, reason: "conflict", current };
}

export type StoryboardVersionSummary = Pick<StoryboardVersionRow, "version" | "source" | "createdAt">;

/** Newest first. */
export async function listStoryboardVersions(db: Db, storyId: string): Promise<StoryboardVersionSummary[]> {
  return db
    .select({
      version: storyboardVersions.version,
      source: storyboardVersions.source,
      createdAt: storyboardVersions.createdAt,
    })
    .from(storyboardVersions)
    .where(eq(storyboardVersions.storyId, storyId))
    .orderBy(desc(storyboardVersions.version));
}

export async function getStoryboardVersion(
  db: Db,
  storyId: string,
  version: number,
): Promise<StoryboardVersionRow | null> {
  const [row] = await db
    .select()
    .from(storyboardVersions)
    .where(and(eq(storyboardVersions.storyId, storyId), eq(storyboardVersions.version, version)))
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Paid upstream calls

/**
 * Records the intention to make one paid call, before sending it. The first caller with a key gets
 * `created: true` and must send; every later (or concurrent) caller gets the same row with `created: false`
 * and must NOT send.
 */
export async function beginAttempt(
  db: Db,
  args: {
    /** Chosen by the caller when the story must point at it before it exists (claimStep's activeAttemptId). */
    id?: string;
    storyId: string | null;
    step: AttemptStep;
    idempotencyKey: string;
    request?: Record<string, unknown> | null;
    creditsBefore?: number | null;
    storyTitle?: string | null;
    vimmerseId?: string | null;
  },
): Promise<{ attempt: AttemptRow; created: boolean }> {
  const [inserted] = await db
    .insert(stepAttempts)
    .values({
      ...(args.id ? { id: args.id } : {}),
      storyId: args.storyId,
      step: args.step,
      idempotencyKey: args.idempotencyKey,
      state: "sending",
      request: args.request ?? null,
      creditsBefore: args.creditsBefore ?? null,
      storyTitle: args.storyTitle ?? null,
      vimmerseId: args.vimmerseId ?? null,
      userId: currentAttribution()?.userId ?? null,
      workspaceId: currentAttribution()?.workspaceId ?? null,
    })
    .onConflictDoNothing({ target: stepAttempts.idempotencyKey })
    .returning();
  if (inserted) {
    storyChanged(args.storyId);
    return { attempt: inserted, created: true };
  }
  const [existing] = await db
    .select()
    .from(stepAttempts)
    .where(eq(stepAttempts.idempotencyKey, args.idempotencyKey))
    .limit(1);
  // Only possible if the row was deleted (its story deleted) between the two statements.
  if (!existing) throw new Error(`beginAttempt: attempt ${args.idempotencyKey} vanished`);
  return { attempt: existing, created: false };
}

/** Records the outcome; finished_at is set for every state except 'sending'. Null when the id is unknown. */
export async function finishAttempt(
  db: Db,
  id: string,
  outcome: {
    state: AttemptState;
    responseStatus?: number | null;
    error?: AttemptError | null;
    creditsUsed?: number;
    vimmerseId?: string;
  },
): Promise<AttemptRow | null> {
  const [row] = await db
    .update(stepAttempts)
    .set({
      state: outcome.state,
      ...(outcome.vimmerseId ? { vimmerseId: outcome.vimmerseId } : {}),
      ...(outcome.creditsUsed !== undefined ? { creditsUsed: outcome.creditsUsed } : {}),
      ...(outcome.responseStatus !== undefined ? { responseStatus: outcome.responseStatus } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      finishedAt: outcome.state === "sending" ? null : now,
    })
    .where(eq(stepAttempts.id, id))
    .returning();
  if (row) storyChanged(row.storyId);
  return row ?? null;
}

export async function getAttemptByKey(db: Db, idempotencyKey: string): Promise<AttemptRow | null> {
  const [row] = await db.select().from(stepAttempts).where(eq(stepAttempts.idempotencyKey, idempotencyKey)).limit(1);
  return row ?? null;
}

/** Records what a finished step cost (used_credits after minus before). */
export async function setAttemptCredits(db: Db, id: string, creditsUsed: number): Promise<void> {
  const [row] = await db.update(stepAttempts).set({ creditsUsed }).where(eq(stepAttempts.id, id)).returning({ storyId: stepAttempts.storyId });
  if (row) storyChanged(row.storyId);
}

/**
 * Starts a step on a story unless one is already being sent or generated: exactly one of several concurrent
 * callers (double click, second tab, second app instance) gets the row back; the others get null.
 */
export async function claimStep(
  db: Db,
  id: string,
  step: Stage,
  patch: StoryPatch = {},
): Promise<StoryRow | null> {
  const [row] = await db
    .update(stories)
    .set({
      ...patch,
      stage: step,
      status: "submitting",
      progress: 0,
      error: null,
      stageStartedAt: now,
      refreshFailures: 0,
      refreshFailingSince: null,
      refreshError: null,
      updatedAt: now,
    })
    .where(and(eq(stories.id, id), inArray(stories.status, ["ready", "done", "failed"])))
    .returning();
  if (row) storyChanged(id);
  // Other open pages start following the step (their polling is off while the story is ready).
  if (row) await publishStoryEvent({ storyId: id, type: "status", by: currentAttribution()?.userId ?? undefined });
  return row ?? null;
}

/** Newest first. */
export async function listAttempts(db: Db, storyId: string): Promise<AttemptRow[]> {
  return db
    .select()
    .from(stepAttempts)
    .where(eq(stepAttempts.storyId, storyId))
    .orderBy(desc(stepAttempts.createdAt), desc(stepAttempts.id));
}

/** The newest attempt of the story whose outcome is unknown (for the grace period before a new paid step). */
export async function latestUnknownAttempt(db: Db, storyId: string): Promise<AttemptRow | null> {
  const [row] = await db
    .select()
    .from(stepAttempts)
    .where(and(eq(stepAttempts.storyId, storyId), eq(stepAttempts.state, "unknown")))
    .orderBy(desc(stepAttempts.finishedAt))
    .limit(1);
  return row ?? null;
}

/** The newest attempt of this step still 'sending' or 'unknown' (outcome not known: do not resend blindly). */
export async function findOpenAttempt(db: Db, storyId: string, step: AttemptStep): Promise<AttemptRow | null> {
  const [row] = await db
    .select()
    .from(stepAttempts)
    .where(
      and(
        eq(stepAttempts.storyId, storyId),
        eq(stepAttempts.step, step),
        inArray(stepAttempts.state, ["sending", "unknown"]),
      ),
    )
    .orderBy(desc(stepAttempts.createdAt))
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Refresh coordination and webhooks

/**
 * Takes the refresh lease of a story for `intervalMs`. True for exactly one caller per interval, across
 * concurrent callers and app instances; false when someone refreshed less than `intervalMs` ago (or no such story).
 */
export async function claimRefresh(
  db: Db,
  storyId: string,
  intervalMs: number,
  opts: { force?: boolean } = {},
): Promise<boolean> {
  const rows = await refreshLease(db, storyId, intervalMs, opts).returning({ id: stories.id });
  return rows.length > 0;
}

/** claimRefresh returning the story row as the lease left it (null: not claimed), for a refresh that needs it. */
export async function claimRefreshRow(
  db: Db,
  storyId: string,
  intervalMs: number,
  opts: { force?: boolean } = {},
): Promise<StoryRow | null> {
  const [row] = await refreshLease(db, storyId, intervalMs, opts).returning();
  return row ?? null;
}

function refreshLease(db: Db, storyId: string, intervalMs: number, opts: { force?: boolean }) {
  const ms = Math.max(0, Math.floor(intervalMs));
  return db
    .update(stories)
    .set({
      refreshLeaseUntil: sql`now() + (${ms}::double precision * interval '1 millisecond')`,
      lastRefreshedAt: now,
    })
    .where(
      and(
        eq(stories.id, storyId),
        // Vimmerse's Retry-After holds even for a forced refresh.
        or(isNull(stories.refreshNotBefore), lt(stories.refreshNotBefore, now)),
        opts.force ? undefined : or(isNull(stories.refreshLeaseUntil), lt(stories.refreshLeaseUntil, now)),
      ),
    );
}

/** One attempt by id. */
export async function getAttempt(db: Db, id: string): Promise<AttemptRow | null> {
  const [row] = await db.select().from(stepAttempts).where(eq(stepAttempts.id, id)).limit(1);
  return row ?? null;
}

/**
 * One more failed refresh: counts it (and since when), keeps the reason, pushes the next automatic refresh back
 * (`backoffMs`) and, for a 429, stores Vimmerse's Retry-After. Returns the updated row.
 */
export async function recordRefreshFailure(
  db: Db,
  id: string,
  args: { reason: string; backoffMs: number; retryAfterMs?: number },
): Promise<StoryRow | null> {
  const backoff = Math.max(0, Math.floor(args.backoffMs));
  const [row] = await db
    .update(stories)
    .set({
      refreshFailures: sql`${stories.refreshFailures} + 1`,
      refreshFailingSince: sql`coalesce(${stories.refreshFailingSince}, now())`,
      refreshError: args.reason,
      refreshLeaseUntil: sql`now() + (${backoff}::double precision * interval '1 millisecond')`,
      ...(args.retryAfterMs
        ? { refreshNotBefore: sql`now() + (${Math.floor(args.retryAfterMs)}::double precision * interval '1 millisecond')` }
        : {}),
    })
    .where(eq(stories.id, id))
    .returning();
  storyChanged(id);
  return row ?? null;
}

/** A refresh worked: forget the failures. */
export async function clearRefreshFailures(db: Db, id: string): Promise<StoryRow | null> {
  const [row] = await db
    .update(stories)
    .set({ refreshFailures: 0, refreshFailingSince: null, refreshError: null, refreshNotBefore: null })
    .where(eq(stories.id, id))
    .returning();
  storyChanged(id);
  return row ?? null;
}

/** Stories the sweep looks at: being sent or generated, or failed with an outcome we do not know yet. */
export async function listSweepCandidates(db: Db, unsettledKinds: readonly string[]): Promise<StoryRow[]> {
  return db
    .select()
    .from(stories)
    .where(
      or(
        inArray(stories.status, ["submitting", "generating"]),
        and(eq(stories.status, "failed"), inArray(sql<string>`${stories.error}->>'kind'`, [...unsettledKinds])),
      ),
    )
    // Least recently refreshed first: a sweep cut short (a serverless function's maxDuration while Vimmerse hangs)
    // resumes with the stories it did not reach, since a refresh stamps lastRefreshedAt before it asks.
    .orderBy(sql`${stories.lastRefreshedAt} asc nulls first`, stories.id);
}

/** True the first time a dedupe key is seen, false for a duplicate delivery. */
export async function recordWebhookDelivery(
  db: Db,
  args: { storyId: string; dedupeKey: string; status: string },
): Promise<boolean> {
  const rows = await db
    .insert(webhookDeliveries)
    .values({ storyId: args.storyId, dedupeKey: args.dedupeKey, status: args.status })
    .onConflictDoNothing({ target: webhookDeliveries.dedupeKey })
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}
