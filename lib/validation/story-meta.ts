import { z } from "zod";
import { idField } from "./ids";
import { titleField } from "./fields";

/** Renaming and deleting a story: one schema each for the dialog form and the server action. */
export const renameStorySchema = z.object({ storyId: idField, title: titleField });
export type RenameStoryInput = z.infer<typeof renameStorySchema>;

export const deleteStorySchema = z.object({ storyId: idField });
