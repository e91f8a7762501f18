"use client";

import { Badge, type Tone } from "@/components/ui/badge";
import { summaryText, type ItemReview, type ReviewSummary } from "@/lib/review/content";
import { useReview, useReviewView } from "./review-context";

/** Small review signs: a state pill, open-comment counts, the story summary (editor, board and dashboard card). */

export function reviewLabel(r: ItemReview | undefined): { text: string; tone: Tone } {
  if (!r || r.state === "pending") return { text: "Pending review", tone: "neutral" };
  if (r.outOfDate) return { text: `Out of date: ${r.changed.join(" and ")} changed`, tone: "warning" };
  if (r.state === "approved") return { text: "Approved", tone: "success" };
  return { text: "Changes requested", tone: "danger" };
}

export function ReviewStatePill({ review }: { review: ItemReview | undefined }) {
  const { text, tone } = reviewLabel(review);
  return <Badge tone={tone}>{text}</Badge>;
}

export function CommentCount({ open, label }: { open: number; label?: string }) {
  if (open === 0) return null;
  return (
    <Badge tone="info">
      <svg viewBox="0 0 20 20" className="h-3 w-3" fill="currentColor" aria-hidden>
        <path d="M4 3h12a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H9l-4 3v-3H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z" />
      </svg>
      {open} <span className="sr-only">{label ?? "open comments"}</span>
    </Badge>
  );
}

/** In a scene card of the editor: the scene's review state and a link to its thread on the review board. */
export function SceneReviewSlot({ sceneId }: { sceneId: string }) {
  const r = useReviewView();
  if (!r) return null;
  const item = r.items[sceneId];
  const open = r.comments.filter((c) => c.itemId === sceneId && !c.resolved).length;
  return (
    <a href={`#review-${sceneId}`} className="flex items-center gap-1 rounded-md px-1 py-0.5 hover:bg-ink-50" aria-label={`Review: ${reviewLabel(item).text}${open ? `, ${open} open comments` : ""}`}>
      <ReviewStatePill review={item} />
      <CommentCount open={open} />
    </a>
  );
}

export function SummaryLine({ summary, openComments }: { summary: ReviewSummary; openComments: number }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-xs text-ink-600">
      <span>{summaryText(summary)}</span>
      {openComments > 0 ? <CommentCount open={openComments} /> : null}
    </span>
  );
}

/** Near the top of the story: "7 of 10 approved, 2 changes requested" and a link to the review board. */
export function ReviewSummaryBar() {
  const ctx = useReview();
  const r = ctx?.review;
  // The review arrives after the page (its query starts at mount): until then an empty bar of the same height keeps
  // its place, so the production panel and the storyboard below do not jump down when it arrives (layout shift).
  if (!r) return ctx ? <div aria-hidden className="min-h-10 rounded-xl bg-white ring-1 ring-ink-200" /> : null;
  const open = r.comments.filter((c) => !c.resolved).length;
  return (
    <div className="flex min-h-10 flex-wrap items-center gap-3 rounded-xl bg-white px-4 py-2.5 text-sm ring-1 ring-ink-200" role="status" aria-label="Review summary">
      <span className="font-medium text-ink-800">Review</span>
      <span className="text-ink-700">{summaryText(r.summary)}</span>
      <CommentCount open={open} />
      <a href="#review" className="ml-auto text-sm font-medium text-brand-700 hover:underline">
        Open the review board
      </a>
    </div>
  );
}
