import { z } from "zod";
import { isHttpUrl } from "./url";

/**
 * The storyboard as the creator edits it. One schema for the editor form (zodResolver) and the save
 * action. At run time objects are "loose": fields Vimmerse adds that we do not edit are kept and sent back.
 * The static types list only the fields we know, so form paths stay precise.
 */

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);

/** An http(s) URL, or empty. Empty strings are normal in forms and are dropped before sending upstream. */
export const optionalUrl = z
  .string()
  .trim()
  .refine((v) => v === "" || isHttpUrl(v), "Enter a full http(s):// address, or leave it empty");

const elementShape = {
  name: z.string().trim().min(1, "Give it a name").max(120, "Keep the name under 120 characters"),
  description: text(4000),
  image_url: optionalUrl.optional(),
};
const sceneShape = {
  name: text(200).optional(),
  image_description: text(4000),
  video_description: text(4000),
  /** Narration text. The API calls it `narrator`. */
  narrator: text(4000),
  image_url: optionalUrl.optional(),
  narration_url: optionalUrl.optional(),
};
const musicShape = { description: text(2000), lyrics: text(4000), music_url: optionalUrl.optional() };
const titleSceneShape = { title: text(200), description: text(4000) };

export const MAX_SCENES = 500;
const scenesMessage = `A storyboard holds at most ${MAX_SCENES} scenes`;

/** The known fields only (strips unknown keys): the static type of a storyboard. */
export const strictStoryboardSchema = z.object({
  characters: z.array(z.object(elementShape)),
  environments: z.array(z.object(elementShape)),
  objects: z.array(z.object(elementShape)),
  music: z.object(musicShape),
  title_scene: z.object(titleSceneShape).optional(),
  scenes: z.array(z.object(sceneShape)),
});
export type Storyboard = z.infer<typeof strictStoryboardSchema>;
export type StoryElement = Storyboard["characters"][number];
export type Scene = Storyboard["scenes"][number];
export type Music = Storyboard["music"];
export type TitleScene = NonNullable<Storyboard["title_scene"]>;

export const elementSchema = z.looseObject(elementShape);
export const sceneSchema = z.looseObject(sceneShape);
export const musicSchema = z.looseObject(musicShape);
export const titleSceneSchema = z.looseObject(titleSceneShape);

/** Run-time schema: validates the known fields, keeps unknown ones. */
export const storyboardSchema = z.looseObject({
  characters: z.array(elementSchema).max(100),
  environments: z.array(elementSchema).max(100),
  objects: z.array(elementSchema).max(100),
  music: musicSchema,
  title_scene: titleSceneSchema.optional(),
  scenes: z.array(sceneSchema).max(MAX_SCENES, scenesMessage),
}) as unknown as z.ZodType<Storyboard, Storyboard>;

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
