"use client";

import { formatDistanceToNow } from "date-fns";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { BoardScene, Decision, ItemReview } from "@/lib/review/content";
import { CommentThread, type ThreadApi, type ThreadComment } from "./comment-thread";
import { CommentCount, ReviewStatePill } from "./review-badges";

/** One item of the review board (a scene, or the cast & sound item): what to look at, its state, decide, discuss. */
export function ReviewItemCard({
  id,
  title,
  scene,
  summary,
  review,
  comments,
  thread,
  decide,
}: {
  id: string;
  title: string;
  scene?: BoardScene;
  summary?: string;
  review: ItemReview | undefined;
  comments: ThreadComment[];
  thread: ThreadApi;
  decide?: (decision: Decision) => Promise<void>;
}) {
  const open = comments.filter((c) => !c.resolved).length;
  const [showThread, setShowThread] = useState(false);
  const [busy, setBusy] = useState<Decision | null>(null);
  const headingId = `review-${id}-title`;
  const go = async (d: Decision) => {
    if (!decide) return;
    setBusy(d);
    await decide(d);
    setBusy(null);
  };
  return (
    <article id={`review-${id}`} aria-labelledby={headingId} className="scroll-mt-28 overflow-hidden rounded-xl bg-white ring-1 ring-ink-200">
      <div className="grid gap-3 p-3 sm:grid-cols-[10rem_1fr]">
        {scene ? (
          <div className="aspect-video overflow-hidden rounded-lg bg-ink-100">
            {scene.imageUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- images come from Vimmerse's CDN or the simulator
              <img src={scene.imageUrl} alt={`${title} image`} className="h-full w-full object-cover" loading="lazy" />
            ) : (
              <div className="grid h-full place-items-center text-xs text-ink-400">No image yet</div>
            )}
          </div>
        ) : null}
        <div className={scene ? "min-w-0 space-y-1.5" : "min-w-0 space-y-1.5 sm:col-span-2"}>
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={headingId} className="font-semibold text-ink-900">
              {title}
            </h3>
            <ReviewStatePill review={review} />
            <CommentCount open={open} />
          </div>
          {scene ? (
            <dl className="space-y-1 text-sm">
              {scene.narration ? (
                <div>
                  <dt className="sr-only">Narration</dt>
                  <dd className="text-ink-800">&ldquo;{scene.narration}&rdquo;</dd>
                </div>
              ) : null}
              <div>
                <dt className="inline text-xs font-medium text-ink-500">Image: </dt>
                <dd className="inline text-xs text-ink-600">{scene.imageDescription || "—"}</dd>
              </div>
              <div>
                <dt className="inline text-xs font-medium text-ink-500">Motion: </dt>
                <dd className="inline text-xs text-ink-600">{scene.videoDescription || "—"}</dd>
              </div>
            </dl>
          ) : summary ? (
            <p className="text-sm text-ink-600">{summary}</p>
          ) : null}
          {review && review.by ? (
            <p className="text-xs text-ink-500">
              {review.state === "approved" ? "Approved" : "Changes requested"} by {review.by}{" "}
              {review.at ? formatDistanceToNow(new Date(review.at), { addSuffix: true }) : null}
              {review.outOfDate ? (
                <span className="font-medium text-amber-800"> · out of date: the {review.changed.join(" and ")} changed since, it needs approval again</span>
              ) : null}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2 pt-1">
            {decide ? (
              <>
                <Button size="sm" variant="secondary" loading={busy === "approved"} onClick={() => void go("approved")} aria-label={`Approve ${title}`}>
                  Approve
                </Button>
                <Button size="sm" variant="danger" loading={busy === "changes_requested"} onClick={() => void go("changes_requested")} aria-label={`Request changes on ${title}`}>
                  Request changes
                </Button>
              </>
            ) : null}
            <Button size="sm" variant="ghost" aria-expanded={showThread} aria-controls={`review-${id}-thread`} onClick={() => setShowThread((v) => !v)}>
              {showThread ? "Hide comments" : `Comments${comments.length ? ` (${comments.length})` : ""}`}
            </Button>
          </div>
        </div>
      </div>
      {showThread ? (
        <div id={`review-${id}-thread`} className="border-t border-ink-100 bg-ink-50/50 p-3">
          <CommentThread label={title} comments={comments} api={thread} />
        </div>
      ) : null}
    </article>
  );
}
