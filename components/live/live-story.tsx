"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useStoryEvents, type LiveViewer } from "./use-story-events";

/** How often an open page says it is still there (the server forgets it after 30 s without). */
const HEARTBEAT_MS = 10_000;
/** Focus moving between fields of one scene (blur, then focus) is reported once, after it settles. */
const FOCUS_DEBOUNCE_MS = 400;

/** Scene id -> its number on this page, kept by the scene cards (for "Ana is editing scene 4"). */
function sceneNumberStore() {
  const numbers = new Map<string, number>();
  const listeners = new Set<() => void>();
  let version = 0;
  const changed = () => {
    version++;
    listeners.forEach((l) => l());
  };
  return {
    set(id: string, n: number) {
      if (numbers.get(id) === n) return;
      numbers.set(id, n);
      changed();
    },
    remove(id: string, n: number) {
      if (numbers.get(id) !== n) return;
      numbers.delete(id);
      changed();
    },
    numberOf: (id: string) => numbers.get(id),
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    version: () => version,
  };
}

type LiveContext = {
  viewers: LiveViewer[];
  connected: boolean;
  reportFocus: (sceneId: string | null) => void;
  scenes: ReturnType<typeof sceneNumberStore>;
};

const Context = createContext<LiveContext | null>(null);

export function useLiveStory(): LiveContext | null {
  return useContext(Context);
}

/**
 * The parts of the live context that never change (reporting focus, the scene numbers): for the scene cards, which
 * hydrate after the page (components/ui/hydrate-later.tsx). A context whose value changes (viewers arriving, the
 * event stream connecting) would force every waiting card to hydrate at once.
 */
type LiveActions = Pick<LiveContext, "reportFocus" | "scenes">;
const ActionsContext = createContext<LiveActions | null>(null);

export function useLiveActions(): LiveActions | null {
  return useContext(ActionsContext);
}

/**
 * Makes a story page live: its queries refetch when the story changes elsewhere (server-sent events), and it tells
 * the others that this person is here and which scene they are editing (a hint, never a lock).
 */
export function LiveStory({ storyId, children }: { storyId: string; children: ReactNode }) {
  const [client] = useState(() => crypto.randomUUID());
  const focus = useRef<{ current: string | null; sent: string | null | undefined }>({ current: null, sent: undefined });
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const url = `/api/stories/${encodeURIComponent(storyId)}/presence`;

  const report = useCallback(
    (body: { sceneId?: string | null; left?: boolean }) => {
      const text = JSON.stringify({ client, ...body });
      if (body.left && typeof navigator !== "undefined" && navigator.sendBeacon) {
        navigator.sendBeacon(url, new Blob([text], { type: "application/json" }));
        return;
      }
      void fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: text, keepalive: true }).catch(() => {});
    },
    [client, url],
  );
  const beat = useCallback(() => {
    focus.current.sent = focus.current.current;
    report({ sceneId: focus.current.current });
  }, [report]);

  const { viewers, connected } = useStoryEvents(storyId, { client, onOpen: beat });

  useEffect(() => {
    const timer = setInterval(beat, HEARTBEAT_MS);
    const leave = () => report({ left: true });
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      clearTimeout(debounce.current);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [beat, report]);

  const reportFocus = useCallback(
    (sceneId: string | null) => {
      focus.current.current = sceneId;
      clearTimeout(debounce.current);
      debounce.current = setTimeout(() => {
        if (focus.current.sent !== focus.current.current) beat();
      }, FOCUS_DEBOUNCE_MS);
    },
    [beat],
  );

  const [scenes] = useState(sceneNumberStore);
  const value = useMemo(() => ({ viewers, connected, reportFocus, scenes }), [viewers, connected, reportFocus, scenes]);
  const actions = useMemo(() => ({ reportFocus, scenes }), [reportFocus, scenes]);
  return (
    <ActionsContext.Provider value={actions}>
      <Context.Provider value={value}>{children}</Context.Provider>
    </ActionsContext.Provider>
  );
}
