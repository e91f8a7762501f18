"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useForm } from "react-hook-form";
import { toast } from "@/lib/toast";
import { renameStory } from "@/lib/actions/stories";
import type { RenameStoryInput } from "@/lib/validation/story-meta";
import { lazyZodResolver } from "@/lib/validation/lazy-resolver";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** The title's schema (shared with the renameStory action); the dialog opens with its field focused, which loads it. */
const renameResolver = lazyZodResolver<RenameStoryInput>(() => import("@/lib/validation/story-meta").then((m) => m.renameStorySchema));

/** "Rename": loaded by story-actions.tsx when the button is pressed. */
export function RenameDialog({ storyId, title, onClose }: { storyId: string; title: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const form = useForm<RenameStoryInput>({ resolver: renameResolver, defaultValues: { storyId, title } });
  const [pending, start] = useTransition();
  const submit = form.handleSubmit((values) =>
    start(async () => {
      const result = await renameStory(values);
      if (!result.ok) {
        if (result.error.fieldErrors?.title) form.setError("title", { message: result.error.fieldErrors.title });
        toast.error(result.error.message);
        return;
      }
      await queryClient.invalidateQueries({ queryKey: ["story-status", storyId] });
      router.refresh();
      toast.success("Renamed.");
      onClose();
    }),
  );
  return (
    <Dialog open onClose={onClose} title="Rename story">
      <form onSubmit={submit} onFocus={renameResolver.preload} noValidate className="space-y-4">
        <Field label="Story title" error={form.formState.errors.title?.message}>
          <Input autoFocus {...form.register("title")} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Rename
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
