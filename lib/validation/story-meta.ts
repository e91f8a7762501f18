import * as z from "zod/mini";
import { idField } from "./ids";
import { titleField } from "./fields";

/** Renaming and deleting a story: one schema each for the dialog form and the server action. */
export const renameStorySchema = z.object({ storyId: idField, title: titleField });
export type RenameStoryInput = z.infer<typeof renameStorySchema>;

export const deleteStorySchema = z.object({ storyId: idField });

/** A story, for the lifecycle actions (check with Vimmerse again, reset the step). */
export const storyRefSchema = z.object({ storyId: idField });

/** Retry a story whose start failed, as a new story (a new intention: its own requestId). */
export const retryStorySchema = z.object({ storyId: idField, requestId: z.uuid() });
