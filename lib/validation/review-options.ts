/** How long a guest review link lasts, in days: the editor's choice (no zod here, so the review board renders without it). */
export const REVIEW_LINK_DAYS = [1, 7, 30] as const;
