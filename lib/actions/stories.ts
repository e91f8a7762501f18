"use server";

import { z } from "zod";
import { action, ActionFailure } from "./action";
import { readImages, readPayload } from "./form-data";
import { newStorySchema } from "@/lib/validation/new-story";
import { ideaToVideoFormSchema, imagesToVideoFormSchema } from "@/lib/validation/auto";
import { storyboardSchema } from "@/lib/validation/storyboard";
import { createIdeaToVideo, createImagesToVideo, createStoryFromForm } from "@/lib/stories/create";
import { saveEditedStoryboard } from "@/lib/stories/service";

/** Step 1 (POST /story). FormData: `payload` (the New story form) and `image_files`. */
export const createStory = action(z.instanceof(FormData), async (form) =>
  createStoryFromForm(readPayload(form, newStorySchema), readImages(form)),
);

/** Automatic mode from an idea (POST /story/idea-2-video). FormData: `payload`. */
export const createVideoFromIdea = action(z.instanceof(FormData), async (form) =>
  createIdeaToVideo(readPayload(form, ideaToVideoFormSchema)),
);

/** Automatic mode from images (POST /story/images-2-video). FormData: `payload` and `image_files`. */
export const createVideoFromImages = action(z.instanceof(FormData), async (form) => {
  const input = readPayload(form, imagesToVideoFormSchema);
  const files = readImages(form);
  if (files.length === 0 && input.imageUrls.length === 0) {
    throw new ActionFailure("validation", "Add at least one image: upload files or enter image addresses.", {
      fieldErrors: { imageFiles: "Add at least one image: upload files or enter image addresses." },
    });
  }
  return createImagesToVideo(input, files);
});

export const saveStoryboard = action(
  z.object({
    storyId: z.string().min(1),
    baseVersion: z.number().int().min(0),
    storyboard: storyboardSchema,
  }),
  async (input) => saveEditedStoryboard(input),
);
