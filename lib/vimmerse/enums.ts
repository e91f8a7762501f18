/**
 * Enumerations of the Vimmerse Story API (see ../shared/reference). Shared by the browser forms,
 * the server actions, the typed client and the simulator, so there is exactly one list of each.
 */
export const ASPECT_RATIOS = ["16:9", "4:3", "1:1", "3:4", "9:16"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const IMAGE_OPTIONS = [
  "Seedream",
  "FluxPro",
  "FluxTurbo",
  "NanoBananaPro",
  "NanoBanana",
  "FluxKontextPro",
  "FluxFinetuned",
  "QwenImage",
  "StableDiffusion3.5",
  "LeonardoImage",
  "GPTImage",
  "Auto",
] as const;
export type ImageOption = (typeof IMAGE_OPTIONS)[number];

export const MOTION_TYPES = [
  "Auto",
  "AutoT3",
  "KlingAI",
  "KlingT4",
  "LumaAI",
  "LumaRay2",
  "VeoFast",
  "Veo",
  "RunwayML",
  "MinimaxHailuo",
  "Seedance",
  "SeedanceFast",
  "Hunyuan",
  "Pixverse",
  "PixverseT3",
  "PicoMotion",
  "StaticMotion",
  "Wan",
  "Sora",
  "SoraPro",
] as const;
export type MotionType = (typeof MOTION_TYPES)[number];

export const NARRATORS = [
  "Rachel",
  "Aria",
  "Roger",
  "Sarah",
  "Laura",
  "Charlie",
  "George",
  "Callum",
  "River",
  "Liam",
  "Charlotte",
  "Alice",
  "Matilda",
  "Will",
  "Jessica",
  "Eric",
  "Chris",
  "Brian",
  "Daniel",
  "Lily",
  "Bill",
] as const;
export type Narrator = (typeof NARRATORS)[number];

/** Languages of the automatic endpoints. `POST /story` takes free text; these are offered as suggestions. */
export const LANGUAGES = [
  "Arabic",
  "Chinese",
  "English",
  "French",
  "German",
  "Hindi",
  "Japanese",
  "Korean",
  "Spanish",
  "Turkish",
] as const;
export type Language = (typeof LANGUAGES)[number];

export const VISIBILITY = { private: "0", unlisted: "1", public: "2" } as const;
export const VISIBILITY_VALUES = ["0", "1", "2"] as const;
export type Visibility = (typeof VISIBILITY_VALUES)[number];

export const STORY_STATUSES = ["new", "processing", "success", "fail"] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const DURATION = { min: 1, max: 10, default: 5 } as const;
export const LOOP = { min: 1, max: 6, default: 1 } as const;
export const SCENE_COUNT = { min: 1, max: 100, default: 3 } as const;
