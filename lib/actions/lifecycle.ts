"use server";

import { revalidatePath } from "next/cache";
import { action } from "./action";
import { retryStorySchema, storyRefSchema } from "@/lib/validation/story-meta";
import { recheckStory as recheck, resetStep as reset } from "@/lib/stories/sweep";
import { retryStory as retry } from "@/lib/stories/create";
import { toStatusView } from "@/lib/stories/service";

/** "Check with Vimmerse again": one refresh now, whatever the lease (Retry-After still holds). */
export const recheckStory = action(storyRefSchema, async ({ storyId }) => toStatusView(await recheck(storyId)));

/** "Reset this step": back to the last ready state, without any request to Vimmerse (nothing paid). */
export const resetStep = action(storyRefSchema, async ({ storyId }) => {
  const view = toStatusView(await reset(storyId));
  revalidatePath("/");
  return view;
});

/** "Retry" on a story whose start failed: the same idea and settings as a new story (paid again, deliberately). */
export const retryStory = action(retryStorySchema, async ({ storyId, requestId }) => {
  const result = await retry(storyId, requestId);
  revalidatePath("/");
  return result;
});
