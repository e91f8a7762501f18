/**
 * How a story's progress is named and shown. Shared by the dashboard, the editor and the status route.
 */
export const STAGES = ["storyboard", "elements", "scenes", "videos", "concat", "auto"] as const;
export type Stage = (typeof STAGES)[number];

export const STATUSES = ["submitting", "generating", "ready", "done", "failed"] as const;
export type Status = (typeof STATUSES)[number];

const working: Record<Stage, string> = {
  storyboard: "Writing the storyboard",
  elements: "Drawing characters, places and objects",
  scenes: "Drawing scenes and recording narration",
  videos: "Animating scenes and composing the video",
  concat: "Re-composing the final video",
  auto: "Making the whole video",
};

const finished: Record<Stage, string> = {
  storyboard: "Storyboard ready",
  elements: "Element images ready",
  scenes: "Scene images ready",
  videos: "Video ready",
  concat: "Video ready",
  auto: "Video ready",
};

export function stageLabel(stage: Stage, status: Status): string {
  switch (status) {
    case "submitting":
      return "Sending to Vimmerse…";
    case "generating":
      return working[stage];
    case "failed":
      return `${working[stage]} failed`;
    default:
      return finished[stage];
  }
}

export function isActive(status: Status): boolean {
  return status === "submitting" || status === "generating";
}

export type StatusTone = "neutral" | "brand" | "success" | "warning" | "danger" | "info";

export function statusTone(status: Status): StatusTone {
  switch (status) {
    case "generating":
    case "submitting":
      return "brand";
    case "done":
      return "success";
    case "failed":
      return "danger";
    default:
      return "info";
  }
}

/** What the browser polls: small, no storyboard unless it changed. */
export type StoryStatusView = {
  id: string;
  title: string;
  stage: Stage;
  status: Status;
  label: string;
  progress: number;
  error: { kind?: string; message: string } | null;
  version: number;
  sceneCount: number;
  thumbnailUrl: string | null;
  videoUrl: string | null;
  usedCredits: number;
  updatedAt: string;
  /** Generated media in the saved storyboard: what steps 1.5 and 2 have produced so far. */
  media?: MediaCounts;
  /** Per-scene video jobs of step 3 (from Vimmerse's medias / finished_medias / failed_medias). */
  sceneVideos?: SceneVideo[];
  /** Paid steps sent for this story, newest first, with what each cost. */
  steps?: StepRecord[];
};

export type MediaCounts = {
  elements: { withImage: number; total: number };
  scenes: { withImage: number; withNarration: number; total: number };
  music: boolean;
};

export type SceneVideo = { index: number; status: "queued" | "rendering" | "finished" | "failed"; reason: string; videoUrl: string };

export type StepRecord = {
  id: string;
  step: string;
  state: "sending" | "succeeded" | "failed" | "unknown";
  creditsUsed: number | null;
  at: string;
};

export const STEP_NAMES: Record<string, string> = {
  storyboard: "Storyboard",
  elements: "Element images",
  scenes: "Scene images and narration",
  videos: "Video",
  concat: "Re-compose",
  "idea-2-video": "Video from idea",
  "images-2-video": "Video from images",
};
