"use client";

import Link from "next/link";
import { formatDistanceToNow } from "date-fns";
import { useEffect, useState } from "react";
import { PARTIAL_VIDEO_KIND, type StoryStatusView } from "@/lib/stories/stages";
import { useStoryStatus } from "./use-story-status";
import { StatusBadge, StatusProgress } from "./status-badge";
import { SummaryLine } from "@/components/review/review-badges";
import type { ReviewSummary } from "@/lib/review/content";
import { CardActions } from "./card-actions";
import { isActive } from "@/lib/stories/stages";

function RelativeTime({ iso }: { iso: string }) {
  // Rendered after hydration so server and browser clocks never disagree in the markup.
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const update = () => setText(formatDistanceToNow(new Date(iso), { addSuffix: true }));
    update();
    const t = setInterval(update, 30_000);
    return () => clearInterval(t);
  }, [iso]);
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {text ?? "\u00a0"}
    </time>
  );
}

export function StoryCard({
  story,
  idea,
  review,
  actions,
}: {
  story: StoryStatusView;
  idea: string;
  /** Review summary and open comments (lib/services/review.ts reviewSummaries). */
  review?: { summary: ReviewSummary; openComments: number };
  /** Duplicate / delete under the card (the dashboard passes what the actor may do). */
  actions?: { duplicate: boolean; remove: boolean };
}) {
  const { data } = useStoryStatus(story);
  const s = data ?? story;
  const title = s.title || "Untitled story";
  return (
    <div className="flex h-full flex-col overflow-hidden rounded-xl bg-white shadow-card ring-1 ring-ink-200/70 transition hover:-translate-y-0.5 hover:shadow-pop hover:ring-brand-300">
    <Link href={`/stories/${s.id}`} className="group flex flex-1 flex-col">
      <div className="relative aspect-video bg-gradient-to-br from-brand-100 via-ink-100 to-brand-50">
        {s.thumbnailUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- images come from Vimmerse's CDN or the simulator
          <img src={s.thumbnailUrl} alt="" className="h-full w-full object-cover" loading="lazy" />
        ) : (
          <div aria-hidden className="grid h-full place-items-center text-brand-300">
            <svg viewBox="0 0 24 24" className="h-10 w-10" fill="none" stroke="currentColor" strokeWidth="1.5">
              <rect x="3" y="5" width="18" height="14" rx="2" />
              <path d="m3 16 5-5 4 4 3-3 6 6" />
            </svg>
          </div>
        )}
        <div className="absolute left-3 top-3">
          <StatusBadge status={s} />
        </div>
      </div>
      <div className="flex flex-1 flex-col gap-2 p-4">
        <h2 className="line-clamp-1 font-semibold text-ink-900 group-hover:text-brand-700">{title}</h2>
        <p className="line-clamp-2 text-sm text-ink-500">{idea}</p>
        <StatusProgress status={s} className="mt-1" />
        {review && review.summary.scenes > 0 ? <SummaryLine summary={review.summary} openComments={review.openComments} /> : null}
        {s.error?.kind === PARTIAL_VIDEO_KIND && s.status === "done" ? (
          <p className="line-clamp-2 text-xs text-amber-800">{s.error.message}</p>
        ) : null}
        {s.refresh && s.status === "generating" ? (
          <p className="text-xs text-amber-800">Vimmerse is not answering: {s.refresh.reason}</p>
        ) : null}
        <div className="mt-auto flex items-center justify-between pt-2 text-xs text-ink-500">
          <span>
            {s.sceneCount} {s.sceneCount === 1 ? "scene" : "scenes"}
          </span>
          <span>
            Updated <RelativeTime iso={s.updatedAt} />
          </span>
        </div>
      </div>
    </Link>
      {actions && (actions.duplicate || actions.remove) ? (
        <CardActions storyId={s.id} title={title} busy={isActive(s.status)} hasStoryboard={s.version > 0} {...actions} />
      ) : null}
    </div>
  );
}
