import { z } from "zod";

/**
 * The storyboard as the creator edits it. One schema for the editor form (zodResolver) and the save
 * action. Objects are "loose": fields Vimmerse adds that we do not edit are kept and sent back.
 */

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);

/** An http(s) URL, or empty. Empty strings are normal in forms and are dropped before sending upstream. */
export const optionalUrl = z
  .string()
  .trim()
  .refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), "Enter a full http(s):// address, or leave it empty");

export const elementSchema = z.looseObject({
  name: z.string().trim().min(1, "Give it a name").max(120, "Keep the name under 120 characters"),
  description: text(4000),
  image_url: optionalUrl.optional(),
});
export type StoryElement = z.infer<typeof elementSchema>;

export const sceneSchema = z.looseObject({
  name: text(200).optional(),
  image_description: text(4000),
  video_description: text(4000),
  /** Narration text. The API calls it `narrator`. */
  narrator: text(4000),
  image_url: optionalUrl.optional(),
  narration_url: optionalUrl.optional(),
});
export type Scene = z.infer<typeof sceneSchema>;

export const musicSchema = z.looseObject({
  description: text(2000),
  lyrics: text(4000),
  music_url: optionalUrl.optional(),
});
export type Music = z.infer<typeof musicSchema>;

export const titleSceneSchema = z.looseObject({
  title: text(200),
  description: text(4000),
});
export type TitleScene = z.infer<typeof titleSceneSchema>;

export const MAX_SCENES = 500;

export const storyboardSchema = z.looseObject({
  characters: z.array(elementSchema).max(100),
  environments: z.array(elementSchema).max(100),
  objects: z.array(elementSchema).max(100),
  music: musicSchema,
  title_scene: titleSceneSchema.optional(),
  scenes: z.array(sceneSchema).max(MAX_SCENES, `A storyboard holds at most ${MAX_SCENES} scenes`),
});
export type Storyboard = z.infer<typeof storyboardSchema>;

export const ELEMENT_KINDS = ["characters", "environments", "objects"] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export function emptyStoryboard(): Storyboard {
  return {
    characters: [],
    environments: [],
    objects: [],
    music: { description: "", lyrics: "" },
    scenes: [],
  };
}
