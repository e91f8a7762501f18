import { z } from "zod";
import { idField } from "./ids";
import { MAX_STORYBOARD_FILE_BYTES } from "@/lib/stories/storyboard-file";

/** "Duplicate" on a card or a story page: a new story (a new intention: its own requestId). */
export const duplicateStorySchema = z.object({ storyId: idField, requestId: z.uuid() });

/** "Import a storyboard file": the file's text (read in the browser), checked on the server (readStoryboardFile). */
export const importStoryboardSchema = z.object({
  requestId: z.uuid(),
  text: z
    .string()
    .min(1, "The file is empty.")
    .max(MAX_STORYBOARD_FILE_BYTES, `The file is larger than ${MAX_STORYBOARD_FILE_BYTES / 1024 / 1024} MB.`),
});
