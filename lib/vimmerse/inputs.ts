import { z } from "zod";
import { storyboardSchema, type Storyboard } from "@/lib/validation/storyboard";
import { narrationOn, withoutIds } from "@/lib/stories/model";
import { withoutStamp } from "@/lib/stories/image-freshness";
import {
  ASPECT_RATIOS,
  DURATION,
  IMAGE_OPTIONS,
  LANGUAGES,
  LOOP,
  MOTION_TYPES,
  NARRATORS,
  SCENE_COUNT,
  VISIBILITY_VALUES,
} from "./enums";

/**
 * Inputs of each Vimmerse Story endpoint, in the wire's snake_case. NOT server-only: forms may import these.
 *
 * Rules:
 * - Fields are optional unless the contract requires them. A field the caller leaves undefined is NOT sent, so
 *   Vimmerse applies its own default (listed in `VIMMERSE_DEFAULTS`). Empty strings for optional URLs are treated
 *   as "not set".
 * - `z.input<typeof X>` is what callers pass; `z.output<typeof X>` (`XParams`) is what the encoder receives.
 */

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

export const aspectRatioSchema = z.enum(ASPECT_RATIOS, { error: "Choose one of 16:9, 4:3, 1:1, 3:4, 9:16" });
export const imageOptionSchema = z.enum(IMAGE_OPTIONS, { error: "Choose one of the listed image models" });
export const motionTypeSchema = z.enum(MOTION_TYPES, { error: "Choose one of the listed motion types" });
export const narratorSchema = z.enum(NARRATORS, { error: "Choose one of the listed voices" });
/** Languages of the automatic endpoints (idea-2-video, images-2-video). */
export const languageSchema = z.enum(LANGUAGES, { error: "Choose one of the listed languages" });
/** `POST /story` takes any language name. */
export const freeLanguageSchema = z
  .string()
  .trim()
  .min(1, "Enter a language")
  .max(50, "Keep the language under 50 characters");
export const visibilitySchema = z.enum(VISIBILITY_VALUES, {
  error: 'Visibility is "0" (private), "1" (unlisted) or "2" (public)',
});

export const durationSchema = z
  .int(`Duration is a whole number of seconds from ${DURATION.min} to ${DURATION.max}`)
  .min(DURATION.min, `Duration is at least ${DURATION.min} second`)
  .max(DURATION.max, `Duration is at most ${DURATION.max} seconds`);
export const loopSchema = z
  .int(`Loop is a whole number from ${LOOP.min} to ${LOOP.max}`)
  .min(LOOP.min, `Loop is at least ${LOOP.min}`)
  .max(LOOP.max, `Loop is at most ${LOOP.max}`);
export const sceneCountSchema = z
  .int("The number of scenes is a whole number")
  .min(SCENE_COUNT.min, `At least ${SCENE_COUNT.min} scene`)
  .max(SCENE_COUNT.max, `At most ${SCENE_COUNT.max} scenes`);
export const seedSchema = z.int("The seed is a whole number").min(0, "The seed is 0 or more");
/** Newer OpenAPI (JSON bodies of the automatic endpoints): 5 or 10 seconds per scene. */
export const sceneDurationSchema = z.union([z.literal(5), z.literal(10)], { error: "Scene duration is 5 or 10" });
export const IMAGE_TOOLS = ["Seedream", "FluxTurbo", "NanoBanana", "QwenImage"] as const;
export const VIDEO_TOOLS = ["Auto", "KlingAI", "Seedance", "Pixverse", "VeoFast"] as const;
export const imageToolSchema = z.enum(IMAGE_TOOLS, { error: "Choose one of the listed image models" });
export const videoToolSchema = z.enum(VIDEO_TOOLS, { error: "Choose one of the listed video tools" });

export const httpUrlSchema = z
  .string()
  .trim()
  .regex(HTTP_URL, "Enter a full http(s):// address");

/** An optional http(s) URL; "" (an empty form field) means "not set". */
export const optionalHttpUrlSchema = z
  .string()
  .trim()
  .refine((v) => v === "" || HTTP_URL.test(v), "Enter a full http(s):// address, or leave it empty")
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const optionalText = (max: number) => z.string().max(max, `Keep it under ${max} characters`).optional();

export const storyIdSchema = z
  .string()
  .trim()
  .min(1, "A story id is required")
  .max(200, "The story id is too long")
  .refine((v) => v !== "." && v !== "..", "Not a valid story id");

/**
 * `audio_option`: `{has_bg_music, has_narration, native_audio, narrator?}`. Missing flags take Vimmerse's
 * defaults (true, true, false). native_audio = true forces has_narration = false (as Vimmerse does).
 */
export const audioOptionSchema = z
  .object({
    has_bg_music: z.boolean().default(true),
    has_narration: z.boolean().default(true),
    native_audio: z.boolean().default(false),
    narrator: narratorSchema.optional(),
  })
  .transform((v) => {
    const out: { has_bg_music: boolean; has_narration: boolean; native_audio: boolean; narrator?: (typeof NARRATORS)[number] } = {
      has_bg_music: v.has_bg_music,
      has_narration: narrationOn({ hasNarration: v.has_narration, nativeAudio: v.native_audio }),
      native_audio: v.native_audio,
    };
    if (v.narrator !== undefined) out.narrator = v.narrator;
    return out;
  });
export type AudioOptionInput = z.input<typeof audioOptionSchema>;
export type AudioOption = z.output<typeof audioOptionSchema>;

export const initialElementSchema = z
  .object({
    name: z.string().trim().min(1, "Give it a name").max(120, "Keep the name under 120 characters"),
    description: z.string().max(4000, "Keep it under 4000 characters").default(""),
    image_url: optionalHttpUrlSchema,
  })
  .transform((v) => {
    const out: { name: string; description: string; image_url?: string } = { name: v.name, description: v.description };
    if (v.image_url) out.image_url = v.image_url;
    return out;
  });

/** `elements` of idea-2-video and POST /story: initial characters, environments, objects. */
export const elementsSchema = z
  .object({
    characters: z.array(initialElementSchema).max(100).optional(),
    environments: z.array(initialElementSchema).max(100).optional(),
    objects: z.array(initialElementSchema).max(100).optional(),
  })
  .transform((v) => {
    const out: { characters?: InitialElement[]; environments?: InitialElement[]; objects?: InitialElement[] } = {};
    if (v.characters) out.characters = v.characters;
    if (v.environments) out.environments = v.environments;
    if (v.objects) out.objects = v.objects;
    return out;
  });
export type InitialElement = z.output<typeof initialElementSchema>;
export type ElementsInputValue = z.input<typeof elementsSchema>;
export type Elements = z.output<typeof elementsSchema>;

/** An uploaded image. `data` is any Blob (a browser File, a Node Blob/File, a Buffer wrapped in a Blob). */
export const imageFileSchema = z.object({
  name: z.string().trim().min(1, "The file needs a name").max(255, "The file name is too long"),
  type: z.string().max(100),
  data: z.instanceof(Blob, { error: "Not a file" }),
});
export type ImageFile = z.infer<typeof imageFileSchema>;

export const imageUrlsSchema = z.array(httpUrlSchema).max(100, "At most 100 images");
export const imageFilesSchema = z.array(imageFileSchema).max(100, "At most 100 images");

function dropEmpty<T extends Record<string, unknown>>(obj: T, keys: readonly string[]): T {
  let out: T = obj;
  for (const k of keys) {
    if (k in out && (out[k] === "" || out[k] === undefined || out[k] === null)) {
      if (out === obj) out = { ...obj };
      delete (out as Record<string, unknown>)[k];
    }
  }
  return out;
}

/**
 * The storyboard as Vimmerse gets it: our item ids and image stamps removed (they are ours, never sent), empty optional URLs (normal
 * in forms) removed so they are not sent upstream as "". The one place that builds the upstream storyboard.
 */
export function cleanStoryboardForWire(input: Storyboard): Storyboard {
  const board = withoutIds(input);
  const el = (e: Storyboard["characters"][number]) => withoutStamp(dropEmpty(e, ["image_url"]));
  const out: Storyboard = {
    ...board,
    characters: board.characters.map(el),
    environments: board.environments.map(el),
    objects: board.objects.map(el),
    music: dropEmpty(board.music, ["music_url"]),
    scenes: board.scenes.map((s) => withoutStamp(dropEmpty(s, ["image_url", "narration_url"]))),
  };
  return out;
}

/** The storyboard as the editor holds it (lib/validation/storyboard.ts), cleaned for the wire. */
export const wireStoryboardSchema = z.pipe(storyboardSchema, z.transform(cleanStoryboardForWire));

/** `scenes` of POST /story/{id}/videos: the scene list of the story (prompt, image_url, narration_url, ...). */
export const videoSceneSchema = z
  .looseObject({
    prompt: z.string().max(8000).optional(),
    image_url: optionalHttpUrlSchema,
    narration_url: optionalHttpUrlSchema,
  })
  .transform((s) => dropEmpty(s, ["image_url", "narration_url"]));
export const videoScenesSchema = z.array(videoSceneSchema).max(500);

// ---------------------------------------------------------------------------------------------------------------
// One schema per endpoint

/** `POST /story/idea-2-video`. */
export const IdeaToVideoInput = z.object({
  idea: z.string().trim().min(1, "Describe your idea").max(20000, "Keep the idea under 20000 characters"),
  title: optionalText(500),
  aspect_ratio: aspectRatioSchema.optional(),
  scene_count: sceneCountSchema.optional(),
  audio_option: audioOptionSchema.optional(),
  elements: elementsSchema.optional(),
  language: languageSchema.optional(),
  webhook_url: optionalHttpUrlSchema,
  /** Newer OpenAPI fields; sent only when set. */
  is_transition: z.boolean().optional(),
  image_tool: imageToolSchema.optional(),
  video_tool: videoToolSchema.optional(),
  scene_duration: sceneDurationSchema.optional(),
});
export type IdeaToVideoInput = z.input<typeof IdeaToVideoInput>;
export type IdeaToVideoParams = z.output<typeof IdeaToVideoInput>;

const hasImages = (v: { image_urls?: unknown[]; image_files?: unknown[] }) =>
  (v.image_urls?.length ?? 0) > 0 || (v.image_files?.length ?? 0) > 0;

/** `POST /story/images-2-video`. At least one image (files win over urls). */
export const ImagesToVideoInput = z
  .object({
    idea: optionalText(20000),
    title: optionalText(500),
    description: optionalText(5000),
    visibility_status: visibilitySchema.optional(),
    image_files: imageFilesSchema.optional(),
    image_urls: imageUrlsSchema.optional(),
    aspect_ratio: aspectRatioSchema.optional(),
    is_transition: z.boolean().optional(),
    motion_type: motionTypeSchema.optional(),
    duration: durationSchema.optional(),
    loop: loopSchema.optional(),
    audio_option: audioOptionSchema.optional(),
    narrator: narratorSchema.optional(),
    language: languageSchema.optional(),
    webhook_url: optionalHttpUrlSchema,
    /** Newer OpenAPI fields; sent only when set. */
    video_tool: videoToolSchema.optional(),
    scene_duration: sceneDurationSchema.optional(),
  })
  .refine(hasImages, { message: "Add at least one image (upload or address)", path: ["image_urls"] });
export type ImagesToVideoInput = z.input<typeof ImagesToVideoInput>;
export type ImagesToVideoParams = z.output<typeof ImagesToVideoInput>;

/**
 * `POST /story` (step 1: storyboard). `idea` is always sent (the newer OpenAPI marks it required; "" when the
 * caller gives images only). With images, Vimmerse makes one scene per image and ignores scene_count.
 */
export const CreateStoryboardInput = z
  .object({
    story_id: storyIdSchema.optional(),
    idea: z.string().trim().max(20000, "Keep the idea under 20000 characters").default(""),
    title: optionalText(500),
    scene_count: sceneCountSchema.optional(),
    language: freeLanguageSchema.optional(),
    aspect_ratio: aspectRatioSchema.optional(),
    audio_option: audioOptionSchema.optional(),
    elements: elementsSchema.optional(),
    image_files: imageFilesSchema.optional(),
    image_urls: imageUrlsSchema.optional(),
  })
  .refine((v) => v.idea !== "" || hasImages(v) || v.story_id !== undefined, {
    message: "Describe your idea or add images",
    path: ["idea"],
  });
export type CreateStoryboardInput = z.input<typeof CreateStoryboardInput>;
export type CreateStoryboardParams = z.output<typeof CreateStoryboardInput>;

/** `POST /story/{id}/elements` (step 1.5). Elements or music that already have an image/music URL are kept. */
export const ElementsInput = z.object({
  option: imageOptionSchema.optional(),
  aspect_ratio: aspectRatioSchema.optional(),
  storyboard: wireStoryboardSchema.optional(),
  enhance_image: z.boolean().optional(),
  seed: seedSchema.optional(),
});
export type ElementsInput = z.input<typeof ElementsInput>;
export type ElementsParams = z.output<typeof ElementsInput>;

/** `POST /story/{id}/scenes` (step 2): fills the missing scene images, narrations and music. */
export const ScenesInput = z.object({
  option: imageOptionSchema.optional(),
  aspect_ratio: aspectRatioSchema.optional(),
  storyboard: wireStoryboardSchema.optional(),
  enhance_image: z.boolean().optional(),
  generate_elements: z.boolean().optional(),
  narrator: narratorSchema.optional(),
  audio_option: audioOptionSchema.optional(),
  seed: seedSchema.optional(),
});
export type ScenesInput = z.input<typeof ScenesInput>;
export type ScenesParams = z.output<typeof ScenesInput>;

/** `POST /story/{id}/videos` (step 3). */
export const VideosInput = z.object({
  title: optionalText(500),
  storyboard: wireStoryboardSchema.optional(),
  scenes: videoScenesSchema.optional(),
  is_transition: z.boolean().optional(),
  motion_type: motionTypeSchema.optional(),
  duration: durationSchema.optional(),
  loop: loopSchema.optional(),
  webhook_url: optionalHttpUrlSchema,
});
export type VideosInput = z.input<typeof VideosInput>;
export type VideosParams = z.output<typeof VideosInput>;

/** `POST /story/{id}/concat`: empty by default; optionally the videos and background audio to compose. */
export const ConcatInput = z.object({
  concat_video_urls: z.array(httpUrlSchema).max(500).optional(),
  audio_urls: z.array(httpUrlSchema).max(20).optional(),
});
export type ConcatInput = z.input<typeof ConcatInput>;
export type ConcatParams = z.output<typeof ConcatInput>;

/** `PUT /story/{id}`: story metadata. */
export const UpdateStoryInput = z
  .object({
    title: optionalText(500),
    description: optionalText(5000),
    visibility_status: visibilitySchema.optional(),
  })
  .refine((v) => v.title !== undefined || v.description !== undefined || v.visibility_status !== undefined, {
    message: "Nothing to update",
    path: ["title"],
  });
export type UpdateStoryInput = z.input<typeof UpdateStoryInput>;
export type UpdateStoryParams = z.output<typeof UpdateStoryInput>;

/** Vimmerse's documented defaults, applied upstream when a field is not sent (for forms to show). */
export const VIMMERSE_DEFAULTS = {
  aspect_ratio: "16:9",
  scene_count: SCENE_COUNT.default,
  language: "English",
  option: "Seedream",
  motion_type: "Auto",
  narrator: "Rachel",
  duration: DURATION.default,
  loop: LOOP.default,
  visibility_status: "1",
  is_transition: false,
  enhance_image: false,
  generate_elements: true,
  audio_option: { has_bg_music: true, has_narration: true, native_audio: false, narrator: "Rachel" },
  images_idea: "Make a stunning video showcasing these images with nice story line",
} as const;
