import "server-only";
import { getDb } from "@/lib/db";
import {
  finishAttempt,
  latestUnknownAttempt,
  listAttempts,
  recordRefreshFailure,
  updateStoryIfStatus,
  type AttemptRow,
  type StoryRow,
} from "@/lib/db/queries";
import type { StoryError } from "@/lib/db/schema";
import { refreshIntervalMs, unknownOutcomeGraceMs, vimmerseConnection } from "@/lib/config";
import { isVimmerseError, type VimmerseErrorKind } from "@/lib/vimmerse/errors";
import type { Storyboard } from "@/lib/validation/storyboard";
import { DomainError } from "./errors";
import { allElementsHaveImages, allScenesHaveImages } from "./merge";
import {
  isUnsettledKind,
  PERMANENT_REFRESH_FAILURE_LIMIT,
  STAGE_MAX_MS,
  stageLabel,
  type Stage,
  type Status,
} from "./stages";

/**
 * The lifecycle rules of a story, each in one function: when a send is stale, when a stage is stuck, what repeated
 * refresh failures do, the grace period after an unknown outcome, and the state a reset goes back to.
 * Used by the sweep (lib/stories/sweep.ts), refreshStory and runStep.
 */

export function errorKind(row: Pick<StoryRow, "error">): string | undefined {
  return (row.error as StoryError | null)?.kind;
}

/** The story is failed in a way where Vimmerse may still be working (lost request, stuck stage, no answers). */
export function isUnsettled(row: Pick<StoryRow, "status" | "error">): boolean {
  return row.status === "failed" && isUnsettledKind(errorKind(row));
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return `${m} minute${m === 1 ? "" : "s"}`;
}

/** "for 3 minutes" / "for 40 seconds". */
export function forHowLong(ms: number): string {
  if (ms < 90_000) {
    const s = Math.max(1, Math.round(ms / 1000));
    return `${s} second${s === 1 ? "" : "s"}`;
  }
  return minutes(ms);
}

// ---------------------------------------------------------------------------------------------------------------
// Stale sends and stuck stages

/** A send older than this cannot still be in flight on any instance (request timeout + margin). */
export function staleSendMs(): number {
  return vimmerseConnection().timeoutMs + 5_000;
}

export function stageStartedAt(row: Pick<StoryRow, "stageStartedAt" | "createdAt">): Date {
  return row.stageStartedAt ?? row.createdAt;
}

/**
 * A story still "submitting" whose send is older than the timeout: the process that sent it is gone (killed,
 * restarted, serverless instance frozen). Its outcome is unknown: marked so, never resent. True when it marked it.
 */
export async function markStaleSend(row: StoryRow, now: Date): Promise<boolean> {
  if (row.status !== "submitting") return false;
  const db = await getDb();
  const cutoff = now.getTime() - staleSendMs();
  const open = (await listAttempts(db, row.id)).find((a) => a.state === "sending");
  if (open ? open.createdAt.getTime() > cutoff : stageStartedAt(row).getTime() > cutoff) return false;
  const written = await updateStoryIfStatus(db, row.id, "submitting", {
    status: "failed",
    error: {
      kind: "outcome_unknown",
      message:
        "The server stopped while this step was being sent, so we do not know whether Vimmerse received it. " +
        (row.vimmerseId
          ? "Trying again first checks with Vimmerse, so it is not paid twice."
          : "If it did, one storyboard may have been charged; the Vimmerse API gives us no way to look it up."),
    },
  });
  if (written && open) await finishAttempt(db, open.id, { state: "unknown", error: { kind: "interrupted" } });
  return Boolean(written);
}

/** A stage past its maximum time (STAGE_MAX_MS): marked with a message; the user can re-check or reset. */
export async function markStuckStage(row: StoryRow, now: Date): Promise<boolean> {
  if (row.status !== "generating") return false;
  const elapsed = now.getTime() - stageStartedAt(row).getTime();
  if (elapsed <= STAGE_MAX_MS[row.stage]) return false;
  const db = await getDb();
  const written = await updateStoryIfStatus(db, row.id, "generating", {
    status: "failed",
    error: {
      kind: "stage_timeout",
      message:
        `${stageLabel(row.stage, "generating")} has not finished after ${minutes(elapsed)} (last seen at ${row.progress} %; ` +
        `the longest we wait is ${minutes(STAGE_MAX_MS[row.stage])}). Vimmerse may still finish it: "Check with Vimmerse again" ` +
        `looks now, "Reset this step" goes back to where you were before, without paying.`,
    },
  });
  return Boolean(written);
}

// ---------------------------------------------------------------------------------------------------------------
// Refresh failures

const PERMANENT_KINDS = new Set<VimmerseErrorKind>(["unauthorized", "forbidden", "not_found", "bad_request", "validation"]);

/**
 * A refresh from Vimmerse failed: count it, back off, honour Retry-After, and after
 * PERMANENT_REFRESH_FAILURE_LIMIT permanent failures (401/403/404/400) in a row mark the story failed with the reason.
 */
export async function onRefreshFailure(row: StoryRow, e: unknown): Promise<StoryRow> {
  const db = await getDb();
  const reason = isVimmerseError(e) ? e.userMessage : "the refresh failed on our side";
  const backoffMs = Math.min(5 * 60_000, refreshIntervalMs() * 2 ** Math.min(row.refreshFailures + 1, 10));
  const retryAfterMs = isVimmerseError(e) && e.retryAfterSeconds ? e.retryAfterSeconds * 1000 : undefined;
  const after = (await recordRefreshFailure(db, row.id, { reason, backoffMs, retryAfterMs })) ?? row;
  const permanent = isVimmerseError(e) && PERMANENT_KINDS.has(e.kind);
  if (!permanent || after.refreshFailures < PERMANENT_REFRESH_FAILURE_LIMIT) return after;
  if (after.status !== "generating" && !(after.status === "failed" && errorKind(after) === "outcome_unknown")) return after;
  const since = after.refreshFailingSince ?? new Date();
  const written = await updateStoryIfStatus(db, row.id, after.status, {
    status: "failed",
    error: {
      kind: "upstream_unreachable",
      message: `Vimmerse has not answered for ${forHowLong(Date.now() - since.getTime())} (${after.refreshFailures} tries): ${reason} We stopped asking. "Check with Vimmerse again" asks once more; "Reset this step" goes back to where you were before, without paying.`,
    },
  });
  return written ?? after;
}

// ---------------------------------------------------------------------------------------------------------------
// The grace period after an unknown outcome

/**
 * After a paid request with an unknown outcome, a late answer may still start the job upstream (a POST answered
 * after 9 s when we gave up at 4 s). No new paid step of the story is sent until UNKNOWN_OUTCOME_GRACE_MS after we
 * gave up; then the retry first checks with Vimmerse (adoptIfStarted). Within it: a typed "busy" error saying when.
 */
export async function assertGraceOver(
  storyId: string,
  now: Date = new Date(),
  /** The story's newest unknown attempt when the caller read it already (lib/db/steps.ts); else it is read here. */
  lastUnknown?: Pick<AttemptRow, "createdAt" | "finishedAt"> | null,
): Promise<void> {
  const attempt = lastUnknown !== undefined ? lastUnknown : await latestUnknownAttempt(await getDb(), storyId);
  if (!attempt) return;
  const retryAt = graceEndsAt(attempt);
  if (retryAt <= now) return;
  const seconds = Math.ceil((retryAt.getTime() - now.getTime()) / 1000);
  throw new DomainError(
    "busy",
    `Vimmerse did not answer the last request in time, and it may still start it. To avoid paying twice, try again in ${seconds} s (at ${retryAt.toISOString().slice(11, 19)} UTC); we will check with Vimmerse first.`,
    { kind: "unknown_outcome_grace", details: { retryAt: retryAt.toISOString() } },
  );
}

/** The rule: a new paid step may be sent UNKNOWN_OUTCOME_GRACE_MS after we gave up on the unknown one. */
function graceEndsAt(attempt: Pick<AttemptRow, "createdAt" | "finishedAt">): Date {
  return new Date((attempt.finishedAt ?? attempt.createdAt).getTime() + unknownOutcomeGraceMs());
}

/** When a new paid step may be tried after the story's last unknown outcome (null: now). */
export async function graceRetryAt(storyId: string): Promise<string | undefined> {
  const attempt = await latestUnknownAttempt(await getDb(), storyId);
  if (!attempt) return undefined;
  const at = graceEndsAt(attempt);
  return at.getTime() > Date.now() ? at.toISOString() : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Reset

/**
 * Where "Reset this step" goes: the last state the creator could work from, judged by what the saved storyboard and
 * story hold. Null when there is none (no storyboard yet: start again instead).
 */
export function previousReadyState(row: Pick<StoryRow, "storyboard" | "version" | "videoUrl">): { stage: Stage; status: Status } | null {
  const board = row.storyboard as Storyboard | null;
  if (!board || row.version === 0) return null;
  if (row.videoUrl) return { stage: "videos", status: "done" };
  if (board.scenes.length > 0 && allScenesHaveImages(board)) return { stage: "scenes", status: "ready" };
  const elements = board.characters.length + board.environments.length + board.objects.length;
  if (elements > 0 && allElementsHaveImages(board)) return { stage: "elements", status: "ready" };
  return { stage: "storyboard", status: "ready" };
}

/** A step may be reset when it failed, or while it runs but Vimmerse has stopped answering for it. */
export function canReset(row: Pick<StoryRow, "status" | "storyboard" | "version" | "videoUrl" | "refreshFailures">): boolean {
  return resettable(previousReadyState(row) !== null, row);
}

/** canReset, given whether there is a ready state to go back to (the status poll knows it without the storyboard). */
export function resettable(hasReadyState: boolean, row: Pick<StoryRow, "status" | "refreshFailures">): boolean {
  if (!hasReadyState) return false;
  return row.status === "failed" || (row.status === "generating" && row.refreshFailures >= 3);
}
