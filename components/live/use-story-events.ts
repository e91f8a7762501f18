"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

/** Another person with the story open, and the scene they have focus in (null: none). */
export type LiveViewer = { userId: string; name: string; sceneId: string | null };

const MAX_RETRY_MS = 60_000;

/**
 * Listens to a story's server-sent events (GET /api/stories/:id/events). Any change (saved / status / comment /
 * review) invalidates every TanStack query whose key contains the story id, so the page refetches what it shows
 * (the status poll brings the new version; the editor then takes the storyboard in). After a drop it reconnects
 * (the browser by itself, or here with backoff when the stream was refused) and refetches once, since events may
 * have been missed. Polling stays the fallback: nothing breaks without this stream.
 */
export function useStoryEvents(storyId: string, opts: { client?: string; onOpen?: () => void } = {}) {
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<LiveViewer[]>([]);
  const [connected, setConnected] = useState(false);
  const onOpen = useRef(opts.onOpen);
  useEffect(() => {
    onOpen.current = opts.onOpen;
  });
  const { client } = opts;

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let everOpen = false;
    let disposed = false;
    const refetch = () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes(storyId) });
    const url = `/api/stories/${encodeURIComponent(storyId)}/events${client ? `?client=${encodeURIComponent(client)}` : ""}`;

    const connect = () => {
      if (disposed) return;
      const es = new EventSource(url);
      source = es;
      es.onopen = () => {
        failures = 0;
        setConnected(true);
        if (everOpen) void refetch();
        everOpen = true;
        onOpen.current?.();
      };
      es.addEventListener("story", () => void refetch());
      es.addEventListener("presence", (e) => {
        try {
          setViewers((JSON.parse((e as MessageEvent<string>).data) as { viewers?: LiveViewer[] }).viewers ?? []);
        } catch {
          // a malformed message changes nothing
        }
      });
      es.onerror = () => {
        setConnected(false);
        // CONNECTING: the browser retries by itself. CLOSED (refused, or not a stream): retry here, slower each time.
        if (es.readyState !== EventSource.CLOSED) return;
        es.close();
        failures++;
        retry = setTimeout(connect, Math.min(MAX_RETRY_MS, 2_000 * 2 ** Math.min(failures, 5)));
      };
    };
    connect();
    return () => {
      disposed = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [storyId, client, queryClient]);

  return { viewers, connected };
}
