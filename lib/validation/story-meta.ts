import { z } from "zod";
import { titleField } from "./fields";

/** Renaming and deleting a story: one schema each for the dialog form and the server action. */
export const renameStorySchema = z.object({ storyId: z.string().min(1), title: titleField });
export type RenameStoryInput = z.infer<typeof renameStorySchema>;

export const deleteStorySchema = z.object({ storyId: z.string().min(1) });
