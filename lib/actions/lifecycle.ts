"use server";

import { revalidatePath } from "next/cache";
import { action } from "./action";
import { retryStorySchema, storyRefSchema } from "@/lib/validation/story-meta";
import * as stories from "@/lib/services/stories";

/** "Check with Vimmerse again": one refresh now, whatever the lease (Retry-After still holds). */
export const recheckStory = action(storyRefSchema, async ({ storyId }, { actor }) => stories.recheckStory(actor, storyId));

/** "Reset this step": back to the last ready state, without any request to Vimmerse (nothing paid). */
export const resetStep = action(storyRefSchema, async ({ storyId }, { actor }) => {
  const view = await stories.resetStep(actor, storyId);
  revalidatePath("/");
  return view;
});

/** "Retry" on a story whose start failed: the same idea and settings as a new story (paid again, deliberately). */
export const retryStory = action(retryStorySchema, async ({ storyId, requestId }, { actor }) => {
  const result = await stories.retryStory(actor, storyId, requestId);
  revalidatePath("/");
  return result;
});
