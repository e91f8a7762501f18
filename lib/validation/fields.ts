import * as z from "zod/mini";
import { DURATION, LOOP, MOTION_TYPES, SCENE_COUNT } from "@/lib/vimmerse/enums";

/**
 * Field schemas that several forms share, with the messages a person reads next to the field.
 *
 * lib/validation uses `zod/mini` (issue 11): the same zod v4 core as `zod`, with checks as functions, so the browser
 * bundles only what the schemas use (~19.5 KB gzip with Turbopack instead of all of zod, ~45 KB). The server actions parse with the
 * very same schemas (lib/actions/action.ts takes any zod v4 schema).
 */

/** A trimmed string: `trimmed(z.minLength(1, "…"), …)`. */
export const trimmed = (...checks: Parameters<ReturnType<typeof z.string>["check"]>) => z.string().check(z.trim(), ...checks);

/** A whole number with the messages of each way it can be wrong (not a number, not whole, too small, too large). */
export function wholeNumber(m: { type: string; whole: string; min: [number, string]; max: [number, string] }) {
  return z.number({ error: m.type }).check(z.refine(Number.isInteger, m.whole), z.minimum(m.min[0], m.min[1]), z.maximum(m.max[0], m.max[1]));
}

export const ideaField = trimmed(
  z.minLength(1, "Describe your idea: who is in it, where it happens, what should happen"),
  z.maxLength(5000, "Keep the idea under 5000 characters"),
);

export const titleField = trimmed(z.maxLength(200, "Keep the title under 200 characters"));

export const sceneCountField = wholeNumber({
  type: "Enter a number of scenes",
  whole: "Use a whole number",
  min: [SCENE_COUNT.min, `At least ${SCENE_COUNT.min} scene`],
  max: [SCENE_COUNT.max, `At most ${SCENE_COUNT.max} scenes`],
});

export const motionTypeField = z.enum(MOTION_TYPES, { error: "Choose a motion model" });

export const durationField = wholeNumber({
  type: "Enter seconds per scene",
  whole: "Use whole seconds",
  min: [DURATION.min, `At least ${DURATION.min} second`],
  max: [DURATION.max, `At most ${DURATION.max} seconds`],
});

export const loopField = wholeNumber({
  type: "Enter how many times the motion repeats",
  whole: "Use a whole number",
  min: [LOOP.min, `At least ${LOOP.min}`],
  max: [LOOP.max, `At most ${LOOP.max}`],
});

export const imageUrlsField = z.array(
  z.object({
    url: trimmed(z.minLength(1, "Enter the image address or remove this row"), z.regex(/^https?:\/\/\S+$/i, "Enter a full http(s):// address")),
  }),
).check(z.maxLength(20, "At most 20 image addresses"));
