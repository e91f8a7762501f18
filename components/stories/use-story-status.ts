"use client";

import { useQuery } from "@tanstack/react-query";
import { isActive, isUnsettledKind, type StoryStatusView } from "@/lib/stories/stages";

/** The ETag each answer came with: the next poll sends it, and "304 Not Modified" keeps that very answer. */
const etags = new WeakMap<StoryStatusView, string>();

async function fetchStatus(previous: StoryStatusView): Promise<StoryStatusView> {
  const etag = etags.get(previous);
  const res = await fetch(`/api/stories/${encodeURIComponent(previous.id)}/status`, {
    cache: "no-store",
    ...(etag ? { headers: { "If-None-Match": etag } } : {}),
  });
  if (res.status === 304 && etag) return previous;
  if (res.status === 404) {
    // Gone (deleted, or refused by Vimmerse before it existed): say so and stop polling.
    return {
      ...previous,
      status: "failed",
      label: "Not found",
      error: { kind: "not_found", message: "This story no longer exists. Start a new one from your idea." },
    };
  }
  if (!res.ok) throw new Error(`Status request failed (${res.status})`);
  const next = (await res.json()) as StoryStatusView;
  const tag = res.headers.get("etag");
  if (tag) etags.set(next, tag);
  return next;
}

/** Polls a story's status while it is being generated; stops by itself when it is ready, done or failed. */
export function useStoryStatus(initial: StoryStatusView, intervalMs = 2_000) {
  return useQuery({
    queryKey: ["story-status", initial.id],
    queryFn: ({ client }) => fetchStatus(client.getQueryData<StoryStatusView>(["story-status", initial.id]) ?? initial),
    initialData: initial,
    // Active: every interval. Outcome not known yet (lost request, stuck stage): slower, the sweep may settle it.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      if (isActive(data.status)) return intervalMs;
      return data.status === "failed" && isUnsettledKind(data.error?.kind) ? intervalMs * 3 : false;
    },
    refetchIntervalInBackground: false,
  });
}
