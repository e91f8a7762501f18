import "server-only";
import { getDb } from "@/lib/db";
import {
  beginAttempt,
  claimRefresh,
  createStory as insertStory,
  finishAttempt,
  getStory,
  saveStoryboard as saveStoryboardRow,
  updateStory,
  type StoryRow,
  type StorySummary,
} from "@/lib/db/queries";
import { refreshIntervalMs } from "@/lib/config";
import { vimmerse } from "@/lib/vimmerse/client";
import { isVimmerseError } from "@/lib/vimmerse/errors";
import type { Story } from "@/lib/vimmerse/story";
import type { NewStoryInput } from "@/lib/validation/new-story";
import type { Storyboard } from "@/lib/validation/storyboard";
import { ActionFailure } from "@/lib/actions/action";
import { stageLabel, type Stage, type Status, type StoryStatusView } from "./stages";

/**
 * The story workflow: our database is the source of truth for what the user edited, Vimmerse for what it
 * generated. Every paid call goes through `beginAttempt` so one intention sends exactly one request.
 */

function cleanElements(list: NewStoryInput["characters"]) {
  return list.map((e) => ({
    name: e.name,
    description: e.description,
    ...(e.image_url ? { image_url: e.image_url } : {}),
  }));
}

export function settingsFromInput(input: NewStoryInput) {
  return {
    sceneCount: input.sceneCount,
    language: input.language,
    aspectRatio: input.aspectRatio,
    audio: input.audio,
    elements: {
      characters: cleanElements(input.characters),
      environments: cleanElements(input.environments),
      objects: cleanElements(input.objects),
    },
    imageUrls: input.imageUrls.map((u) => u.url),
  };
}

export type UploadedImage = { name: string; type: string; data: Blob };

/**
 * Step 1. Creates our story row (id = the form's requestId, so a double submit finds the same story) and sends
 * POST /story once. A definite upstream refusal removes the row again so the user can fix and resend; an
 * unknown outcome (timeout, dropped connection) keeps it, marked failed, so nothing is resent blindly.
 */
export async function createStoryFromForm(input: NewStoryInput, files: UploadedImage[]): Promise<{ storyId: string }> {
  const db = await getDb();
  const existing = await getStory(db, input.requestId);
  if (existing) return { storyId: existing.id };

  const settings = settingsFromInput(input);
  const imageCount = files.length || settings.imageUrls.length;
  let row: StoryRow;
  try {
    row = await insertStory(db, {
      id: input.requestId,
      mode: "advanced",
      title: input.title,
      idea: input.idea,
      settings: { ...settings, uploadedImages: files.map((f) => f.name) },
      stage: "storyboard",
      status: "submitting",
    });
  } catch (e) {
    // A concurrent submit of the same form inserted it first.
    const again = await getStory(db, input.requestId);
    if (again) return { storyId: again.id };
    throw e;
  }

  const { attempt, created } = await beginAttempt(db, {
    storyId: row.id,
    step: "storyboard",
    idempotencyKey: `storyboard:${row.id}:1`,
    request: { idea: input.idea.slice(0, 200), sceneCount: imageCount || input.sceneCount, images: imageCount },
  });
  if (!created) return { storyId: row.id };

  const hasElements =
    settings.elements.characters.length + settings.elements.environments.length + settings.elements.objects.length > 0;
  try {
    const story = await vimmerse().createStoryboard({
      idea: input.idea,
      ...(input.title ? { title: input.title } : {}),
      ...(imageCount ? {} : { scene_count: input.sceneCount }),
      language: input.language,
      aspect_ratio: input.aspectRatio,
      audio_option: {
        has_bg_music: input.audio.hasBgMusic,
        has_narration: input.audio.nativeAudio ? false : input.audio.hasNarration,
        native_audio: input.audio.nativeAudio,
        narrator: input.audio.narrator,
      },
      ...(hasElements ? { elements: settings.elements } : {}),
      ...(files.length ? { image_files: files } : settings.imageUrls.length ? { image_urls: settings.imageUrls } : {}),
    });
    await finishAttempt(db, attempt.id, { state: "succeeded", responseStatus: 200 });
    await updateStory(db, row.id, { vimmerseId: story.id, status: "generating" });
    await applyUpstream(row.id, story);
    return { storyId: row.id };
  } catch (e) {
    if (isVimmerseError(e) && !e.outcomeUnknown) {
      await finishAttempt(db, attempt.id, { state: "failed", responseStatus: e.status ?? null, error: { kind: e.kind } });
      const { deleteStory } = await import("@/lib/db/queries");
      await deleteStory(db, row.id);
      throw e;
    }
    const message = isVimmerseError(e)
      ? e.userMessage
      : "We could not reach Vimmerse. The storyboard may still be created; check back before trying again.";
    await finishAttempt(db, attempt.id, { state: "unknown", error: { kind: isVimmerseError(e) ? e.kind : "internal" } });
    await updateStory(db, row.id, { status: "failed", error: { kind: "outcome_unknown", message } });
    throw e;
  }
}

function firstImage(board: Storyboard | null | undefined): string | null {
  if (!board) return null;
  for (const s of board.scenes ?? []) if (s.image_url) return s.image_url;
  for (const list of [board.characters, board.environments, board.objects]) {
    for (const e of list ?? []) if (e.image_url) return e.image_url;
  }
  return null;
}

function boardIsComplete(board: Storyboard | null | undefined): board is Storyboard {
  return Boolean(board && board.scenes && board.scenes.length > 0);
}

/** Folds a story object from Vimmerse into our row. Never moves a finished story backwards. */
export async function applyUpstream(id: string, story: Story): Promise<StoryRow | null> {
  const db = await getDb();
  const row = await getStory(db, id);
  if (!row) return null;
  const stage = row.stage as Stage;
  let status: Status = row.status as Status;
  let error: { kind?: string; message: string } | null = null;

  const upstreamBoard = story.storyboard as Storyboard | undefined;
  const storyboardDone = stage === "storyboard" && boardIsComplete(upstreamBoard) && story.status !== "processing";

  if (story.status === "fail") {
    status = "failed";
    error = { kind: "upstream_failed", message: story.message || "Vimmerse could not finish this step. Try it again." };
  } else if (stage === "storyboard") {
    status = storyboardDone ? "ready" : "generating";
  } else if (story.status === "success" && (stage === "videos" || stage === "concat" || stage === "auto")) {
    status = story.video_url ? "done" : "generating";
  } else if (story.status === "processing") {
    status = "generating";
  }

  if (row.status === "done" && status === "generating" && story.status !== "processing") status = "done";

  let version = row.version;
  if (storyboardDone && row.version === 0 && upstreamBoard) {
    const saved = await saveStoryboardRow(db, { id, baseVersion: 0, storyboard: upstreamBoard, source: "upstream" });
    if (saved.ok) version = saved.version;
  }

  const board = version > 0 ? ((await getStory(db, id))?.storyboard as Storyboard | null) : upstreamBoard;
  const progress = status === "ready" || status === "done" ? 100 : Math.max(0, Math.min(100, story.progress_percentage ?? 0));
  return updateStory(db, id, {
    status,
    upstreamStatus: story.status,
    progress,
    error,
    lastStory: story as unknown as Record<string, unknown>,
    lastStoryAt: new Date(),
    sceneCount: board?.scenes?.length ?? row.sceneCount,
    thumbnailUrl: firstImage(board) ?? row.thumbnailUrl,
    videoUrl: story.video_url || row.videoUrl,
    usedCredits: story.used_credits ?? row.usedCredits,
    ...(row.title ? {} : story.title ? { title: story.title } : {}),
  });
}

/**
 * Refreshes an active story from Vimmerse at most once per interval, however many browsers poll it
 * (the lease is taken in the database, so this holds across app instances too).
 */
export async function refreshStory(id: string): Promise<StoryRow | null> {
  const db = await getDb();
  const row = await getStory(db, id);
  if (!row) return null;
  const active = row.status === "generating" || (row.status === "submitting" && row.vimmerseId);
  if (!active || !row.vimmerseId) return row;
  if (!(await claimRefresh(db, id, refreshIntervalMs()))) return row;
  try {
    const story = await vimmerse().getStory(row.vimmerseId);
    return (await applyUpstream(id, story)) ?? row;
  } catch (e) {
    // Polling is best effort: a failed refresh is retried at the next interval.
    if (!isVimmerseError(e)) console.error("[refresh] unexpected error", e);
    return row;
  }
}

export function toStatusView(row: StorySummary): StoryStatusView {
  const stage = row.stage as Stage;
  const status = row.status as Status;
  const error = row.error as { kind?: string; message: string } | null;
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
