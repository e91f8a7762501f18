import { z } from "zod";
import { DURATION, LOOP, MOTION_TYPES, SCENE_COUNT } from "@/lib/vimmerse/enums";

/** Field schemas that several forms share, with the messages a person reads next to the field. */

export const ideaField = z
  .string()
  .trim()
  .min(1, "Describe your idea: who is in it, where it happens, what should happen")
  .max(5000, "Keep the idea under 5000 characters");

export const titleField = z.string().trim().max(200, "Keep the title under 200 characters");

export const sceneCountField = z
  .number({ error: "Enter a number of scenes" })
  .int("Use a whole number")
  .min(SCENE_COUNT.min, `At least ${SCENE_COUNT.min} scene`)
  .max(SCENE_COUNT.max, `At most ${SCENE_COUNT.max} scenes`);

export const motionTypeField = z.enum(MOTION_TYPES, { error: "Choose a motion model" });

export const durationField = z
  .number({ error: "Enter seconds per scene" })
  .int("Use whole seconds")
  .min(DURATION.min, `At least ${DURATION.min} second`)
  .max(DURATION.max, `At most ${DURATION.max} seconds`);

export const loopField = z
  .number({ error: "Enter how many times the motion repeats" })
  .int("Use a whole number")
  .min(LOOP.min, `At least ${LOOP.min}`)
  .max(LOOP.max, `At most ${LOOP.max}`);

export const imageUrlsField = z
  .array(
    z.object({
      url: z
        .string()
        .trim()
        .min(1, "Enter the image address or remove this row")
        .regex(/^https?:\/\/\S+$/i, "Enter a full http(s):// address"),
    }),
  )
  .max(20, "At most 20 image addresses");
