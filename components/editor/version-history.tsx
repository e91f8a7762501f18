"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { HistoryProps } from "./version-history-body";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** The dialog's content (queries, word diff with the `diff` package, restore) is loaded when it opens (issue 11). */
const HistoryBody = dynamic(() => import("./version-history-body").then((m) => m.HistoryBody), {
  loading: () => <p className="text-sm text-ink-500">Loading the history…</p>,
});

/**
 * "Version history": every saved version with why and when (and who, when recorded), a comparison of any two by
 * item id with a word diff, and "Restore" (a new version on top; nothing is rewritten).
 */
export function VersionHistory({ storyId, currentVersion, canRestore, onRestored }: HistoryProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        {/* On a phone the save bar keeps to two rows: the visible label shortens, the accessible name does not. */}
        <span className="max-sm:sr-only">Version&nbsp;</span>
        <span className="max-sm:capitalize">history</span>
      </Button>
      {open ? (
        <Dialog open onClose={() => setOpen(false)} title="Version history" description={`The storyboard is at version ${currentVersion}.`} className="max-w-3xl">
          <HistoryBody storyId={storyId} currentVersion={currentVersion} canRestore={canRestore} onRestored={(v, b) => { onRestored(v, b); setOpen(false); }} />
        </Dialog>
      ) : null}
    </>
  );
}

