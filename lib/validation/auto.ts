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

const audioDefaults = { hasBgMusic: true, hasNarration: true, nativeAudio: false, narrator: "Rachel" as const };

export function ideaToVideoDefaults(): IdeaToVideoForm {
  return {
    requestId: globalThis.crypto.randomUUID(),
    idea: "",
    title: "",
    aspectRatio: "16:9",
    sceneCount: 3,
    language: "English",
    audio: audioDefaults,
    characters: [],
    environments: [],
    objects: [],
  };
}

export function imagesToVideoDefaults(): ImagesToVideoForm {
  return {
    requestId: globalThis.crypto.randomUUID(),
    idea: "",
    title: "",
    description: "",
    visibility: "1",
    aspectRatio: "16:9",
    language: "English",
    audio: audioDefaults,
    motionType: "Auto",
    duration: 5,
    loop: 1,
    isTransition: false,
    imageUrls: [],
  };
}
