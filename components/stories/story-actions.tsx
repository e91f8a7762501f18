"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/lib/toast";
import { duplicateStory, removeStory } from "@/lib/actions/stories";
import { newId } from "@/lib/stories/model";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/**
 * The rename form (react-hook-form, its schema) loads when "Rename" is pressed: the dashboard's cards use this module's
 * delete and duplicate, and need neither at first paint (issue 11).
 */
const RenameDialog = dynamic(() => import("./rename-dialog").then((m) => m.RenameDialog), { ssr: false });

/** Rename, duplicate, download (storyboard file, printable PDF) and delete, next to the story's title. */
export function StoryActions({ storyId, title, busy }: { storyId: string; title: string; busy: boolean }) {
  const [open, setOpen] = useState<"rename" | "delete" | null>(null);
  return (
    <div data-print-hide className="flex min-w-0 max-w-full flex-wrap items-center gap-1">
      <a href={`/api/stories/${storyId}/export`} download className={linkButton}>
        Download JSON
      </a>
      <a href={`/api/stories/${storyId}/pdf`} target="_blank" rel="noopener" className={linkButton}>
        PDF<span className="sr-only"> of the board (opens in a new tab)</span>
      </a>
      <DuplicateButton storyId={storyId} />
      <Button variant="ghost" size="sm" onClick={() => setOpen("rename")}>
        Rename
      </Button>
      <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setOpen("delete")}>
        Delete
      </Button>
      {open === "rename" ? <RenameDialog storyId={storyId} title={title} onClose={() => setOpen(null)} /> : null}
      {open === "delete" ? <DeleteDialog storyId={storyId} busy={busy} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

const linkButton =
  "inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium text-ink-600 hover:bg-ink-100 hover:text-ink-900";

/** "Duplicate": a new story with a copy of the storyboard (new item ids), opened at once. Nothing is paid. */
export function DuplicateButton({ storyId, label = "Duplicate" }: { storyId: string; label?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [requestId] = useState(newId);
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={pending}
      onClick={() =>
        start(async () => {
          const result = await duplicateStory({ storyId, requestId });
          if (!result.ok) {
            toast.error(result.error.message);
            return;
          }
          toast.success("Story duplicated.");
          router.push(`/stories/${result.data.storyId}`);
        })
      }
    >
      {label}
    </Button>
  );
}

export function DeleteDialog({
  storyId,
  busy,
  onClose,
  stay = false,
}: {
  storyId: string;
  busy: boolean;
  onClose: () => void;
  /** On the dashboard: stay there (its search and filter kept) instead of going home. */
  stay?: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Dialog
      open
      onClose={onClose}
      title="Delete this story?"
      description="It is removed from the studio with its storyboard versions. The story and its media stay in your Vimmerse account."
    >
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Keep it
        </Button>
        <Button
          variant="danger"
          loading={pending}
          disabled={busy}
          onClick={() =>
            start(async () => {
              const result = await removeStory({ storyId });
              if (!result.ok) {
                toast.error(result.error.message);
                return;
              }
              toast.success("Story deleted.");
              if (stay) {
                onClose();
                router.refresh();
              } else router.push("/");
            })
          }
        >
          Delete story
        </Button>
      </div>
    </Dialog>
  );
}
