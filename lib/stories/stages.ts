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
};
