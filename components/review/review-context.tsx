"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from "react";
import { toast } from "@/lib/toast";
import type { ActionResult } from "@/lib/actions/result";
import type { ReviewView } from "@/lib/services/review";

/**
 * The story's review for every part of the page (scene badges, summary, board, gate): one query of
 * GET /api/stories/[id]/review, polled as the fallback and refetched after every review action (live updates
 * invalidate the same key, ["review", storyId]).
 */

type Ctx = { storyId: string; review: ReviewView | null; run: <T>(p: Promise<ActionResult<T>>, done?: string) => Promise<T | null> };
const ReviewContext = createContext<Ctx | null>(null);

export const reviewQueryKey = (storyId: string) => ["review", storyId] as const;

async function fetchReview(storyId: string): Promise<ReviewView> {
  const res = await fetch(`/api/stories/${encodeURIComponent(storyId)}/review`, { cache: "no-store" });
  if (!res.ok) throw new Error(`Review request failed (${res.status})`);
  return (await res.json()) as ReviewView;
}

export function ReviewProvider({ storyId, children, intervalMs = 4_000 }: { storyId: string; children: ReactNode; intervalMs?: number }) {
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: reviewQueryKey(storyId),
    queryFn: () => fetchReview(storyId),
    refetchInterval: intervalMs,
    refetchIntervalInBackground: false,
  });
  const run = useCallback(
    async <T,>(p: Promise<ActionResult<T>>, done?: string): Promise<T | null> => {
      const result = await p;
      await client.invalidateQueries({ queryKey: reviewQueryKey(storyId) });
      if (!result.ok) {
        toast.error(result.error.message);
        return null;
      }
      if (done) toast.success(done);
      return result.data;
    },
    [client, storyId],
  );
  return (
    <StoryIdContext.Provider value={storyId}>
      <ReviewContext.Provider value={{ storyId, review: data ?? null, run }}>{children}</ReviewContext.Provider>
    </StoryIdContext.Provider>
  );
}

/** The story id alone: a context that never changes on the page. */
const StoryIdContext = createContext<string | null>(null);
const noReview = () => null;

/**
 * The review (null before the first answer or outside a ReviewProvider), read from the query cache instead of the
 * context: for the scene cards, which hydrate after the page (components/ui/hydrate-later.tsx). The context's value
 * changes when the first answer arrives, which would force every card still waiting to hydrate at once; a cache
 * subscription starts only when a card has hydrated.
 */
export function useReviewView(): ReviewView | null {
  const storyId = useContext(StoryIdContext);
  const client = useQueryClient();
  const subscribe = useCallback((onChange: () => void) => client.getQueryCache().subscribe(onChange), [client]);
  const read = useCallback(
    () => (storyId ? (client.getQueryData<ReviewView>(reviewQueryKey(storyId)) ?? null) : null),
    [client, storyId],
  );
  return useSyncExternalStore(subscribe, read, noReview);
}

/** The review of the story on this page (null outside a ReviewProvider or before the first answer). */
export function useReview(): Ctx | null {
  return useContext(ReviewContext);
}
