import "server-only";
import { getDb } from "@/lib/db";
import {
  claimRefresh,
  clearRefreshFailures,
  finishAttempt,
  getStory,
  listAttempts,
  listSweepCandidates,
  updateStoryIfStatus,
  type StoryRow,
} from "@/lib/db/queries";
import { refreshIntervalMs, sweepIntervalMs } from "@/lib/config";
import { DomainError } from "./errors";
import { markStaleSend, markStuckStage, previousReadyState, canReset } from "./lifecycle";
import { fetchAndApply, refreshStory } from "./service";
import { UNSETTLED_ERROR_KINDS } from "./stages";

/**
 * The background sweep: one idempotent pass over the stories that are not settled.
 * 1. stale sends: "submitting" older than the request timeout -> outcome unknown (never resent);
 * 2. stuck stages: past their maximum time (STAGE_MAX_MS) -> failed with a message (the user can re-check or reset);
 * 3. refresh of followed stories from Vimmerse, through the refresh lease (so it adds no GET a viewer already made).
 * Run by the Node server's interval (SWEEP_INTERVAL_MS, startSweeper) and by GET /api/cron/sweep (CRON_SECRET), so it
 * also runs where nothing stays resident. Every write is conditional, so overlapping sweeps cannot do anything twice.
 */

export type SweepReport = { checked: number; staleSends: number; stuck: number; refreshed: number; tookMs: number };

let running: Promise<SweepReport> | null = null;

export function runSweep(opts: { now?: Date } = {}): Promise<SweepReport> {
  // One pass at a time per process; a second call while one runs gets the same pass.
  running ??= sweepOnce(opts.now ?? new Date()).finally(() => {
    running = null;
  });
  return running;
}

async function sweepOnce(now: Date): Promise<SweepReport> {
  const started = Date.now();
  const db = await getDb();
  const report: SweepReport = { checked: 0, staleSends: 0, stuck: 0, refreshed: 0, tookMs: 0 };
  for (const row of await listSweepCandidates(db, UNSETTLED_ERROR_KINDS)) {
    report.checked++;
    try {
      if (await markStaleSend(row, now)) {
        report.staleSends++;
        continue;
      }
      // Refresh first: a stage that finished upstream is not called stuck.
      const before = row.lastRefreshedAt?.getTime() ?? 0;
      const after = await refreshStory(row.id);
      if ((after?.lastRefreshedAt?.getTime() ?? 0) > before) report.refreshed++;
      if (after && (await markStuckStage(after, now))) report.stuck++;
    } catch (e) {
      console.error("[sweep] story", row.id, e);
    }
  }
  report.tookMs = Date.now() - started;
  return report;
}

declare global {
  var __storyboardSweeper: ReturnType<typeof setInterval> | undefined;
}

/** Starts the interval of the Node server (instrumentation.ts). SWEEP_INTERVAL_MS=0: no interval (cron only). */
export function startSweeper(): void {
  const every = sweepIntervalMs();
  void runSweep().catch((e) => console.error("[sweep]", e)); // at start-up: pick up what a restart interrupted
  if (every === 0 || globalThis.__storyboardSweeper) return;
  globalThis.__storyboardSweeper = setInterval(() => void runSweep().catch((e) => console.error("[sweep]", e)), every);
  globalThis.__storyboardSweeper.unref?.();
}

// ---------------------------------------------------------------------------------------------------------------
// The user's way out of a stuck step

/**
 * "Check with Vimmerse again": one refresh now, whatever the lease (Vimmerse's Retry-After still holds). Works on a
 * story Vimmerse stopped answering for too. Throws a typed error saying why when it cannot ask.
 */
export async function recheckStory(storyId: string): Promise<StoryRow> {
  const db = await getDb();
  const row = await getStory(db, storyId);
  if (!row) throw new DomainError("not_found", "This story no longer exists.");
  if (!row.vimmerseId) {
    throw new DomainError(
      "validation",
      "Vimmerse never told us this story's id, and its API has no way to look a story up without it. If it was created, it is in your Vimmerse account (and one storyboard may have been charged).",
    );
  }
  if (!(await claimRefresh(db, storyId, refreshIntervalMs(), { force: true }))) {
    const at = row.refreshNotBefore?.toISOString();
    throw new DomainError("busy", `Vimmerse asked us to wait before asking again${at ? ` (until ${at.slice(11, 19)} UTC)` : ""}.`, {
      details: { retryAt: at },
    });
  }
  const after = await fetchAndApply(row);
  if (after.refreshFailures > row.refreshFailures) {
    throw new DomainError("busy", `Vimmerse did not answer: ${after.refreshError ?? "unknown reason"}`);
  }
  return after;
}

/**
 * "Reset this step": back to the last ready state (previousReadyState), no request to Vimmerse, nothing paid.
 * The open attempt keeps its state (an unknown outcome stays unknown: the grace period still protects a retry).
 */
export async function resetStep(storyId: string): Promise<StoryRow> {
  const db = await getDb();
  const row = await getStory(db, storyId);
  if (!row) throw new DomainError("not_found", "This story no longer exists.");
  const target = previousReadyState(row);
  if (!target) throw new DomainError("validation", "There is no earlier state to go back to: this story has no storyboard yet.");
  if (!canReset(row)) {
    throw new DomainError("busy", "This step is running and Vimmerse answers: wait for it, or reset it if it gets stuck.");
  }
  const written = await updateStoryIfStatus(db, storyId, row.status, {
    stage: target.stage,
    status: target.status,
    progress: target.status === "done" ? 100 : 0,
    error: null,
    upstreamStatus: "",
  });
  if (!written) throw new DomainError("busy", "The story changed meanwhile. Look at it again, then decide.");
  await clearRefreshFailures(db, storyId);
  const open = (await listAttempts(db, storyId)).find((a) => a.id === row.activeAttemptId && a.state === "sending");
  if (open) await finishAttempt(db, open.id, { state: "unknown", error: { kind: "reset_by_user" } });
  return (await getStory(db, storyId)) ?? written;
}
