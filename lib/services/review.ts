import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { getStory, type StoryRow } from "@/lib/db/queries";
import {
  countOpenComments,
  deleteComment as deleteCommentRow,
  findLiveLink,
  getComment,
  insertComment,
  insertReviewLink,
  listActivity,
  listComments,
  listReviewLinks,
  listReviewStates,
  recordActivity,
  requiresApproval,
  revokeReviewLink as revokeLinkRow,
  setRequiresApproval,
  setReviewState,
  storyboardsOf,
  updateComment,
  type Author,
} from "@/lib/db/review";
import { listMembers } from "@/lib/db/teams";
import { randomHex32 } from "@/lib/db/schema";
import { publishStoryEvent } from "@/lib/live/bus";
import {
  boardScenes,
  CAST_ITEM_ID,
  itemReview,
  mentionedMembers,
  reviewContent,
  reviewItemIds,
  reviewSummary,
  unapprovedScenes,
  type Decision,
  type ItemReview,
  type UnapprovedScene,
} from "@/lib/review/content";
import { DomainError } from "@/lib/stories/errors";
import type { Storyboard } from "@/lib/validation/storyboard";
import { isId } from "@/lib/validation/ids";
import type { RunStepInput } from "@/lib/validation/steps";
import { authorize, sameWorkspace } from "./access";

/**
 * Review before rendering (issue 8), as an actor (or a guest with a review link) sees it. Members act through
 * `authorize` + `sameWorkspace` like every service; a guest's token is hashed and finds exactly one story, and every
 * guest call names an item of THAT story only. Each write records an activity entry and tells open pages.
 */

export const LINK_GONE = "This link no longer works. Ask whoever sent it for a new one.";
const ITEM_NOT_FOUND = "This scene is no longer in the storyboard.";
const COMMENT_NOT_FOUND = "This comment no longer exists.";

async function storyOf(actor: Actor, id: string): Promise<StoryRow> {
  return sameWorkspace(actor, isId(id) ? await getStory(await getDb(), id) : null);
}

const memberAuthor = (actor: Actor): Author => ({ userId: actor.user.id, guestName: null });

// ---------------------------------------------------------------------------------------------------------------
// Reading

async function reviewsOf(storyId: string, board: Storyboard | null): Promise<Map<string, ItemReview>> {
  const stored = new Map((await listReviewStates(await getDb(), [storyId])).map((r) => [r.itemId, r]));
  return new Map(
    reviewItemIds(board).map((id) => {
      const s = stored.get(id);
      return [id, itemReview(board, id, s && { ...s, at: s.at.toISOString() })];
    }),
  );
}

async function threadsOf(storyId: string, me: string | null) {
  const comments = await listComments(await getDb(), storyId);
  return comments.map((c) => ({
    id: c.id,
    itemId: c.itemId,
    author: c.author,
    isGuest: c.isGuest,
    mine: !!me && c.userId === me,
    body: c.body,
    resolved: !!c.resolvedAt,
    edited: !!c.editedAt,
    at: c.createdAt.toISOString(),
  }));
}

/** The gate for the video step of this story: required by the workspace, and which scenes still need approval. */
async function gateOf(row: Omit<StoryRow, "lastStory">, reviews: Map<string, ItemReview>) {
  const required = await requiresApproval(await getDb(), row.workspaceId);
  const unapproved: UnapprovedScene[] = unapprovedScenes(row.storyboard as Storyboard | null, reviews);
  return { required, unapproved, open: !required || unapproved.length === 0 };
}

export type ReviewView = Awaited<ReturnType<typeof getReview>>;

/** Everything the board shows about the review: item states, the summary, comments, the gate, mention candidates. */
export async function getReview(actor: Actor | null, storyId: string) {
  const a = authorize(actor, "story.read");
  const row = await storyOf(a, storyId);
  const board = row.storyboard as Storyboard | null;
  const reviews = await reviewsOf(row.id, board);
  const members = await listMembers(await getDb(), a.workspace.id);
  return {
    scenes: boardScenes(board),
    items: Object.fromEntries(reviews),
    summary: reviewSummary([...reviews.values()]),
    comments: await threadsOf(row.id, a.user.id),
    gate: await gateOf(row, reviews),
    members: members.map((m) => ({ id: m.userId, name: m.name })),
    links: can(a, "story.edit") ? await linksOf(row.id) : [],
    can: {
      comment: can(a, "review.comment"),
      approve: can(a, "review.approve"),
      share: can(a, "story.edit"),
      override: can(a, "members.manage"),
    },
  };
}

async function linksOf(storyId: string) {
  const now = Date.now();
  return (await listReviewLinks(await getDb(), storyId)).map((l) => ({
    id: l.id,
    createdBy: l.createdBy,
    expiresAt: l.expiresAt.toISOString(),
    live: !l.revokedAt && l.expiresAt.getTime() > now,
    revoked: !!l.revokedAt,
  }));
}

/** The dashboard's review summary and open-comment count of each story. */
export async function reviewSummaries(actor: Actor | null, storyIds: string[]) {
  const a = authorize(actor, "story.read");
  const db = await getDb();
  const rows = (await storyboardsOf(db, storyIds.filter(isId))).filter((r) => r.workspaceId === a.workspace.id);
  const mine = new Set(rows.map((r) => r.id));
  const states = await listReviewStates(db, [...mine]);
  const open = await countOpenComments(db, [...mine]);
  const out: Record<string, { summary: ReturnType<typeof reviewSummary>; openComments: number }> = {};
  for (const r of rows) {
    const board = r.storyboard as Storyboard | null;
    const stored = new Map(states.filter((s) => s.storyId === r.id).map((s) => [s.itemId, s]));
    const reviews = reviewItemIds(board).map((id) => {
      const s = stored.get(id);
      return itemReview(board, id, s && { ...s, at: s.at.toISOString() });
    });
    out[r.id] = {
      summary: reviewSummary(reviews),
      openComments: open.filter((o) => o.storyId === r.id).reduce((n, o) => n + o.open, 0),
    };
  }
  return out;
}

/** The story's timeline: edits, paid steps, approvals, comments, overrides. */
export async function getActivity(actor: Actor | null, storyId: string) {
  const a = authorize(actor, "story.read");
  const row = await storyOf(a, storyId);
  return (await listActivity(await getDb(), row.id)).map((e) => ({ ...e, at: e.at.toISOString() }));
}

// ---------------------------------------------------------------------------------------------------------------
// Writing (shared by members and guests)

function requireItem(row: StoryRow, itemId: string) {
  if (!reviewContent(row.storyboard as Storyboard | null, itemId)) throw new DomainError("not_found", ITEM_NOT_FOUND);
}

async function decide(row: StoryRow, author: Author, itemId: string, decision: Decision) {
  requireItem(row, itemId);
  const db = await getDb();
  const content = reviewContent(row.storyboard as Storyboard, itemId)!;
  await setReviewState(db, { storyId: row.id, itemId, decision, content, ...author });
  await recordActivity(db, { storyId: row.id, kind: "review", itemId, detail: { decision }, ...author });
  await publishStoryEvent({ storyId: row.id, type: "review", itemId, by: author.userId ?? undefined });
}

async function comment(row: StoryRow, author: Author, itemId: string | null, body: string) {
  if (itemId !== null) requireItem(row, itemId);
  const db = await getDb();
  const members = row.workspaceId ? await listMembers(db, row.workspaceId) : [];
  const mentions = mentionedMembers(body, members).map((m) => m.userId);
  const id = await insertComment(db, { storyId: row.id, itemId, body, mentions, ...author });
  await recordActivity(db, { storyId: row.id, kind: "comment", itemId, detail: { action: "added", mentions: mentions.length }, ...author });
  await publishStoryEvent({ storyId: row.id, type: "comment", itemId: itemId ?? undefined, by: author.userId ?? undefined });
  return { commentId: id };
}

export async function reviewItem(actor: Actor | null, input: { storyId: string; itemId: string; decision: Decision }) {
  const a = authorize(actor, "review.approve");
  const row = await storyOf(a, input.storyId);
  await decide(row, memberAuthor(a), input.itemId, input.decision);
}

export async function addComment(actor: Actor | null, input: { storyId: string; itemId: string | null; body: string }) {
  const a = authorize(actor, "review.comment");
  const row = await storyOf(a, input.storyId);
  return comment(row, memberAuthor(a), input.itemId, input.body);
}

/** A comment of the actor's workspace; `own` = only its author may (edit, delete). */
async function commentOf(a: Actor, commentId: string, own: boolean) {
  const db = await getDb();
  const c = isId(commentId) ? await getComment(db, commentId) : null;
  if (!c) throw new DomainError("not_found", COMMENT_NOT_FOUND);
  const row = await getStory(db, c.storyId);
  if (!row || row.workspaceId !== a.workspace.id) throw new DomainError("not_found", COMMENT_NOT_FOUND);
  if (own && c.userId !== a.user.id) throw new DomainError("forbidden", "You can only change your own comments.");
  return { c, row };
}

export async function editComment(actor: Actor | null, input: { commentId: string; body: string }) {
  const a = authorize(actor, "review.comment");
  const { c, row } = await commentOf(a, input.commentId, true);
  const db = await getDb();
  const members = await listMembers(db, a.workspace.id);
  await updateComment(db, c.id, { body: input.body, mentions: mentionedMembers(input.body, members).map((m) => m.userId), editedAt: new Date() });
  await publishStoryEvent({ storyId: row.id, type: "comment", itemId: c.itemId ?? undefined, by: a.user.id });
}

export async function deleteComment(actor: Actor | null, input: { commentId: string }) {
  const a = authorize(actor, "review.comment");
  const { c, row } = await commentOf(a, input.commentId, true);
  const db = await getDb();
  await deleteCommentRow(db, c.id);
  await recordActivity(db, { storyId: row.id, kind: "comment", itemId: c.itemId, detail: { action: "deleted" }, ...memberAuthor(a) });
  await publishStoryEvent({ storyId: row.id, type: "comment", itemId: c.itemId ?? undefined, by: a.user.id });
}

export async function resolveComment(actor: Actor | null, input: { commentId: string; resolved: boolean }) {
  const a = authorize(actor, "review.comment");
  const { c, row } = await commentOf(a, input.commentId, false);
  const db = await getDb();
  await updateComment(db, c.id, input.resolved ? { resolvedAt: new Date(), resolvedBy: a.user.id } : { resolvedAt: null, resolvedBy: null });
  await recordActivity(db, { storyId: row.id, kind: "comment", itemId: c.itemId, detail: { action: input.resolved ? "resolved" : "reopened" }, ...memberAuthor(a) });
  await publishStoryEvent({ storyId: row.id, type: "comment", itemId: c.itemId ?? undefined, by: a.user.id });
}

/** Owners only: "Require approval before video" for the workspace. */
export async function setRequireApproval(actor: Actor | null, input: { on: boolean }) {
  const a = authorize(actor, "members.manage");
  await setRequiresApproval(await getDb(), a.workspace.id, input.on);
}

export async function getRequireApproval(actor: Actor | null) {
  const a = authorize(actor, "story.read");
  return requiresApproval(await getDb(), a.workspace.id);
}

// ---------------------------------------------------------------------------------------------------------------
// The render gate (called by lib/services/stories.ts runStep BEFORE anything is sent)

/** Steps that make or re-compose the video from the scenes. */
const GATED_STEPS = new Set<RunStepInput["step"]>(["videos", "concat"]);

/**
 * Refuses the video step while the workspace requires approval and a scene is not (or no longer) approved. An owner
 * may pass `overrideGate` on purpose: the override is recorded (who, when, which scenes were unapproved) first.
 */
export async function assertRenderGate(actor: Actor, input: RunStepInput, story?: Omit<StoryRow, "lastStory">): Promise<void> {
  if (!GATED_STEPS.has(input.step)) return;
  // The caller's row when it read (and workspace-checked) it a moment ago.
  const row = story && story.id === input.storyId ? sameWorkspace(actor, story) : await storyOf(actor, input.storyId);
  const gate = await gateOf(row, await reviewsOf(row.id, row.storyboard as Storyboard | null));
  if (gate.open) return;
  const override = "overrideGate" in input && input.overrideGate === true;
  if (!override) {
    const list = gate.unapproved.map((s) => `${s.number} (${s.reason})`).join(", ");
    // The list is in the review view (GET /api/stories/[id]/review); a refusal carries no data.
    throw new DomainError("validation", `Every scene needs an approval before the video is made. Not approved: scene ${list}.`, {
      kind: "approval_required",
    });
  }
  if (!can(actor, "members.manage")) throw new DomainError("forbidden", "Only an owner can make the video without every approval.");
  await recordActivity(await getDb(), {
    storyId: row.id,
    kind: "override",
    detail: { step: input.step, unapproved: gate.unapproved.map((s) => ({ id: s.id, number: s.number, name: s.name })) },
    ...memberAuthor(actor),
  });
  await publishStoryEvent({ storyId: row.id, type: "review", by: actor.user.id });
}

// ---------------------------------------------------------------------------------------------------------------
// Review links (guests without an account)

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const TOKEN_PATTERN = /^[a-f0-9]{64}$/;

export async function createReviewLink(actor: Actor | null, input: { storyId: string; days: number }) {
  const a = authorize(actor, "story.edit");
  const row = await storyOf(a, input.storyId);
  const token = randomHex32();
  const expiresAt = new Date(Date.now() + input.days * 86_400_000);
  const db = await getDb();
  await insertReviewLink(db, { storyId: row.id, tokenHash: hashToken(token), createdBy: a.user.id, expiresAt });
  await recordActivity(db, { storyId: row.id, kind: "link", detail: { action: "created", expiresAt: expiresAt.toISOString() }, ...memberAuthor(a) });
  // The token is shown once; only its hash is stored.
  return { path: `/review/${token}`, expiresAt: expiresAt.toISOString() };
}

export async function revokeReviewLink(actor: Actor | null, input: { storyId: string; linkId: string }) {
  const a = authorize(actor, "story.edit");
  const row = await storyOf(a, input.storyId);
  const db = await getDb();
  if (!isId(input.linkId) || !(await revokeLinkRow(db, row.id, input.linkId))) {
    throw new DomainError("not_found", "This link does not exist or was already revoked.");
  }
  await recordActivity(db, { storyId: row.id, kind: "link", detail: { action: "revoked" }, ...memberAuthor(a) });
}

/** The one story a token opens; a wrong, revoked or expired token is "gone" (nothing else is said). */
async function storyOfToken(token: string): Promise<StoryRow> {
  const db = await getDb();
  const link = TOKEN_PATTERN.test(token) ? await findLiveLink(db, hashToken(token)) : null;
  const row = link ? await getStory(db, link.storyId) : null;
  if (!row || !row.storyboard) throw new DomainError("not_found", LINK_GONE, { kind: "link_gone" });
  return row;
}

/** What a guest sees: the board read-only (scene image, name, narration, descriptions), reviews and comments. */
export async function getGuestReview(token: string) {
  const row = await storyOfToken(token);
  const board = row.storyboard as Storyboard;
  const reviews = await reviewsOf(row.id, board);
  return {
    title: row.title,
    scenes: boardScenes(board),
    items: Object.fromEntries(reviews),
    summary: reviewSummary([...reviews.values()]),
    comments: (await threadsOf(row.id, null)).map((c) => ({ ...c, mine: false })),
  };
}

export async function guestReviewItem(input: { token: string; name: string; itemId: string; decision: Decision }) {
  const row = await storyOfToken(input.token);
  if (input.itemId === CAST_ITEM_ID) throw new DomainError("not_found", ITEM_NOT_FOUND);
  await decide(row, { userId: null, guestName: input.name }, input.itemId, input.decision);
}

export async function guestComment(input: { token: string; name: string; itemId: string | null; body: string }) {
  const row = await storyOfToken(input.token);
  if (input.itemId === CAST_ITEM_ID) throw new DomainError("not_found", ITEM_NOT_FOUND);
  return comment(row, { userId: null, guestName: input.name }, input.itemId, input.body);
}
