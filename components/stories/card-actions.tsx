"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteDialog, DuplicateButton } from "./story-actions";

/** Duplicate and delete at the foot of a dashboard card (outside its link). */
export function CardActions({
  storyId,
  title,
  busy,
  hasStoryboard,
  duplicate,
  remove,
}: {
  storyId: string;
  title: string;
  busy: boolean;
  hasStoryboard: boolean;
  duplicate: boolean;
  remove: boolean;
}) {
  const [deleting, setDeleting] = useState(false);
  return (
    <div role="group" aria-label={`Actions for ${title}`} className="flex items-center justify-end gap-1 border-t border-ink-100 px-2 py-1.5">
      {duplicate && hasStoryboard ? <DuplicateButton storyId={storyId} /> : null}
      {remove ? (
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(true)}>
          Delete
        </Button>
      ) : null}
      {deleting ? <DeleteDialog storyId={storyId} busy={busy} stay onClose={() => setDeleting(false)} /> : null}
    </div>
  );
}
