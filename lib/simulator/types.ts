import type { Music, Scene, StoryElement, TitleScene } from "../validation/storyboard";
import type { StoryStatus } from "../vimmerse/enums";

/**
 * Wire shapes of the simulator. The storyboard is kept loose (unknown fields survive a round trip), like
 * the real API.
 */

export type SimElement = StoryElement & Record<string, unknown>;
export type SimScene = Scene & Record<string, unknown>;
export type SimMusic = Music & Record<string, unknown>;

export type SimStoryboard = {
  characters: SimElement[];
  environments: SimElement[];
  objects: SimElement[];
  music: SimMusic;
  title_scene?: TitleScene;
  scenes: SimScene[];
  [key: string]: unknown;
};

export type AudioOption = {
  has_bg_music: boolean;
  has_narration: boolean;
  native_audio: boolean;
  narrator: string;
  [key: string]: unknown;
};

export type MediaSource = { image_url: string; prompt: string; narration_url: string };

export type Media = {
  media_id: string;
  source: MediaSource;
  item: string;
  status: "processing" | "success" | "fail";
  video_url?: string;
  duration?: number;
  motion_type?: string;
  reason?: string;
};

export type PosePreset = {
  motion_type: string;
  prompt_strength: number;
  quantity: number;
  motion_amount: number;
  motion_length: number;
  loop: number;
  prompt: string;
};

export type Story = {
  id: string;
  email: string;
  manager_id: string;
  customer_id: string;
  is_highlights: string;
  title: string;
  description: string;
  visibility_status: string;
  idea: string;
  storyboard: SimStoryboard | Record<string, never>;
  scenes: Array<Record<string, unknown>>;
  story_version: number;
  message: string;
  note: string;
  feedback: string;
  is_transition: boolean;
  files: unknown[];
  medias: Media[];
  finished_medias: Media[];
  failed_medias: Media[];
  image_urls: string[];
  image_prompts: string[];
  pose_preset: PosePreset[];
  submit_params: {
    scale_factor: string;
    pipeline_preset: string;
    file_size: string;
    native_audio: boolean;
    extend_video: string;
    aspect_ratio: string;
    [key: string]: unknown;
  };
  progress_percentage: number;
  status: StoryStatus;
  generate_type: string;
  audio_option: AudioOption;
  language: string;
  narration_url: string;
  used_credits: number;
  version: string;
  created_at: string;
  updated_at: string;
  show_title: boolean;
  video_url: string;
  audio_urls: string[];
  narrator: string;
};

/** A piece of a step: runs for `ms`, then its result is revealed on the story. */
export type Phase =
  | { name: "storyboard"; ms: number; storyboard: SimStoryboard; imagePrompts: string[] }
  | { name: "elements"; ms: number; storyboard: SimStoryboard }
  | { name: "scenes"; ms: number; storyboard: SimStoryboard; audioUrls: string[] }
  | {
      name: "videos";
      ms: number;
      medias: Media[];
      scenes: Array<Record<string, unknown>>;
      /** Offsets (ms from phase start) at which each media finishes or fails. */
      doneAt: number[];
      failScenes: number[];
      videoUrl: string;
    }
  | { name: "concat"; ms: number; videoUrl: string };

export type StepKind = "storyboard" | "elements" | "scenes" | "videos" | "concat" | "idea-2-video" | "images-2-video";

export type Job = {
  kind: StepKind;
  startedAt: number;
  /** timeScale the durations were computed with (lets /__sim/config rescale running jobs). */
  scale: number;
  phases: Phase[];
  applied: number;
  /** What the story's status becomes when the job ends well. */
  finalStatus: "new" | "success";
  failStory: boolean;
  webhookUrl?: string;
};

export type StoryRecord = {
  story: Story;
  job?: Job;
  /** Last webhook_url given for this story. */
  webhookUrl?: string;
  /** Bumped on every step: makes regenerated media URLs distinct. */
  gen: number;
  /** Bumped on every composition: distinct final video URLs. */
  videoVersion: number;
};

export type UploadedFile = { field: string; name: string; type: string; data: Buffer };

export type ValidationDetail = {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
};
