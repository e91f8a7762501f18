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

/**
 * The longest each stage may take before we stop waiting and say so (the sweep marks it, with a message; the user
 * can check with Vimmerse again or reset the step). Generous: the API's examples poll for up to an hour.
 */
export const STAGE_MAX_MS: Record<Stage, number> = {
  storyboard: 20 * 60_000,
  elements: 30 * 60_000,
  scenes: 45 * 60_000,
  videos: 90 * 60_000,
  concat: 15 * 60_000,
  auto: 120 * 60_000,
};

/** Refreshes answered 401/403/404/400 this many times in a row: the story is marked failed with the reason. */
export const PERMANENT_REFRESH_FAILURE_LIMIT = 5;

/**
 * Failure kinds after which we do not know what Vimmerse is doing: a lost request, a stage past its maximum time,
 * a story Vimmerse stopped answering for. None of them is resent automatically; a retry checks first.
 */
export const UNSETTLED_ERROR_KINDS = ["outcome_unknown", "stage_timeout", "upstream_unreachable"] as const;
export type UnsettledErrorKind = (typeof UNSETTLED_ERROR_KINDS)[number];

export function isUnsettledKind(kind: string | undefined | null): kind is UnsettledErrorKind {
  return (UNSETTLED_ERROR_KINDS as readonly string[]).includes(kind ?? "");
}

/** A finished video some of whose scene videos failed (they are left out of it). */
export const PARTIAL_VIDEO_KIND = "scenes_failed";

/** The label of a story including a partial video ("Video ready – 1 scene failed"). */
export function storyLabel(stage: Stage, status: Status, error: StoryStatusView["error"]): string {
  const base = stageLabel(stage, status);
  if (status === "done" && error?.kind === PARTIAL_VIDEO_KIND) {
    const n = error.failedScenes?.length ?? 1;
    return `${base} – ${n} scene${n === 1 ? "" : "s"} failed`;
  }
  return base;
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

/** What went wrong with the current stage, as shown. */
export type StoryErrorView = {
  kind?: string;
  message: string;
  /** After an unknown outcome: no new paid step before this time (ISO), see UNKNOWN_OUTCOME_GRACE_MS. */
  retryAt?: string;
  /** A finished video with scenes left out. */
  failedScenes?: { index: number; reason: string }[];
};

/** Vimmerse did not answer our refreshes lately (shown from the 2nd failure on). */
export type RefreshTrouble = { failures: number; since: string; reason: string };

/** What the browser polls: small, no storyboard unless it changed. */
export type StoryStatusView = {
  id: string;
  title: string;
  stage: Stage;
  status: Status;
  label: string;
  progress: number;
  error: StoryErrorView | null;
  version: number;
  sceneCount: number;
  thumbnailUrl: string | null;
  videoUrl: string | null;
  usedCredits: number;
  updatedAt: string;
  /** Consecutive failed refreshes from Vimmerse, when there were some. */
  refresh?: RefreshTrouble | null;
  /** The step can be reset to the last ready state without paying (it is failed or stuck). */
  canReset?: boolean;
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
  /** What the step was estimated to cost when it was sent (lib/stories/costs.ts); null before estimates existed. */
  estimate?: number | null;
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
