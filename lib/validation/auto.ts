import { z } from "zod";
import { ASPECT_RATIOS, DURATION, LANGUAGES, LOOP, MOTION_TYPES, SCENE_COUNT, VISIBILITY_VALUES } from "@/lib/vimmerse/enums";
import { audioSchema, initialElementSchema } from "./new-story";

/** The automatic-mode forms (idea-2-video, images-2-video): one schema each, shared by form and action. */

const common = {
  requestId: z.uuid(),
  title: z.string().trim().max(200, "Keep the title under 200 characters"),
  aspectRatio: z.enum(ASPECT_RATIOS, { error: "Choose an aspect ratio" }),
  language: z.enum(LANGUAGES, { error: "Choose one of the listed languages" }),
  audio: audioSchema,
};

export const ideaToVideoFormSchema = z.object({
  ...common,
  idea: z
    .string()
    .trim()
    .min(1, "Describe your idea: who is in it, where it happens, what should happen")
    .max(5000, "Keep the idea under 5000 characters"),
  sceneCount: z
    .number({ error: "Enter a number of scenes" })
    .int("Use a whole number")
    .min(SCENE_COUNT.min, `At least ${SCENE_COUNT.min} scene`)
    .max(SCENE_COUNT.max, `At most ${SCENE_COUNT.max} scenes`),
  characters: z.array(initialElementSchema).max(20),
  environments: z.array(initialElementSchema).max(20),
  objects: z.array(initialElementSchema).max(20),
});
export type IdeaToVideoForm = z.infer<typeof ideaToVideoFormSchema>;

export const imagesToVideoFormSchema = z.object({
  ...common,
  idea: z.string().trim().max(5000, "Keep the idea under 5000 characters"),
  description: z.string().trim().max(2000, "Keep the description under 2000 characters"),
  visibility: z.enum(VISIBILITY_VALUES),
  motionType: z.enum(MOTION_TYPES, { error: "Choose a motion model" }),
  duration: z
    .number({ error: "Enter seconds per scene" })
    .int("Use whole seconds")
    .min(DURATION.min, `At least ${DURATION.min} second`)
    .max(DURATION.max, `At most ${DURATION.max} seconds`),
  loop: z
    .number({ error: "Enter how many times the motion repeats" })
    .int("Use a whole number")
    .min(LOOP.min, `At least ${LOOP.min}`)
    .max(LOOP.max, `At most ${LOOP.max}`),
  isTransition: z.boolean(),
  imageUrls: z
    .array(
      z.object({
        url: z
          .string()
          .trim()
          .min(1, "Enter the image address or remove this row")
          .regex(/^https?:\/\/\S+$/i, "Enter a full http(s):// address"),
      }),
    )
    .max(20, "At most 20 image addresses"),
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
