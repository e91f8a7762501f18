import "server-only";
import { getDb } from "@/lib/db";
import {
  claimRefresh,
  listAttempts,
  setAttemptCredits,
  getStory,
  saveStoryboard as saveStoryboardRow,
  updateStory,
  type StoryRow,
  type StorySummary,
  type AttemptRow,
} from "@/lib/db/queries";
import { refreshIntervalMs } from "@/lib/config";
import { vimmerse } from "@/lib/vimmerse/client";
import { isVimmerseError } from "@/lib/vimmerse/errors";
import type { Story } from "@/lib/vimmerse/story";
import type { Storyboard } from "@/lib/validation/storyboard";
import { ActionFailure } from "@/lib/actions/action";
import { stageLabel, type MediaCounts, type SceneVideo, type Stage, type Status, type StoryStatusView } from "./stages";
import { allElementsHaveImages, allScenesHaveImages, fillMissingMedia } from "./merge";

/**
 * The story workflow: our database is the source of truth for what the user edited, Vimmerse for what it
 * generated. Every paid call goes through `beginAttempt` so one intention sends exactly one request.
 */

export function firstImage(board: Storyboard | null | undefined): string | null {
  if (!board) return null;
  for (const s of board.scenes ?? []) if (s.image_url) return s.image_url;
  for (const list of [board.characters, board.environments, board.objects]) {
    for (const e of list ?? []) if (e.image_url) return e.image_url;
  }
  return null;
}

function hasScenes(board: Storyboard | null | undefined): board is Storyboard {
  return Boolean(board && board.scenes && board.scenes.length > 0);
}

/**
 * Whether Vimmerse's story shows the current stage finished. Lenient: the real API's statuses are loose. A video
 * stage counts as finished only with a video that is new to us, or after Vimmerse was seen working on it, so a
 * re-compose is not "done" on the strength of the previous video.
 */
function stageComplete(stage: Stage, story: Story, row: StoryRow): boolean {
  const board = story.storyboard;
  switch (stage) {
    case "storyboard":
      return hasScenes(board) && story.status !== "processing";
    case "elements":
      return story.status !== "processing" && allElementsHaveImages(board);
    case "scenes":
      return story.status !== "processing" && allScenesHaveImages(board);
    default:
      return (
        story.status === "success" &&
        Boolean(story.video_url) &&
        (story.video_url !== row.videoUrl || row.upstreamStatus === "processing")
      );
  }
}

/**
 * Folds a story object from Vimmerse into our row: status and progress of the current stage, generated media
 * copied into the creator's storyboard (text is never overwritten), the final video, credits.
 * Never moves a story backwards: once a stage is ready, done or failed, a late answer cannot reopen it.
 */
export async function applyUpstream(id: string, story: Story): Promise<StoryRow | null> {
  const db = await getDb();
  const row = await getStory(db, id);
  if (!row) return null;
  if (row.vimmerseId && story.id && story.id !== row.vimmerseId) return row;
  if (row.status !== "submitting" && row.status !== "generating") return row;

  const stage = row.stage as Stage;
  const complete = stageComplete(stage, story, row);
  const failed = story.status === "fail";
  const status: Status = failed ? "failed" : complete ? (FINAL_STAGES.has(stage) ? "done" : "ready") : "generating";
  const error = failed
    ? { kind: "upstream_failed", message: story.message || "Vimmerse could not finish this step. Try it again." }
    : null;

  // The storyboard: Vimmerse's first one becomes version 1; later, only its media are copied into ours.
  const upstreamBoard = story.storyboard;
  let board = row.storyboard as Storyboard | null;
  for (let tries = 0; tries < 3 && hasScenes(upstreamBoard); tries++) {
    const current = tries === 0 ? row : await getStory(db, id);
    if (!current) return null;
    const mine = current.storyboard as Storyboard | null;
    const next = current.version === 0 || !mine ? upstreamBoard : fillMissingMedia(mine, upstreamBoard);
    if (mine && current.version > 0 && JSON.stringify(next) === JSON.stringify(mine)) {
      board = mine;
      break;
    }
    const saved = await saveStoryboardRow(db, { id, baseVersion: current.version, storyboard: next, source: "upstream" });
    if (saved.ok) {
      board = next;
      break;
    }
  }

  if ((complete || failed) && row.activeAttemptId) {
    const attempt = (await listAttempts(db, id)).find((a) => a.id === row.activeAttemptId);
    if (attempt && attempt.creditsBefore !== null) {
      await setAttemptCredits(db, attempt.id, Math.max(0, story.used_credits - attempt.creditsBefore));
    }
  }

  const progress = complete ? 100 : Math.max(row.progress, Math.min(99, Math.round(story.progress_percentage ?? 0)));
  return updateStory(db, id, {
    status,
    upstreamStatus: story.rawStatus || story.status,
    progress,
    error,
    lastStory: story as unknown as Record<string, unknown>,
    lastStoryAt: new Date(),
    thumbnailUrl: firstImage(board) ?? row.thumbnailUrl,
    videoUrl: story.video_url || row.videoUrl,
    usedCredits: Math.max(row.usedCredits, story.used_credits ?? 0),
    ...(row.title ? {} : story.title ? { title: story.title } : {}),
  });
}

const FINAL_STAGES = new Set<Stage>(["videos", "concat", "auto"]);

/**
 * Refreshes an active story from Vimmerse at most once per interval, however many browsers poll it
 * (the lease is taken in the database, so this holds across app instances too).
 */
export async function refreshStory(id: string, opts: { force?: boolean } = {}): Promise<StoryRow | null> {
  const db = await getDb();
  const row = await getStory(db, id);
  if (!row) return null;
  const active = row.status === "generating" || (row.status === "submitting" && row.vimmerseId);
  if (!active || !row.vimmerseId) return row;
  // A webhook forces one refresh (deliveries are deduplicated, so this stays bounded).
  if (!(await claimRefresh(db, id, refreshIntervalMs())) && !opts.force) return row;
  try {
    const story = await vimmerse().getStory(row.vimmerseId);
    return (await applyUpstream(id, story)) ?? row;
  } catch (e) {
    // Polling is best effort: a failed refresh is retried at the next interval.
    if (!isVimmerseError(e)) console.error("[refresh] unexpected error", e);
    return row;
  }
}

function mediaCounts(board: Storyboard | null): MediaCounts | undefined {
  if (!board) return undefined;
  const elements = [...board.characters, ...board.environments, ...board.objects];
  return {
    elements: { withImage: elements.filter((e) => e.image_url).length, total: elements.length },
    scenes: {
      withImage: board.scenes.filter((s) => s.image_url).length,
      withNarration: board.scenes.filter((s) => s.narration_url).length,
      total: board.scenes.length,
    },
    music: Boolean(board.music?.music_url),
  };
}

function sceneVideos(last: Record<string, unknown> | null): SceneVideo[] | undefined {
  const views = (last as Partial<Story> | null)?.mediaViews;
  if (!Array.isArray(views) || views.length === 0) return undefined;
  return views.map((m, index) => {
    const s = (m.status || "").toLowerCase();
    const status: SceneVideo["status"] =
      s === "fail" || s === "failed" || s === "error"
        ? "failed"
        : s === "success" || s === "finished" || s === "done" || m.video_url
          ? "finished"
          : s === "processing" || s === "rendering" || s === "running"
            ? "rendering"
            : "queued";
    return { index, status, reason: m.error || "", videoUrl: m.video_url || "" };
  });
}

/** What the browser sees of a story's progress. Pass the full row (and its attempts) for the editor's view. */
export function toStatusView(row: StorySummary | StoryRow, attempts?: AttemptRow[]): StoryStatusView {
  const stage = row.stage as Stage;
  const status = row.status as Status;
  const error = row.error as { kind?: string; message: string } | null;
  const full = "storyboard" in row ? row : null;
  return {
    id: row.id,
    title: row.title,
    stage,
    status,
    label: stageLabel(stage, status),
    progress: row.progress,
    error: error ?? null,
    version: row.version,
    sceneCount: row.sceneCount,
    thumbnailUrl: row.thumbnailUrl,
    videoUrl: row.videoUrl,
    usedCredits: row.usedCredits,
    updatedAt: row.updatedAt.toISOString(),
    ...(full
      ? {
          media: mediaCounts(full.storyboard as Storyboard | null),
          sceneVideos: stage === "videos" || stage === "auto" || stage === "concat" ? sceneVideos(full.lastStory) : undefined,
        }
      : {}),
    ...(attempts
      ? {
          steps: attempts.map((a) => ({
            id: a.id,
            step: a.step,
            state: a.state,
            creditsUsed: a.creditsUsed,
            at: a.createdAt.toISOString(),
          })),
        }
      : {}),
  };
}

export async function saveEditedStoryboard(args: { storyId: string; baseVersion: number; storyboard: Storyboard }) {
  const db = await getDb();
  const result = await saveStoryboardRow(db, {
    id: args.storyId,
    baseVersion: args.baseVersion,
    storyboard: args.storyboard,
    source: "edit",
  });
  if (result.ok) {
    await updateStory(db, args.storyId, {
      sceneCount: args.storyboard.scenes.length,
      thumbnailUrl: firstImage(args.storyboard),
    });
    return { version: result.version, savedAt: result.updatedAt.toISOString() };
  }
  if (result.reason === "not_found") throw new ActionFailure("not_found", "This story no longer exists.");
  throw new ActionFailure(
    "conflict",
    `Someone saved this storyboard after you opened it (now version ${result.current.version}).`,
    {
      details: {
        version: result.current.version,
        storyboard: result.current.storyboard,
        savedAt: result.current.updatedAt.toISOString(),
      },
    },
  );
}
