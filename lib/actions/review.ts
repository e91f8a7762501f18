"use server";

import { action, publicAction } from "./action";
import {
  addCommentSchema,
  commentIdSchema,
  createReviewLinkSchema,
  editCommentSchema,
  guestCommentSchema,
  guestReviewSchema,
  requireApprovalSchema,
  resolveCommentSchema,
  reviewItemSchema,
  revokeReviewLinkSchema,
} from "@/lib/validation/review";
import * as review from "@/lib/services/review";

/** Review before rendering (issue 8): members' actions, then the guest's (a review link's token, no session). */

export const reviewItem = action(reviewItemSchema, async (input, { actor }) => review.reviewItem(actor, input));
export const addComment = action(addCommentSchema, async (input, { actor }) => review.addComment(actor, input));
export const editComment = action(editCommentSchema, async (input, { actor }) => review.editComment(actor, input));
export const deleteComment = action(commentIdSchema, async (input, { actor }) => review.deleteComment(actor, input));
export const resolveComment = action(resolveCommentSchema, async (input, { actor }) => review.resolveComment(actor, input));
export const setRequireApproval = action(requireApprovalSchema, async (input, { actor }) => review.setRequireApproval(actor, input));
export const createReviewLink = action(createReviewLinkSchema, async (input, { actor }) => review.createReviewLink(actor, input));
export const revokeReviewLink = action(revokeReviewLinkSchema, async (input, { actor }) => review.revokeReviewLink(actor, input));

/** A guest on /review/[token]: the token is the only key, and it opens one story. */
export const guestReviewItem = publicAction(guestReviewSchema, async (input) => review.guestReviewItem(input));
export const guestComment = publicAction(guestCommentSchema, async (input) => review.guestComment(input));
