import * as z from "zod/mini";
import { idField } from "./ids";
import { ITEM_ID_PATTERN, NUL_MESSAGE } from "./storyboard";
import { trimmed } from "./fields";
import { REVIEW_LINK_DAYS } from "./review-options";

export { REVIEW_LINK_DAYS } from "./review-options";

/** The review feature's inputs (issue 8): one schema per concept, shared by its form and its server action. */

const itemId = z.string().check(z.regex(ITEM_ID_PATTERN, "Unknown scene"));
const noNul = (v: string) => !v.includes("\u0000");

export const commentBodyField = trimmed(
  z.minLength(1, "Write a comment first"),
  z.maxLength(4000, "Keep a comment under 4000 characters"),
  z.refine(noNul, NUL_MESSAGE),
);

export const guestNameField = trimmed(
  z.minLength(1, "Enter your name so the team knows who wrote"),
  z.maxLength(80, "Keep your name under 80 characters"),
  z.refine(noNul, NUL_MESSAGE),
);

export const decisionField = z.enum(["approved", "changes_requested"], { error: "Choose approve or request changes" });

export const reviewItemSchema = z.object({ storyId: idField, itemId, decision: decisionField });
/** itemId null: the whole story's thread. */
export const addCommentSchema = z.object({ storyId: idField, itemId: z.nullable(itemId), body: commentBodyField });
export type CommentForm = { body: string };
export const commentFormSchema = z.object({ body: commentBodyField });
export const editCommentSchema = z.object({ commentId: idField, body: commentBodyField });
export const commentIdSchema = z.object({ commentId: idField });
export const resolveCommentSchema = z.object({ commentId: idField, resolved: z.boolean() });
export const requireApprovalSchema = z.object({ on: z.boolean() });

export const createReviewLinkSchema = z.object({
  storyId: idField,
  days: z.coerce.number().check(z.refine((d) => (REVIEW_LINK_DAYS as readonly number[]).includes(d), "Choose 1, 7 or 30 days")),
});
export const revokeReviewLinkSchema = z.object({ storyId: idField, linkId: idField });

const token = z.string().check(z.regex(/^[a-f0-9]{64}$/, "This link no longer works."));
export const guestReviewSchema = z.object({ token, name: guestNameField, itemId, decision: decisionField });
export const guestCommentSchema = z.object({ token, name: guestNameField, itemId: z.nullable(itemId), body: commentBodyField });
