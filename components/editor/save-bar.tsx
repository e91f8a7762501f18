"use client";

import { Button } from "@/components/ui/button";
import { useLeaveGuard } from "@/components/stories/use-leave-guard";
import { useDirty, type DirtyFlag, type SaveFailure } from "./use-storyboard-document";

/**
 * The parts of the editor that show "unsaved changes". Each reads the dirty flag itself, so the first keystroke
 * re-renders these, not the editor root and its scene cards.
 */

export function SaveStatus({
  dirtyFlag,
  failure,
  savedAt,
  savedVersion,
}: {
  dirtyFlag: DirtyFlag;
  failure: SaveFailure | null;
  savedAt: string | null;
  savedVersion: number;
}) {
  const dirty = useDirty(dirtyFlag);
  return (
    <p className="mr-auto text-sm text-ink-600 max-sm:basis-full" aria-live="polite">
      {failure ? (
        <span className="font-medium text-red-700">
          Save failed: {failure.message} <span className="font-normal text-ink-600">{failure.hint}</span>
        </span>
      ) : dirty ? (
        <span className="font-medium text-amber-700">Unsaved changes</span>
      ) : savedAt ? (
        <>All changes saved · version {savedVersion}</>
      ) : (
        <>Version {savedVersion}</>
      )}
    </p>
  );
}

export function DiscardButton({ dirtyFlag, saving, onDiscard }: { dirtyFlag: DirtyFlag; saving: boolean; onDiscard: () => void }) {
  const dirty = useDirty(dirtyFlag);
  return (
    <Button variant="ghost" disabled={!dirty || saving} onClick={onDiscard}>
      Discard<span className="max-sm:sr-only">&nbsp;changes</span>
    </Button>
  );
}

/** Asks before leaving while there are unsaved changes (renders nothing). */
export function LeaveGuard({ dirtyFlag }: { dirtyFlag: DirtyFlag }) {
  useLeaveGuard(useDirty(dirtyFlag));
  return null;
}
