"use server";

import { z } from "zod";
import { action, ActionFailure } from "./action";
import { newStorySchema } from "@/lib/validation/new-story";
import { storyboardSchema } from "@/lib/validation/storyboard";
import { checkUploads } from "@/lib/validation/uploads";
import { createStoryFromForm, saveEditedStoryboard } from "@/lib/stories/service";

/**
 * Step 1 (POST /story). The form sends FormData: `payload` (the NewStory JSON) and `image_files`.
 */
export const createStory = action(z.instanceof(FormData), async (form) => {
  let raw: unknown;
  try {
    raw = JSON.parse(String(form.get("payload") ?? ""));
  } catch {
    throw new ActionFailure("validation", "The form could not be read. Reload the page and try again.");
  }
  const input = newStorySchema.parse(raw);
  const files = form.getAll("image_files").filter((f): f is File => f instanceof File && f.size > 0);
  const problem = checkUploads(files);
  if (problem) throw new ActionFailure("validation", problem, { fieldErrors: { imageFiles: problem } });
  const images = files.map((f) => ({ name: f.name, type: f.type, data: f as Blob }));
  return createStoryFromForm(input, images);
});

export const saveStoryboard = action(
  z.object({
    storyId: z.string().min(1),
    baseVersion: z.number().int().min(0),
    storyboard: storyboardSchema,
  }),
  async (input) => saveEditedStoryboard(input),
);
