import * as z from "zod/mini";
import { idField } from "./ids";

/** The largest storyboard file the studio reads (lib/stories/storyboard-file.ts reads it on the server). */
export const MAX_STORYBOARD_FILE_BYTES = 3 * 1024 * 1024;

/** "Duplicate" on a card or a story page: a new story (a new intention: its own requestId). */
export const duplicateStorySchema = z.object({ storyId: idField, requestId: z.uuid() });

/** "Import a storyboard file": the file's text (read in the browser), checked on the server (readStoryboardFile). */
export const importStoryboardSchema = z.object({
  requestId: z.uuid(),
  text: z
    .string()
    .check(
      z.minLength(1, "The file is empty."),
      z.maxLength(MAX_STORYBOARD_FILE_BYTES, `The file is larger than ${MAX_STORYBOARD_FILE_BYTES / 1024 / 1024} MB.`),
    ),
});
