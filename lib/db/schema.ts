import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import type { Storyboard } from "../validation/storyboard";
import { STAGES, STATUSES } from "../stories/stages";
import { organization, user } from "./auth-schema";

// Accounts and workspaces (Better Auth's tables).
export * from "./auth-schema";

/*
 * Database schema (drizzle pg-core). Works on PGlite (default, embedded) and on PostgreSQL (DATABASE_URL).
 * After changing this file: `npm run db:generate -- --name <what>` and commit lib/db/migrations.
 * The value lists below are enforced by TypeScript only (no CHECK constraints), so adding a value needs no migration.
 */

/** How a story is produced: step by step (advanced) or by one of the automatic endpoints. */
export const STORY_MODES = ["advanced", "idea-2-video", "images-2-video"] as const;
export type StoryMode = (typeof STORY_MODES)[number];

// Stages and statuses are declared once, in the domain model (lib/stories/stages.ts).

/** Why a storyboard version exists. */
export const VERSION_SOURCES = ["generated", "edit", "upstream", "restore"] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

/** A paid upstream call. */
export const ATTEMPT_STEPS = ["storyboard", "elements", "scenes", "videos", "concat", "idea-2-video", "images-2-video"] as const;
export type AttemptStep = (typeof ATTEMPT_STEPS)[number];

/**
 * sending: recorded before the request goes out; succeeded / failed: the answer is known;
 * unknown: the request may or may not have reached Vimmerse (timeout, connection reset) - do not blindly retry.
 */
export const ATTEMPT_STATES = ["sending", "succeeded", "failed", "unknown"] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/** `stories.error`: what went wrong with the current stage, shown to the user. */
export type StoryError = {
  kind?: string;
  message: string;
  retryAt?: string;
  failedScenes?: { index: number; reason: string }[];
};
/** `step_attempts.error`: why a paid call failed or has an unknown outcome. */
export type AttemptError = { kind: string; message?: string };

/** 32 random bytes as 64 hex characters (Web Crypto: no node: import, so this file stays importable anywhere). */
export function randomHex32(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const stories = pgTable(
  "stories",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    vimmerseId: text("vimmerse_id").unique(),
    mode: text("mode", { enum: STORY_MODES }).notNull(),
    title: text("title").notNull().default(""),
    idea: text("idea").notNull().default(""),
    settings: jsonb("settings")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    stage: text("stage", { enum: STAGES }).notNull().default("storyboard"),
    status: text("status", { enum: STATUSES }).notNull().default("submitting"),
    upstreamStatus: text("upstream_status").notNull().default(""),
    progress: integer("progress").notNull().default(0),
    error: jsonb("error").$type<StoryError>(),
    /** The last Vimmerse story object seen (GET /story/{id} or a POST answer). */
    lastStory: jsonb("last_story").$type<Record<string, unknown>>(),
    lastStoryAt: timestamp("last_story_at", { withTimezone: true }),
    storyboard: jsonb("storyboard").$type<Storyboard>(),
    /** Storyboard version; 0 = no storyboard yet. Only saveStoryboard() changes it. */
    version: integer("version").notNull().default(0),
    thumbnailUrl: text("thumbnail_url"),
    sceneCount: integer("scene_count").notNull().default(0),
    videoUrl: text("video_url"),
    usedCredits: integer("used_credits").notNull().default(0),
    webhookSecret: text("webhook_secret").notNull().$defaultFn(randomHex32),
    /** The workspace (Better Auth organization) the story belongs to. Null only before the first workspace exists. */
    workspaceId: text("workspace_id").references(() => organization.id, { onDelete: "cascade" }),
    /** The step attempt the current stage belongs to (webhook dedupe, per-step credits). */
    activeAttemptId: text("active_attempt_id"),
    refreshLeaseUntil: timestamp("refresh_lease_until", { withTimezone: true }),
    lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
    /** When the current stage was claimed (its maximum time counts from here; lib/stories/lifecycle.ts). */
    stageStartedAt: timestamp("stage_started_at", { withTimezone: true }),
    /** Consecutive failed refreshes from Vimmerse, since when, and the last reason (shown to the user). */
    refreshFailures: integer("refresh_failures").notNull().default(0),
    refreshFailingSince: timestamp("refresh_failing_since", { withTimezone: true }),
    refreshError: text("refresh_error"),
    /** Vimmerse's Retry-After: no refresh of this story before this time, forced or not. */
    refreshNotBefore: timestamp("refresh_not_before", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("stories_created_at_idx").on(t.createdAt),
    index("stories_workspace_idx").on(t.workspaceId, t.createdAt),
    // vimmerse_id is indexed by its unique constraint (stories_vimmerse_id_unique).
  ],
);

export const storyboardVersions = pgTable(
  "storyboard_versions",
  {
    id: serial("id").primaryKey(),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    storyboard: jsonb("storyboard").$type<Storyboard>().notNull(),
    source: text("source", { enum: VERSION_SOURCES }).notNull(),
    /** Who saved this version (null: Vimmerse, a webhook, or before 0005). */
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [unique("storyboard_versions_story_version_unique").on(t.storyId, t.version)],
);

export const stepAttempts = pgTable(
  "step_attempts",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    /** Null once the story was deleted: the spend record stays (with the title and Vimmerse id it had). */
    storyId: text("story_id").references(() => stories.id, { onDelete: "set null" }),
    storyTitle: text("story_title"),
    vimmerseId: text("vimmerse_id"),
    step: text("step", { enum: ATTEMPT_STEPS }).notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    state: text("state", { enum: ATTEMPT_STATES }).notNull(),
    /** A summary of what was sent (never the API key). */
    request: jsonb("request").$type<Record<string, unknown>>(),
    responseStatus: integer("response_status"),
    error: jsonb("error").$type<AttemptError>(),
    /** The story's used_credits when the step was sent, and what the step added once it finished. */
    creditsBefore: integer("credits_before"),
    creditsUsed: integer("credits_used"),
    /** Who started this paid call, and the workspace it was paid for (kept when the story is deleted). */
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    workspaceId: text("workspace_id").references(() => organization.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("step_attempts_story_step_idx").on(t.storyId, t.step),
    index("step_attempts_workspace_idx").on(t.workspaceId),
  ],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: serial("id").primaryKey(),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    dedupeKey: text("dedupe_key").notNull().unique(),
    status: text("status").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_story_idx").on(t.storyId)],
);

// ---------------------------------------------------------------------------------------------------------------
// Review (issue 8): per-item review state, comments, guest review links, workspace settings, activity.

/** A review decision on one item (a scene by its id, or CAST_ITEM_ID for elements, music and title scene). */
export const REVIEW_DECISIONS = ["approved", "changes_requested"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The item's current review: who decided what, on which content (hashes from lib/review/content.ts). */
export const reviewStates = pgTable(
  "review_states",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    decision: text("decision", { enum: REVIEW_DECISIONS }).notNull(),
    /** The reviewed content: one hash per part ({ text, image }). */
    content: jsonb("content").$type<Record<string, string>>().notNull(),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    /** A guest's name (review link) when userId is null. */
    guestName: text("guest_name"),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "review_states_pk", columns: [t.storyId, t.itemId] })],
);

export const storyComments = pgTable(
  "story_comments",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    /** The scene (or CAST_ITEM_ID) the thread belongs to; null = the whole story. */
    itemId: text("item_id"),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    guestName: text("guest_name"),
    body: text("body").notNull(),
    /** User ids mentioned with @name. */
    mentions: jsonb("mentions").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by"),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("story_comments_story_idx").on(t.storyId, t.createdAt)],
);

/** A link for a guest without an account: one story's review board. Only the token's SHA-256 is stored. */
export const reviewLinks = pgTable(
  "review_links",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("review_links_story_idx").on(t.storyId)],
);

/** Workspace settings of ours (Better Auth's organization row stays theirs). No row = the defaults. */
export const workspaceSettings = pgTable("workspace_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  /** "Require approval before video": the video step is refused until every scene is approved. */
  requireApproval: boolean("require_approval").notNull().default(true),
});

/** Review events of a story for its activity timeline (edits and paid steps come from their own tables). */
export const ACTIVITY_KINDS = ["review", "comment", "override", "link"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const storyActivity = pgTable(
  "story_activity",
  {
    id: serial("id").primaryKey(),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ACTIVITY_KINDS }).notNull(),
    itemId: text("item_id"),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    guestName: text("guest_name"),
    /** What happened, e.g. { decision }, { action: "resolved" }, { step, unapproved: [...] }. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index("story_activity_story_idx").on(t.storyId, t.createdAt)],
);
