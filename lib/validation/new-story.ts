import * as z from "zod/mini";
import { ASPECT_RATIOS, NARRATORS } from "@/lib/vimmerse/enums";
import { ideaField, imageUrlsField, sceneCountField, titleField, trimmed } from "./fields";
import { optionalUrl } from "./storyboard";

/** One schema for the "New story" form (zodResolver) and the createStory server action. */

export const initialElementSchema = z.object({
  name: trimmed(z.minLength(1, "Give it a name"), z.maxLength(120, "Keep the name under 120 characters")),
  description: trimmed(z.maxLength(2000, "Keep it under 2000 characters")),
  image_url: optionalUrl,
});
export type InitialElement = z.infer<typeof initialElementSchema>;

export const audioSchema = z.object({
  hasBgMusic: z.boolean(),
  hasNarration: z.boolean(),
  nativeAudio: z.boolean(),
  narrator: z.enum(NARRATORS, { error: "Choose one of the listed voices" }),
});
export type AudioSettings = z.infer<typeof audioSchema>;

export const newStorySchema = z.object({
  /** Generated when the form opens; the server uses it so a double submit creates one story. */
  requestId: z.uuid(),
  idea: ideaField,
  title: titleField,
  sceneCount: sceneCountField,
  language: trimmed(z.minLength(1, "Choose a language"), z.maxLength(40, "Keep the language under 40 characters")),
  aspectRatio: z.enum(ASPECT_RATIOS, { error: "Choose an aspect ratio" }),
  audio: audioSchema,
  characters: z.array(initialElementSchema).check(z.maxLength(20)),
  environments: z.array(initialElementSchema).check(z.maxLength(20)),
  objects: z.array(initialElementSchema).check(z.maxLength(20)),
  imageUrls: imageUrlsField,
});
export type NewStoryInput = z.infer<typeof newStorySchema>;

// The defaults live without zod, so the form imports them without the schema (lib/validation/start-defaults.ts).
export { newStoryDefaults } from "./start-defaults";
