"use client";

import { useSyncExternalStore } from "react";
import { useLiveStory } from "./live-story";

function initials(name: string): string {
  const words = name.replace(/@.*/, "").split(/[\s._-]+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? "?").slice(0, 2)).toUpperCase();
}

/**
 * Who else has this story open (initials), and "Ana is editing scene 4" for people with focus in a scene: a hint
 * to avoid editing the same scene at once; nothing is locked (saves still merge or show the conflict).
 */
export function PresenceBar() {
  const live = useLiveStory();
  const scenes = live?.scenes;
  useSyncExternalStore(
    (l) => scenes?.subscribe(l) ?? (() => {}),
    () => scenes?.version() ?? 0,
    () => 0,
  );
  if (!live || live.viewers.length === 0) return null;
  const editing = live.viewers.filter((v) => v.sceneId);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-ink-600">
      <ul aria-label="Also viewing" className="flex -space-x-1.5">
        {live.viewers.map((v) => (
          <li
            key={v.userId}
            title={v.name}
            aria-label={v.name}
            className="grid h-7 w-7 place-items-center rounded-full bg-brand-100 text-[11px] font-semibold text-brand-800 ring-2 ring-white"
          >
            <span aria-hidden>{initials(v.name)}</span>
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="min-w-0">
        {editing.length > 0
          ? editing
              .map((v) => {
                const n = scenes?.numberOf(v.sceneId!);
                return `${v.name} is editing ${n ? `scene ${n}` : "a scene"}`;
              })
              .join(" · ")
          : `${live.viewers.map((v) => v.name).join(", ")} ${live.viewers.length === 1 ? "is" : "are"} also viewing`}
      </p>
    </div>
  );
}
