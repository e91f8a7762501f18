"use client";

import { useQuery } from "@tanstack/react-query";
import { isActive, type StoryStatusView } from "@/lib/stories/stages";

async function fetchStatus(id: string): Promise<StoryStatusView> {
  const res = await fetch(`/api/stories/${encodeURIComponent(id)}/status`, { cache: "no-store" });
  if (!res.ok) throw new Error(`Status request failed (${res.status})`);
  return (await res.json()) as StoryStatusView;
}

/** Polls a story's status while it is being generated; stops by itself when it is ready, done or failed. */
export function useStoryStatus(initial: StoryStatusView, intervalMs = 2_000) {
  return useQuery({
    queryKey: ["story-status", initial.id],
    queryFn: () => fetchStatus(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data.status) ? intervalMs : false),
    refetchIntervalInBackground: false,
  });
}
