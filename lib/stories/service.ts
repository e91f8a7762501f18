import "server-only";
import { storyTitle, titleSceneTitle } from "./title";
import { getDb } from "@/lib/db";
import {
  claimRefresh,
  clearRefreshFailures,
  deleteStoryIfIdle,
  claimRefreshRow,
  getAttempt,
  setAttemptCredits,
  finishAttempt,
  getStory,
  getStoryboardVersion,
  listStoryboardVersions,
  updateStory,
  updateStoryIfStatus,
  saveStoryboard as saveStoryboardRow,
  type StoryRow,
  type DashboardStory,
  type StorySummary,
  type AttemptRow,
} from "@/lib/db/queries";
import { after } from "next/server";
import { refreshIntervalMs, statusRouteBudgetMs } from "@/lib/config";
import { vimmerse } from "@/lib/vimmerse/client";
import { isVimmerseError } from "@/lib/vimmerse/errors";
import type { Story } from "@/lib/vimmerse/story";
import type { Storyboard } from "@/lib/validation/storyboard";
import { DomainError } from "./errors";
import { publishStoryEvent } from "@/lib/live/bus";
import { errorKind, canReset, isUnsettled, onRefreshFailure, resettable } from "./lifecycle";
import { PARTIAL_VIDEO_KIND, storyLabel, type MediaCounts, type SceneVideo, type Stage, type Status, type StepRecord, type StoryStatusView } from "./stages";
import { getPollSources, getStoryPoll, type PollAttempt, type StoryPollRow } from "@/lib/db/poll";
import { fillMissingMedia, replaceSceneImage } from "./merge";
import { allElementsHaveImages, allScenesHaveImages, idsOf, withIds, type SentIds } from "./model";
import { threeWayMerge } from "./three-way";
import { log } from "@/lib/log";

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
 * Whether Vimmerse's story shows the current stage finished. Lenient, since the real API's statuses are loose:
 * - element and scene steps end when every element/scene has its image, or when Vimmerse stops working on them
 *   after it was seen working (then the missing ones are reported);
 * - a video stage ends only with a video that is new to us, or after Vimmerse was seen working on it, so a
 *   re-compose is not "done" on the strength of the previous video.
 */
function stageComplete(stage: Stage, story: Story, row: StoryRow): boolean {
  const board = story.storyboard;
  const wasWorking = row.upstreamStatus === "processing";
  switch (stage) {
    case "storyboard":
      return hasScenes(board) && story.status !== "processing";
    case "elements":
      return story.status !== "processing" && (allElementsHaveImages(board) || wasWorking);
    case "scenes":
      return story.status !== "processing" && (allScenesHaveImages(board) || wasWorking);
    default:
      return story.status === "success" && Boolean(story.video_url) && (story.video_url !== row.videoUrl || wasWorking);
  }
}

function missingMedia(stage: Stage, board: Storyboard | null): string | null {
  if (!board) return null;
  if (stage === "elements") {
    const missing = [...board.characters, ...board.environments, ...board.objects].filter((e) => !e.image_url).length;
    return missing ? `Vimmerse finished, but ${missing} element${missing === 1 ? " has" : "s have"} no image. Run the step again to fill ${missing === 1 ? "it" : "them"}; the others keep theirs.` : null;
  }
  if (stage === "scenes") {
    const missing = board.scenes.filter((s) => !s.image_url).length;
    return missing ? `Vimmerse finished, but ${missing} scene${missing === 1 ? " has" : "s have"} no image. Run the step again to fill ${missing === 1 ? "it" : "them"}; the others keep theirs.` : null;
  }
  return null;
}

/**
 * A step whose outcome we do not know (request timed out or lost, stage past its maximum time, Vimmerse not
 * answering): Vimmerse may or may not be working on it. See UNSETTLED_ERROR_KINDS.
 */
export function outcomeUnknown(row: Pick<StoryRow, "status" | "error">): boolean {
  return isUnsettled(row);
}

/**
 * Stories whose state we still learn from Vimmerse by ourselves: generating, or waiting to learn what a lost request
 * or a stuck stage did. One Vimmerse stopped answering for is only asked again on request (recheckStory).
 */
export function followed(row: Pick<StoryRow, "vimmerseId" | "status" | "error">): boolean {
  return (
    Boolean(row.vimmerseId) &&
    (row.status === "generating" || (outcomeUnknown(row) && errorKind(row) !== "upstream_unreachable"))
  );
}

/** Failed scene videos of a finished video (left out of it by Vimmerse). */
function failedSceneVideos(story: Story): { index: number; reason: string }[] {
  return (sceneVideos(story as unknown as Record<string, unknown>) ?? [])
    .filter((s) => s.status === "failed")
    .map((s) => ({ index: s.index, reason: s.reason || "Vimmerse gave no reason" }));
}

/**
 * The ids of the items Vimmerse's storyboard lists, in its order. Recorded by the paid step's attempt (`sentIds`);
 * for attempts made before ids existed, the ids of the storyboard version it sent (migration 0002 gave that snapshot
 * and the current storyboard the same ids); with no step of ours (automatic mode), the ids of version 1, which was
 * made from Vimmerse's own storyboard in its order.
 */
async function sentIdsOf(db: Awaited<ReturnType<typeof getDb>>, id: string, attempt: AttemptRow | undefined): Promise<SentIds | null> {
  const recorded = attempt?.request?.sentIds as SentIds | undefined;
  if (recorded && typeof recorded === "object") return recorded;
  const version = attempt?.request?.version;
  const wanted = typeof version === "number" && version > 0 ? [version, 1] : [1];
  for (const v of wanted) {
    // A stored version never changes: its ids are read once per process (a refresh every few seconds read the
    // whole snapshot each time; issue 11).
    const key = `${id}:${v}`;
    const known = sentIdsMemo.get(key);
    if (known) return known;
    const snapshot = await getStoryboardVersion(db, id, v);
    if (!snapshot) continue;
    const ids = idsOf(snapshot.storyboard);
    if (sentIdsMemo.size >= 2000) sentIdsMemo.delete(sentIdsMemo.keys().next().value!);
    sentIdsMemo.set(key, ids);
    return ids;
  }
  return null;
}

const sentIdsMemo = new Map<string, SentIds>();

/**
 * Folds a story object from Vimmerse into our row: status and progress of the current stage, generated media
 * copied into the creator's storyboard (text is never overwritten), the final video, credits.
 * Never moves a story backwards: once a stage is ready, done or failed, a late answer cannot reopen it; the final
 * write only happens if nobody changed the status meanwhile.
 */
export async function applyUpstream(id: string, story: Story, opts: ApplyOptions = {}): Promise<StoryRow | null> {
  return (await applyUpstreamTo(id, story, opts)).row;
}

export type ApplyOptions = {
  /** The row as the caller read or wrote it a moment ago (skips the re-read; issue 11). */
  row?: StoryRow;
  /** The story's active attempt when the caller has it (skips the lookup). */
  attempt?: AttemptRow;
  /** Write only while the stored status is this one (default: the row's). */
  ifStatus?: Status;
};

/** applyUpstream, also saying whether the story's status columns were written (false: nothing or a lost race). */
export async function applyUpstreamTo(id: string, story: Story, opts: ApplyOptions = {}): Promise<{ row: StoryRow | null; written: boolean }> {
  const db = await getDb();
  const row = opts.row ?? (await getStory(db, id));
  if (!row) return { row: null, written: false };
  if (row.vimmerseId && story.id && story.id !== row.vimmerseId) return { row, written: false };
  if (!followed(row) && !outcomeUnknown(row)) return { row, written: false };

  const stage = row.stage;
  const complete = stageComplete(stage, story, row);
  // A lost request is adopted only when Vimmerse shows it running or its result; otherwise nothing changes.
  // A stage past its maximum time is adopted only with its result (else it would be "stuck" again at once).
  const adoptRunning = story.status === "processing" && errorKind(row) !== "stage_timeout";
  if (outcomeUnknown(row) && !adoptRunning && !complete) return { row, written: false };

  const attempt = !row.activeAttemptId
    ? undefined
    : opts.attempt?.id === row.activeAttemptId
      ? opts.attempt
      : ((await getAttempt(db, row.activeAttemptId)) ?? undefined);
  const regenerate = typeof attempt?.request?.regenerateScene === "string" ? (attempt.request.regenerateScene as string) : null;
  // Vimmerse's items are ours by position in what was sent (the attempt's sentIds), whatever changed since.
  const sent = row.version > 0 ? await sentIdsOf(db, id, attempt) : null;

  // The storyboard: Vimmerse's first one becomes version 1 (with our ids); later, only its media are copied into ours.
  const upstreamBoard = story.storyboard;
  let board = row.storyboard as Storyboard | null;
  for (let tries = 0; tries < 3 && hasScenes(upstreamBoard); tries++) {
    const current = tries === 0 ? row : await getStory(db, id);
    if (!current) return { row: null, written: false };
    const mine = current.storyboard as Storyboard | null;
    let next = current.version === 0 || !mine ? withIds(upstreamBoard) : fillMissingMedia(mine, upstreamBoard, sent);
    if (complete && regenerate !== null && mine) next = replaceSceneImage(next, upstreamBoard, regenerate, sent);
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

  const failed = story.status === "fail";
  const partial = complete ? missingMedia(stage, board) : null;
  const status: Status = failed || partial ? "failed" : complete ? (FINAL_STAGES.has(stage) ? "done" : "ready") : "generating";
  // A finished video whose failed scenes Vimmerse left out: "done", but said so, with each scene's reason.
  const leftOut = status === "done" ? failedSceneVideos(story) : [];
  const error = failed
    ? { kind: "upstream_failed", message: story.message || "Vimmerse could not finish this step. Try it again." }
    : partial
      ? { kind: "incomplete", message: partial }
      : leftOut.length
        ? {
            kind: PARTIAL_VIDEO_KIND,
            message: `The video was made without ${leftOut.length === 1 ? "scene" : "scenes"} ${leftOut.map((f) => f.index + 1).join(", ")}: ${leftOut.map((f) => `scene ${f.index + 1}: ${f.reason}`).join("; ")}. Vimmerse has no per-scene retry: "Make the video again" re-runs step 3 for every scene (paid again).`,
            failedScenes: leftOut,
          }
        : null;

  if (attempt && outcomeUnknown(row) && attempt.state === "unknown") {
    await finishAttempt(db, attempt.id, { state: "succeeded", error: { kind: "adopted_after_unknown_outcome" } });
  }
  if ((complete || failed) && attempt && attempt.creditsBefore !== null) {
    await setAttemptCredits(db, attempt.id, Math.max(0, story.used_credits - attempt.creditsBefore));
  }

  const progress = complete ? 100 : Math.max(row.progress, Math.min(99, Math.round(story.progress_percentage ?? 0)));
  const shown = {
    status,
    progress,
    error,
    thumbnailUrl: firstImage(board) ?? row.thumbnailUrl,
    videoUrl: story.video_url || row.videoUrl,
    usedCredits: Math.max(row.usedCredits, story.used_credits ?? 0),
    ...(row.title ? {} : story.title ? { title: story.title } : {}),
  };
  const expected = opts.ifStatus ?? row.status;
  const written = await updateStoryIfStatus(
    db,
    id,
    expected,
    {
      ...shown,
      // While the step runs, remember that Vimmerse was seen working on it (stageComplete relies on it).
      upstreamStatus:
        status === "generating" && (story.status === "processing" || row.upstreamStatus === "processing")
          ? "processing"
          : story.rawStatus || story.status,
      lastStory: story as unknown as Record<string, unknown>,
      lastStoryAt: new Date(),
    },
    // updated_at (which the status view shows) moves only when something a viewer sees changed (issue 11: a
    // refresh every few seconds that changed nothing made every poll's ETag stale).
    { touch: expected !== row.status || changesWhatIsShown(row, shown) },
  );
  if (written && (written.status !== row.status || written.progress !== row.progress)) await publishStoryEvent({ storyId: id, type: "status" });
  return { row: written ?? (await getStory(db, id)), written: Boolean(written) };
}

const FINAL_STAGES = new Set<Stage>(["videos", "concat", "auto"]);

/** Whether a refresh's write changes a column the status view shows (the storyboard's own save touches it anyway). */
function changesWhatIsShown(row: StoryRow, next: Partial<StoryRow>): boolean {
  return (Object.keys(next) as (keyof StoryRow)[]).some((k) =>
    k === "error" ? JSON.stringify(row.error ?? null) !== JSON.stringify(next.error ?? null) : row[k] !== next[k],
  );
}

/**
 * What a poll answers with: the refreshed story, or, when Vimmerse is slow or hung, our database's copy after
 * STATUS_ROUTE_BUDGET_MS while the refresh finishes in the background (`after()`), so no viewer waits for the
 * whole upstream timeout.
 */
export async function refreshWithinBudget(id: string, opts: RefreshOptions = {}): Promise<StoryRow | null> {
  const refresh = refreshStory(id, opts);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), statusRouteBudgetMs());
  });
  const first = await Promise.race([refresh, budget]);
  clearTimeout(timer);
  if (first !== "late") return first;
  try {
    after(() => refresh.then(() => undefined));
  } catch {
    void refresh; // outside a request scope (tests): the promise runs on by itself
  }
  return getStory(await getDb(), id);
}

/**
 * The status poll (issue 11): answered from the lean row (lib/db/poll.ts); only when a refresh is due is the story
 * refreshed through the lease (claimRefresh decides, so still one upstream GET per interval) and read again.
 * Null: the story is gone.
 */
export async function pollStatus(row: StoryPollRow): Promise<StoryStatusView | null> {
  return (await pollAnswer(row))?.view ?? null;
}

/** pollStatus, with the poll row the view was made from (what lib/services/poll-cache.ts keeps it by). */
export async function pollAnswer(row: StoryPollRow): Promise<{ view: StoryStatusView; row: StoryPollRow } | null> {
  if (!followed(row) || !row.refreshDue) return { view: await toPollView(row), row };
  if (!(await refreshWithinBudget(row.id, { followed: true }))) return null;
  const again = await getStoryPoll(await getDb(), row.id);
  return again ? { view: await toPollView(again), row: again } : null;
}

type RefreshOptions = {
  /** A webhook forces one refresh (the lease is ignored; Retry-After still holds). */
  force?: boolean;
  /** The caller just saw the story followed (the poll's lean row): take the lease without reading the row first. */
  followed?: boolean;
};

/**
 * Refreshes an active story from Vimmerse at most once per interval, however many browsers poll it
 * (the lease is taken in the database, so this holds across app instances too).
 */
export async function refreshStory(id: string, opts: RefreshOptions = {}): Promise<StoryRow | null> {
  const db = await getDb();
  if (opts.followed) {
    // The lease first, with the row it leaves (one statement instead of a read and a lease; issue 11).
    const claimed = await claimRefreshRow(db, id, refreshIntervalMs(), { force: opts.force });
    if (!claimed) return getStory(db, id);
    return followed(claimed) ? fetchAndApply(claimed) : claimed;
  }
  const row = await getStory(db, id);
  if (!row) return null;
  if (!followed(row)) return row;
  // A webhook forces one refresh (deliveries are deduplicated, so this stays bounded); Retry-After still holds.
  if (!(await claimRefresh(db, id, refreshIntervalMs(), { force: opts.force }))) return row;
  return fetchAndApply(row);
}

/** One GET /story/{id} applied to the row; a failure is counted and shown (lib/stories/lifecycle.ts). */
export async function fetchAndApply(row: StoryRow): Promise<StoryRow> {
  try {
    const story = await vimmerse().getStory(row.vimmerseId!);
    const current = row.refreshFailures > 0 || row.refreshError ? ((await clearRefreshFailures(await getDb(), row.id)) ?? row) : row;
    // The row read when the lease was taken: status is written only if unchanged, progress and credits only grow,
    // the storyboard is merged by version (applyUpstream), so a save during the GET is not undone.
    return (await applyUpstream(row.id, story, { row: current })) ?? current;
  } catch (e) {
    if (!isVimmerseError(e)) log.error("refresh: unexpected error", { err: e });
    return onRefreshFailure(row, e);
  }
}

export function mediaCounts(board: Storyboard | null): MediaCounts | undefined {
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
export function toStatusView(row: StorySummary | StoryRow | DashboardStory, attempts?: PollAttempt[]): StoryStatusView {
  const stage = row.stage;
  const status = row.status;
  const error = row.error as StoryStatusView["error"];
  const full = "storyboard" in row ? row : null;
  return {
    id: row.id,
    // The creator's title, else the title scene's (the dashboard's rows carry it; full rows have the storyboard).
    title: storyTitle(row.title, "titleSceneTitle" in row ? row.titleSceneTitle : titleSceneTitle(full?.storyboard)),
    stage,
    status,
    label: storyLabel(stage, status, error),
    progress: row.progress,
    error: error ?? null,
    version: row.version,
    sceneCount: row.sceneCount,
    thumbnailUrl: row.thumbnailUrl,
    videoUrl: row.videoUrl,
    usedCredits: row.usedCredits,
    updatedAt: row.updatedAt.toISOString(),
    refresh:
      row.refreshFailures >= 2 && row.refreshFailingSince
        ? { failures: row.refreshFailures, since: row.refreshFailingSince.toISOString(), reason: row.refreshError ?? "" }
        : null,
    ...(full ? { canReset: canReset(full) } : {}),
    ...(full
      ? {
          media: mediaCounts(full.storyboard as Storyboard | null),
          sceneVideos: stage === "videos" || stage === "auto" || stage === "concat" ? sceneVideos(full.lastStory) : undefined,
        }
      : {}),
    ...(attempts ? { steps: stepRecords(attempts) } : {}),
  };
}

function stepRecords(attempts: (PollAttempt | AttemptRow)[]): StepRecord[] {
  return attempts.map((a) => ({
    id: a.id,
    step: a.step,
    state: a.state,
    creditsUsed: a.creditsUsed,
    estimate: recordedEstimate(a),
    at: a.createdAt.toISOString(),
  }));
}

/** The estimate a step was sent with: a column of the poll row, or inside the full row's request. */
function recordedEstimate(a: PollAttempt | AttemptRow): number | null {
  const e = "request" in a ? (a.request as { estimate?: { credits?: unknown } } | null)?.estimate?.credits : a.estimate;
  return typeof e === "number" ? e : null;
}

type PollExtras = { media?: MediaCounts; sceneVideos?: SceneVideo[] };
const POLL_MEMO_MAX = 5_000;
/** Media counts per (story, created, version) and scene videos per (story, last answer time): both never change. */
const pollMemo = new Map<string, PollExtras>();

function memoKeys(row: StoryPollRow) {
  return {
    board: row.hasStoryboard ? `b:${row.id}:${row.createdAt.getTime()}:${row.version}` : null,
    videos: FINAL_STAGES.has(row.stage) ? `v:${row.id}:${row.lastStoryAt?.getTime() ?? "none"}` : null,
  };
}

function remember(key: string, value: PollExtras) {
  if (pollMemo.size >= POLL_MEMO_MAX) pollMemo.delete(pollMemo.keys().next().value!);
  pollMemo.set(key, value);
}

/** The same view as toStatusView(full row, attempts), from the status poll's lean row (lib/db/poll.ts). */
export async function toPollView(row: StoryPollRow): Promise<StoryStatusView> {
  const keys = memoKeys(row);
  let board = keys.board ? pollMemo.get(keys.board) : {};
  let videos = keys.videos ? pollMemo.get(keys.videos) : {};
  if (!board || !videos) {
    const src = await getPollSources(await getDb(), row.id, { storyboard: !board, mediaViews: !videos });
    if (!board) remember(keys.board!, (board = { media: mediaCounts(src.storyboard) }));
    if (!videos) remember(keys.videos!, (videos = { sceneVideos: sceneVideos({ mediaViews: src.mediaViews }) }));
  }
  return {
    ...toStatusView(row),
    canReset: resettable(row.hasStoryboard && row.version > 0, row),
    media: board.media,
    sceneVideos: videos.sceneVideos,
    steps: stepRecords(row.attempts),
  };
}

/**
 * Saves the creator's storyboard if nobody saved since `baseVersion`. Versions that only Vimmerse added in between
 * (generated media) are not a conflict: the edit is merged with them by item id (three-way, base = the version the
 * editor loaded), and the stored storyboard is returned so the editor shows those media too. An edit by someone
 * else is a conflict, unless `overwrite`: then only what I changed since my base is written over theirs.
 */
export async function saveEditedStoryboard(args: { storyId: string; baseVersion: number; storyboard: Storyboard; overwrite?: boolean }) {
  const db = await getDb();
  const mine = withIds(args.storyboard);
  let base = args.baseVersion;
  let board = mine;
  let merged = mine !== args.storyboard;
  for (let tries = 0; tries < 3; tries++) {
    const result = await saveStoryboardRow(db, {
      id: args.storyId,
      baseVersion: base,
      storyboard: board,
      source: "edit",
      patch: { thumbnailUrl: firstImage(board) },
    });
    if (result.ok) {
      return { version: result.version, savedAt: result.updatedAt.toISOString(), ...(merged ? { storyboard: board } : {}) };
    }
    if (result.reason === "not_found") throw new DomainError("not_found", "This story no longer exists.");
    const theirs = result.current.storyboard;
    const newer = (await listStoryboardVersions(db, args.storyId)).filter((v) => v.version > args.baseVersion);
    const onlyMedia = newer.length > 0 && newer.every((v) => v.source === "upstream");
    if (theirs && (onlyMedia || args.overwrite)) {
      const loaded = (await getStoryboardVersion(db, args.storyId, args.baseVersion))?.storyboard ?? null;
      board = loaded ? threeWayMerge(loaded, mine, theirs) : fillMissingMedia(mine, theirs);
      base = result.current.version;
      merged = true;
      continue;
    }
    throw new DomainError(
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
  throw new DomainError("busy", "The storyboard is changing right now (new images are arriving). Save again in a moment.");
}

export async function renameStory(storyId: string, title: string) {
  const row = await updateStory(await getDb(), storyId, { title });
  if (!row) throw new DomainError("not_found", "This story no longer exists.");
  return { title: row.title };
}

/** Removes a story from the studio (not from Vimmerse); refused while a step is running. */
export async function removeStory(storyId: string) {
  // One conditional statement: a step claimed in another tab at the same moment cannot be deleted under it.
  const result = await deleteStoryIfIdle(await getDb(), storyId);
  if (result === "not_found") throw new DomainError("not_found", "This story no longer exists.");
  if (result === "active") {
    throw new DomainError("busy", "Vimmerse is working on this story. Wait until the step finishes, then delete it.");
  }
}
