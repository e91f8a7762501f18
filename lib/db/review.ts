import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import {
  reviewLinks,
  reviewStates,
  stepAttempts,
  stories,
  storyActivity,
  storyboardVersions,
  storyComments,
  user,
  workspaceSettings,
  type ActivityKind,
  type ReviewDecision,
} from "./schema";
import type { Db } from "./types";

/*
 * Reads and writes of the review feature (issue 8): review states, comments, review links, the workspace's
 * "require approval" setting and the story activity. The rules live in lib/review/content.ts and lib/services/review.ts.
 */

/** Who did something: a member (their name) or a guest of a review link. */
export type Author = { userId: string | null; guestName: string | null };

/** The member's name (joined `user`), else the guest's, else "Someone": every author column of this file. */
const nameOr = (guestName: AnyColumn | SQL) => sql<string>`coalesce(${user.name}, ${guestName}, 'Someone')`;
const authorName = nameOr(reviewStates.guestName);

export async function listReviewStates(db: Db, storyIds: string[]) {
  if (storyIds.length === 0) return [];
  return db
    .select({
      storyId: reviewStates.storyId,
      itemId: reviewStates.itemId,
      decision: reviewStates.decision,
      content: reviewStates.content,
      by: authorName,
      isGuest: sql<boolean>`${reviewStates.userId} is null`,
      at: reviewStates.decidedAt,
    })
    .from(reviewStates)
    .leftJoin(user, eq(user.id, reviewStates.userId))
    .where(inArray(reviewStates.storyId, storyIds));
}

export async function setReviewState(
  db: Db,
  row: { storyId: string; itemId: string; decision: ReviewDecision; content: Record<string, string> } & Author,
): Promise<void> {
  const values = { ...row, decidedAt: new Date() };
  await db
    .insert(reviewStates)
    .values(values)
    .onConflictDoUpdate({
      target: [reviewStates.storyId, reviewStates.itemId],
      set: { decision: values.decision, content: values.content, userId: values.userId, guestName: values.guestName, decidedAt: values.decidedAt },
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Comments

export type CommentRow = {
  id: string;
  itemId: string | null;
  userId: string | null;
  author: string;
  isGuest: boolean;
  body: string;
  resolvedAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
};

export async function listComments(db: Db, storyId: string): Promise<CommentRow[]> {
  return db
    .select({
      id: storyComments.id,
      itemId: storyComments.itemId,
      userId: storyComments.userId,
      author: nameOr(storyComments.guestName),
      isGuest: sql<boolean>`${storyComments.userId} is null`,
      body: storyComments.body,
      resolvedAt: storyComments.resolvedAt,
      editedAt: storyComments.editedAt,
      createdAt: storyComments.createdAt,
    })
    .from(storyComments)
    .leftJoin(user, eq(user.id, storyComments.userId))
    .where(eq(storyComments.storyId, storyId))
    .orderBy(asc(storyComments.createdAt), asc(storyComments.id));
}

/** Open (unresolved) comments per story and item: the badges. */
export async function countOpenComments(db: Db, storyIds: string[]) {
  if (storyIds.length === 0) return [];
  return db
    .select({ storyId: storyComments.storyId, itemId: storyComments.itemId, open: sql<number>`count(*)::int` })
    .from(storyComments)
    .where(and(inArray(storyComments.storyId, storyIds), isNull(storyComments.resolvedAt)))
    .groupBy(storyComments.storyId, storyComments.itemId);
}

export async function getComment(db: Db, id: string) {
  const [row] = await db.select().from(storyComments).where(eq(storyComments.id, id)).limit(1);
  return row ?? null;
}

export async function insertComment(
  db: Db,
  row: { storyId: string; itemId: string | null; body: string; mentions: string[] } & Author,
): Promise<string> {
  const [made] = await db.insert(storyComments).values(row).returning({ id: storyComments.id });
  return made.id;
}

export async function updateComment(
  db: Db,
  id: string,
  patch: Partial<{ body: string; mentions: string[]; editedAt: Date; resolvedAt: Date | null; resolvedBy: string | null }>,
): Promise<void> {
  await db.update(storyComments).set(patch).where(eq(storyComments.id, id));
}

export async function deleteComment(db: Db, id: string): Promise<void> {
  await db.delete(storyComments).where(eq(storyComments.id, id));
}

// ---------------------------------------------------------------------------------------------------------------
// Review links

export async function insertReviewLink(
  db: Db,
  row: { storyId: string; tokenHash: string; createdBy: string; expiresAt: Date },
): Promise<string> {
  const [made] = await db.insert(reviewLinks).values(row).returning({ id: reviewLinks.id });
  return made.id;
}

/** A link that works now: not revoked, not expired. */
export async function findLiveLink(db: Db, tokenHash: string) {
  const [row] = await db
    .select()
    .from(reviewLinks)
    .where(and(eq(reviewLinks.tokenHash, tokenHash), isNull(reviewLinks.revokedAt), gt(reviewLinks.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

export async function listReviewLinks(db: Db, storyId: string) {
  return db
    .select({
      id: reviewLinks.id,
      expiresAt: reviewLinks.expiresAt,
      revokedAt: reviewLinks.revokedAt,
      createdAt: reviewLinks.createdAt,
      createdBy: sql<string>`coalesce(${user.name}, 'Someone')`,
    })
    .from(reviewLinks)
    .leftJoin(user, eq(user.id, reviewLinks.createdBy))
    .where(eq(reviewLinks.storyId, storyId))
    .orderBy(desc(reviewLinks.createdAt));
}

export async function revokeReviewLink(db: Db, storyId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(reviewLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(reviewLinks.id, id), eq(reviewLinks.storyId, storyId), isNull(reviewLinks.revokedAt)))
    .returning({ id: reviewLinks.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Workspace settings

/** "Require approval before video": on unless an owner turned it off. */
export async function requiresApproval(db: Db, workspaceId: string | null): Promise<boolean> {
  if (!workspaceId) return true;
  const [row] = await db.select().from(workspaceSettings).where(eq(workspaceSettings.workspaceId, workspaceId)).limit(1);
  return row?.requireApproval ?? true;
}

export async function setRequiresApproval(db: Db, workspaceId: string, requireApproval: boolean): Promise<void> {
  await db
    .insert(workspaceSettings)
    .values({ workspaceId, requireApproval })
    .onConflictDoUpdate({ target: workspaceSettings.workspaceId, set: { requireApproval } });
}

// ---------------------------------------------------------------------------------------------------------------
// Activity

export async function recordActivity(
  db: Db,
  row: { storyId: string; kind: ActivityKind; itemId?: string | null; detail?: Record<string, unknown> } & Author,
): Promise<void> {
  await db.insert(storyActivity).values(row);
}

export type ActivityEntry = {
  kind: ActivityKind | "edit" | "step";
  at: Date;
  who: string;
  itemId: string | null;
  detail: Record<string, unknown>;
};

/** One timeline, newest first: review events, storyboard versions (with author) and paid steps (with credits). */
export async function listActivity(db: Db, storyId: string, limit = 200): Promise<ActivityEntry[]> {
  const [events, versions, attempts] = await Promise.all([
    db
      .select({
        kind: storyActivity.kind,
        at: storyActivity.createdAt,
        who: nameOr(storyActivity.guestName),
        itemId: storyActivity.itemId,
        detail: storyActivity.detail,
      })
      .from(storyActivity)
      .leftJoin(user, eq(user.id, storyActivity.userId))
      .where(eq(storyActivity.storyId, storyId))
      .orderBy(desc(storyActivity.createdAt))
      .limit(limit),
    db
      .select({
        at: storyboardVersions.createdAt,
        who: nameOr(sql`case when ${storyboardVersions.source} in ('generated', 'upstream') then 'Vimmerse' end`),
        version: storyboardVersions.version,
        source: storyboardVersions.source,
      })
      .from(storyboardVersions)
      .leftJoin(user, eq(user.id, storyboardVersions.authorId))
      .where(eq(storyboardVersions.storyId, storyId))
      .orderBy(desc(storyboardVersions.version))
      .limit(limit),
    db
      .select({
        at: stepAttempts.createdAt,
        who: nameOr(sql`null`),
        step: stepAttempts.step,
        state: stepAttempts.state,
        creditsUsed: stepAttempts.creditsUsed,
      })
      .from(stepAttempts)
      .leftJoin(user, eq(user.id, stepAttempts.userId))
      .where(eq(stepAttempts.storyId, storyId))
      .orderBy(desc(stepAttempts.createdAt))
      .limit(limit),
  ]);
  const all: ActivityEntry[] = [
    ...events.map((e) => ({ ...e, detail: e.detail ?? {} })),
    ...versions.map((v) => ({ kind: "edit" as const, at: v.at, who: v.who, itemId: null, detail: { version: v.version, source: v.source } })),
    ...attempts.map((a) => ({ kind: "step" as const, at: a.at, who: a.who, itemId: null, detail: { step: a.step, state: a.state, credits: a.creditsUsed } })),
  ];
  return all.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

/** The storyboards of some stories (the dashboard's review summaries). */
export async function storyboardsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: stories.id, storyboard: stories.storyboard, workspaceId: stories.workspaceId }).from(stories).where(inArray(stories.id, ids));
}
