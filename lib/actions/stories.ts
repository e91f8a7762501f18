"use server";

import { z } from "zod";
import { action, ActionFailure } from "./action";
import { readImages, readPayload } from "./form-data";
import { newStorySchema } from "@/lib/validation/new-story";
import { ideaToVideoFormSchema, imagesToVideoFormSchema } from "@/lib/validation/auto";
import { baseVersionSchema, storyboardSchema } from "@/lib/validation/storyboard";
import * as stories from "@/lib/services/stories";
import { authorize } from "@/lib/services/access";
import { deleteStorySchema, renameStorySchema } from "@/lib/validation/story-meta";
import { idField } from "@/lib/validation/ids";
import { duplicateStorySchema, importStoryboardSchema } from "@/lib/validation/story-files";
import { revalidatePath } from "next/cache";

/** Step 1 (POST /story). FormData: `payload` (the New story form) and `image_files`. */
export const createStory = action(z.instanceof(FormData), async (form, { actor }) => {
  authorize(actor, "story.create");
  return stories.createStory(actor, readPayload(form, newStorySchema), await readImages(form));
});

/** Automatic mode from an idea (POST /story/idea-2-video). FormData: `payload`. */
export const createVideoFromIdea = action(z.instanceof(FormData), async (form, { actor }) => {
  authorize(actor, "story.create");
  return stories.createVideoFromIdea(actor, readPayload(form, ideaToVideoFormSchema));
});

/** Automatic mode from images (POST /story/images-2-video). FormData: `payload` and `image_files`. */
export const createVideoFromImages = action(z.instanceof(FormData), async (form, { actor }) => {
  authorize(actor, "story.create");
  const input = readPayload(form, imagesToVideoFormSchema);
  const files = await readImages(form);
  if (files.length === 0 && input.imageUrls.length === 0) {
    throw new ActionFailure("validation", "Add at least one image: upload files or enter image addresses.", {
      fieldErrors: { imageFiles: "Add at least one image: upload files or enter image addresses." },
    });
  }
  return stories.createVideoFromImages(actor, input, files);
});

export const saveStoryboard = action(
  z.object({
    storyId: idField,
    baseVersion: baseVersionSchema,
    storyboard: storyboardSchema,
    /** "Overwrite with mine": on a conflict, write only what I changed since baseVersion over the saved version. */
    overwrite: z.boolean().optional(),
  }),
  async (input, { actor }) => stories.saveStoryboard(actor, input),
);

/** Renames the story in the studio (the title is also what step 3 proposes for the video). */
export const renameStory = action(renameStorySchema, async ({ storyId, title }, { actor }) => {
  const result = await stories.renameStory(actor, storyId, title);
  revalidatePath("/");
  return result;
});

/** Removes the story from the studio. Its Vimmerse story and media stay in the Vimmerse account. */
export const removeStory = action(deleteStorySchema, async ({ storyId }, { actor }) => {
  await stories.removeStory(actor, storyId);
  revalidatePath("/");
  return { deleted: true };
});

/** A new story in the same workspace with a copy of the storyboard (new item ids); nothing is sent to Vimmerse. */
export const duplicateStory = action(duplicateStorySchema, async ({ storyId, requestId }, { actor }) => {
  const result = await stories.duplicateStory(actor, storyId, requestId);
  revalidatePath("/");
  return result;
});

/** A storyboard file (README.md, "Storyboard files") becomes a new story; nothing is sent to Vimmerse. */
export const importStoryboard = action(importStoryboardSchema, async ({ requestId, text }, { actor }) => {
  const result = await stories.importStoryboard(actor, requestId, text);
  revalidatePath("/");
  return result;
});
