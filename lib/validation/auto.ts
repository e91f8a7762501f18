import * as z from "zod/mini";
import { ASPECT_RATIOS, LANGUAGES, VISIBILITY_VALUES } from "@/lib/vimmerse/enums";
import { durationField, ideaField, imageUrlsField, loopField, motionTypeField, sceneCountField, titleField, trimmed } from "./fields";
import { audioSchema, initialElementSchema } from "./new-story";

/** The automatic-mode forms (idea-2-video, images-2-video): one schema each, shared by form and action. */

const common = {
  requestId: z.uuid(),
  title: titleField,
  aspectRatio: z.enum(ASPECT_RATIOS, { error: "Choose an aspect ratio" }),
  language: z.enum(LANGUAGES, { error: "Choose one of the listed languages" }),
  audio: audioSchema,
};

export const ideaToVideoFormSchema = z.object({
  ...common,
  idea: ideaField,
  sceneCount: sceneCountField,
  characters: z.array(initialElementSchema).check(z.maxLength(20)),
  environments: z.array(initialElementSchema).check(z.maxLength(20)),
  objects: z.array(initialElementSchema).check(z.maxLength(20)),
});
export type IdeaToVideoForm = z.infer<typeof ideaToVideoFormSchema>;

export const imagesToVideoFormSchema = z.object({
  ...common,
  idea: trimmed(z.maxLength(5000, "Keep the idea under 5000 characters")),
  description: trimmed(z.maxLength(2000, "Keep the description under 2000 characters")),
  visibility: z.enum(VISIBILITY_VALUES),
  motionType: motionTypeField,
  duration: durationField,
  loop: loopField,
  isTransition: z.boolean(),
  imageUrls: imageUrlsField,
});
export type ImagesToVideoForm = z.infer<typeof imagesToVideoFormSchema>;

// The defaults live without zod, so the forms import them without the schemas (lib/validation/start-defaults.ts).
export { ideaToVideoDefaults, imagesToVideoDefaults } from "./start-defaults";
