"use client";

import { Button } from "@/components/ui/button";
import type { useEditorHistory } from "./use-editor-history";

/** Undo / Redo for the whole editor (also Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z outside a text field). */
export function UndoRedoButtons({ history }: { history: ReturnType<typeof useEditorHistory> }) {
  return (
    <div className="flex items-center gap-1" role="group" aria-label="History">
      <Button
        variant="ghost"
        size="sm"
        disabled={!history.canUndo}
        onClick={() => history.undo()}
        aria-keyshortcuts="Control+Z Meta+Z"
        title={history.undoLabel ? `Undo: ${history.undoLabel}` : "Nothing to undo"}
      >
        ↶ <span className="max-sm:sr-only">Undo</span>
      </Button>
      <Button
        variant="ghost"
        size="sm"
        disabled={!history.canRedo}
        onClick={() => history.redo()}
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
        title={history.redoLabel ? `Redo: ${history.redoLabel}` : "Nothing to redo"}
      >
        ↷ <span className="max-sm:sr-only">Redo</span>
      </Button>
    </div>
  );
}
