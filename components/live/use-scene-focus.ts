"use client";

import { useEffect, useMemo, type FocusEvent } from "react";
import { useLiveActions } from "./live-story";

/**
 * For a scene card: reports (debounced) when this person's focus enters or leaves the scene, so others see
 * "Ana is editing scene 4", and keeps the scene's number for those hints. Spread the result on the card's root.
 * Outside a live page it does nothing.
 */
export function useSceneFocus(sceneId: string, index: number) {
  const live = useLiveActions();
  const reportFocus = live?.reportFocus;
  const scenes = live?.scenes;
  useEffect(() => {
    if (!scenes) return;
    scenes.set(sceneId, index + 1);
    return () => scenes.remove(sceneId, index + 1);
  }, [scenes, sceneId, index]);
  return useMemo(
    () => ({
      onFocus: () => reportFocus?.(sceneId),
      onBlur: (e: FocusEvent<HTMLElement>) => {
        // Moving between fields of the same scene is not leaving it.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) reportFocus?.(null);
      },
    }),
    [reportFocus, sceneId],
  );
}
