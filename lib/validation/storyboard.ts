import * as z from "zod/mini";
import { trimmed, wholeNumber } from "./fields";
import {
  isOptionalUrl,
  ITEM_ID_PATTERN,
  MAX_SCENES,
  MAX_STORYBOARD_BYTES,
  MAX_UNKNOWN_VALUE_BYTES,
  NUL_MESSAGE,
} from "./storyboard-rules";

// The constants and plain checks live without zod (storyboard-rules.ts): the browser's editor, model and mention code
// import them there; the schema loads on first validation (lazy-resolver.ts, issue 11).
export * from "./storyboard-rules";

/**
 * The storyboard as the creator edits it. One schema for the editor form (zodResolver) and the save
 * action. At run time objects are "loose": fields Vimmerse adds that we do not edit are kept and sent back.
 * The static types list only the fields we know, so form paths stay precise.
 */

const noNul = (v: string) => !v.includes("\u0000");
const text = (max: number) => z.string().check(z.maxLength(max, `Keep it under ${max} characters`), z.refine(noNul, NUL_MESSAGE));

const itemId = z.string().check(z.regex(ITEM_ID_PATTERN, "Invalid item id"));

export const optionalUrl = trimmed(z.refine(isOptionalUrl, "Enter a full http(s):// address, or leave it empty"));

const elementShape = {
  id: z.optional(itemId),
  name: trimmed(z.minLength(1, "Give it a name"), z.maxLength(120, "Keep the name under 120 characters"), z.refine(noNul, NUL_MESSAGE)),
  description: text(4000),
  image_url: z.optional(optionalUrl),
  /** Ours, never sent: a hash of the description the image was made from (lib/stories/image-freshness.ts). */
  image_made_from: z.optional(z.string().check(z.maxLength(64))),
};
const sceneShape = {
  id: z.optional(itemId),
  name: z.optional(text(200)),
  image_description: text(4000),
  video_description: text(4000),
  /** Narration text. The API calls it `narrator`. */
  narrator: text(4000),
  image_url: z.optional(optionalUrl),
  narration_url: z.optional(optionalUrl),
  /** Ours, never sent: a hash of the image description the image was made from (lib/stories/image-freshness.ts). */
  image_made_from: z.optional(z.string().check(z.maxLength(64))),
};
const musicShape = { description: text(2000), lyrics: text(4000), music_url: z.optional(optionalUrl) };
const titleSceneShape = { title: text(200), description: text(4000) };

const scenesMessage = `A storyboard holds at most ${MAX_SCENES} scenes`;

/** The known fields only (strips unknown keys): the static type of a storyboard. */
export const strictStoryboardSchema = z.object({
  characters: z.array(z.object(elementShape)),
  environments: z.array(z.object(elementShape)),
  objects: z.array(z.object(elementShape)),
  music: z.object(musicShape),
  title_scene: z.optional(z.object(titleSceneShape)),
  scenes: z.array(z.object(sceneShape)),
});
export type Storyboard = z.infer<typeof strictStoryboardSchema>;
export type StoryElement = Storyboard["characters"][number];
export type Scene = Storyboard["scenes"][number];
export type Music = Storyboard["music"];
export type TitleScene = NonNullable<Storyboard["title_scene"]>;

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 32 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes("\u0000") || hasNul(v, depth + 1));
}

function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? "").length;
}

/** A loose object: known fields validated, unknown ones kept but bounded in size and free of NUL characters. */
function bounded<S extends z.core.$ZodLooseShape>(shape: S) {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape).check(z.superRefine((obj, ctx) => {
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      if (known.has(key)) continue;
      if (hasNul(key) || hasNul(value)) {
        ctx.addIssue({ code: "custom", path: [key], message: `"${key.slice(0, 40)}" contains a NUL character (\\0)` });
      } else if (byteLength(value) > MAX_UNKNOWN_VALUE_BYTES) {
        ctx.addIssue({ code: "custom", path: [key], message: `"${key.slice(0, 40)}" is larger than ${MAX_UNKNOWN_VALUE_BYTES / 1024} KB` });
      }
    }
  }));
}

export const elementSchema = bounded(elementShape);
export const sceneSchema = bounded(sceneShape);
export const musicSchema = bounded(musicShape);
export const titleSceneSchema = bounded(titleSceneShape);

/** Run-time schema: validates the known fields, keeps unknown ones (bounded: 64 KB each, 2 MB in all). */
export const storyboardSchema = bounded({
  characters: z.array(elementSchema).check(z.maxLength(100)),
  environments: z.array(elementSchema).check(z.maxLength(100)),
  objects: z.array(elementSchema).check(z.maxLength(100)),
  music: musicSchema,
  title_scene: z.optional(titleSceneSchema),
  scenes: z.array(sceneSchema).check(z.maxLength(MAX_SCENES, scenesMessage)),
}).check(z.superRefine((board, ctx) => {
  if (byteLength(board) > MAX_STORYBOARD_BYTES) {
    ctx.addIssue({ code: "custom", path: [], message: `The storyboard is larger than ${MAX_STORYBOARD_BYTES / 1024 / 1024} MB` });
  }
})) as unknown as z.ZodMiniType<Storyboard, Storyboard>;


/** The version a save is based on: a bounded whole number (the database column is a 32-bit integer). */
export const baseVersionSchema = wholeNumber({
  type: "The version must be a number",
  whole: "The version must be a whole number",
  min: [0, "The version cannot be negative"],
  max: [2_147_483_647, "This version number is too large"],
});
