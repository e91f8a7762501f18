"use client";

import { useEffect, useRef, useState } from "react";
import type { StoryStatusView } from "@/lib/stories/stages";
import { STEP_NAMES } from "@/lib/stories/stages";
import { Button } from "@/components/ui/button";

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The finished video: inline player with poster, its duration, download, re-compose, and what it cost. */
export function VideoPanel({
  status,
  onRecompose,
  recomposing,
  busy,
  recomposeCost,
}: {
  status: StoryStatusView;
  onRecompose: () => void;
  recomposing: boolean;
  busy: boolean;
  /** The estimate of re-composing (lib/stories/costs.ts). */
  recomposeCost?: number;
}) {
  const [duration, setDuration] = useState<number | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  // After a reload the browser may read the metadata before React attaches onLoadedMetadata: read it from the element.
  useEffect(() => {
    const el = video.current;
    if (el && el.readyState >= 1 && Number.isFinite(el.duration)) setDuration(el.duration);
  }, [status.videoUrl]);
  if (!status.videoUrl) return null;
  const paid = (status.steps ?? []).filter((s) => s.creditsUsed !== null);
  return (
    <section aria-labelledby="video-title" className="overflow-hidden rounded-xl bg-ink-950 text-white shadow-pop">
      <div className="grid gap-0 lg:grid-cols-[1fr_18rem]">
        <div className="bg-black">
          <video
            ref={video}
            key={status.videoUrl}
            controls
            preload="metadata"
            poster={status.thumbnailUrl ?? undefined}
            src={status.videoUrl}
            aria-label="Final video player"
            className="aspect-video max-h-[70vh] w-full bg-black object-contain"
            onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
          />
        </div>
        <div className="flex flex-col gap-4 p-5">
          <div>
            <h2 id="video-title" className="text-lg font-semibold">
              Final video
            </h2>
            <p className="mt-1 text-sm text-ink-300">
              {duration && Number.isFinite(duration) ? (
                <>
                  Duration <span data-testid="video-duration">{formatDuration(duration)}</span>
                </>
              ) : (
                "Loading…"
              )}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <a
              href={`/api/stories/${status.id}/video`}
              download
              className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-ink-900 hover:bg-ink-100"
            >
              Download video
            </a>
            <Button variant="ghost" className="text-white hover:bg-white/10 hover:text-white" loading={recomposing} disabled={busy} onClick={onRecompose}>
              Re-compose
            </Button>
          </div>
          {recomposeCost !== undefined ? (
            <p className="-mt-2 text-xs text-ink-300" data-testid="cost-concat">
              Re-compose: about {recomposeCost} {recomposeCost === 1 ? "credit" : "credits"} (estimate)
            </p>
          ) : null}
          <div className="mt-auto rounded-lg bg-white/5 p-3 text-sm">
            <p className="flex justify-between">
              <span className="text-ink-300">Credits used</span>
              <span className="font-semibold tabular-nums" data-testid="credits-total">
                {status.usedCredits}
              </span>
            </p>
            {paid.length ? (
              <ul className="mt-2 space-y-1 text-xs text-ink-300">
                {paid.map((s) => (
                  <li key={s.id} className="flex justify-between">
                    <span>{STEP_NAMES[s.step] ?? s.step}</span>
                    <span className="tabular-nums">{s.creditsUsed}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}
