import * as z from "zod/mini";
import { idField } from "./ids";
import { ASPECT_RATIOS, IMAGE_OPTIONS, NARRATORS } from "@/lib/vimmerse/enums";
import { ITEM_ID_PATTERN } from "./storyboard";
import { durationField, loopField, motionTypeField, titleField, wholeNumber } from "./fields";

/**
 * Options of the paid generation steps. One schema per step, shared by its form and its server action.
 */

const seed = z.optional(
  wholeNumber({
    type: "Enter a whole number or leave it empty",
    whole: "Use a whole number",
    min: [0, "Use 0 or more"],
    max: [2_147_483_647, "Use a smaller number"],
  }),
);

export const elementsOptionsSchema = z.object({
  option: z.enum(IMAGE_OPTIONS, { error: "Choose an image model" }),
  aspectRatio: z.enum(ASPECT_RATIOS, { error: "Choose an aspect ratio" }),
  seed,
  enhanceImage: z.boolean(),
});
export type ElementsOptions = z.infer<typeof elementsOptionsSchema>;

export const scenesOptionsSchema = z.extend(elementsOptionsSchema, {
  generateElements: z.boolean(),
  narrator: z.enum(NARRATORS, { error: "Choose one of the listed voices" }),
  hasBgMusic: z.boolean(),
  hasNarration: z.boolean(),
  nativeAudio: z.boolean(),
});
export type ScenesOptions = z.infer<typeof scenesOptionsSchema>;

export const videosOptionsSchema = z.object({
  motionType: motionTypeField,
  duration: durationField,
  loop: loopField,
  isTransition: z.boolean(),
  title: titleField,
});
export type VideosOptions = z.infer<typeof videosOptionsSchema>;

const requestId = z.uuid();
const storyId = idField;

/** One input per step: the options plus the intention's id (a double click or retry sends it once). */
export const runStepSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("elements"), storyId, requestId, options: elementsOptionsSchema }),
  z.object({ step: z.literal("scenes"), storyId, requestId, options: scenesOptionsSchema }),
  // overrideGate: an owner makes the video without every approval, on purpose (recorded; lib/services/review.ts).
  z.object({ step: z.literal("videos"), storyId, requestId, options: videosOptionsSchema, overrideGate: z.optional(z.literal(true)) }),
  z.object({ step: z.literal("concat"), storyId, requestId, options: z.optional(z.object({})), overrideGate: z.optional(z.literal(true)) }),
]);
export type RunStepInput = z.infer<typeof runStepSchema>;

export const regenerateSceneSchema = z.object({
  storyId,
  requestId,
  /** The scene's stable id (lib/stories/model.ts), never its position. */
  sceneId: z.string().check(z.regex(ITEM_ID_PATTERN, "Unknown scene")),
  options: scenesOptionsSchema,
});
export type RegenerateSceneInput = z.infer<typeof regenerateSceneSchema>;

/** What the step forms start from (lib/stories/defaults.ts fills it from the story's settings). */
export type StepDefaults = { elements: ElementsOptions; scenes: ScenesOptions; videos: VideosOptions };
