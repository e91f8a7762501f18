"use client";

import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import type { SortableHandle } from "./lazy-sortable";

/**
 * The head of a scene in both views (a card of the detailed list, a frame of the board): the drag handle (pointer and
 * keyboard, dnd-kit once loaded: lazy-sortable.tsx), the scene's number, then whatever the view shows beside them (name field or name, controls).
 */
export function SceneHeading({
  activatorRef,
  attributes,
  listeners,
  number,
  dragLabel,
  compact = false,
  className,
  children,
}: {
  /** From useLazySortable: the handle's ref, attributes and listeners. */
  activatorRef: SortableHandle["setActivatorNodeRef"];
  attributes: SortableHandle["attributes"];
  listeners: SortableHandle["listeners"];
  number: number;
  /** "Drag to reorder scene 3" (detailed) or "Drag to reorder frame 3" (board). */
  dragLabel: string;
  /** The board's smaller frame head. */
  compact?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("flex items-center", compact ? "gap-1.5" : "flex-wrap gap-2", className)}>
      <button
        type="button"
        ref={activatorRef}
        {...attributes}
        {...listeners}
        aria-label={dragLabel}
        className={cn(
          "grid shrink-0 cursor-grab touch-none place-items-center rounded-md text-ink-400 hover:bg-ink-100 hover:text-ink-700 active:cursor-grabbing",
          compact ? "h-7 w-7" : "h-8 w-8",
        )}
      >
        <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden>
          <circle cx="7" cy="5" r="1.5" />
          <circle cx="13" cy="5" r="1.5" />
          <circle cx="7" cy="10" r="1.5" />
          <circle cx="13" cy="10" r="1.5" />
          <circle cx="7" cy="15" r="1.5" />
          <circle cx="13" cy="15" r="1.5" />
        </svg>
      </button>
      <span
        className={cn(
          "grid place-items-center rounded-full bg-brand-50 font-semibold text-brand-700",
          compact ? "h-5 min-w-5 px-1 text-[11px]" : "h-6 min-w-6 px-1.5 text-xs",
        )}
      >
        {number}
      </span>
      {children}
    </div>
  );
}
