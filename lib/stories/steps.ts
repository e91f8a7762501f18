import "server-only";
import { getDb } from "@/lib/db";
import {
  beginAttempt,
  claimStep,
  findOpenAttempt,
  finishAttempt,
  updateStory,
  type StoryRow,
} from "@/lib/db/queries";
import { getStepContext, type StepContext, type StepStory } from "@/lib/db/steps";
import { DomainError } from "./errors";
import { vimmerse, type CallOptions } from "@/lib/vimmerse/client";
import { paidSendSignal, refuseNewPaidWork } from "@/lib/shutdown";
import { isVimmerseError } from "@/lib/vimmerse/errors";
import type { Story } from "@/lib/vimmerse/story";
import type { Storyboard } from "@/lib/validation/storyboard";
import type { RegenerateSceneInput, RunStepInput } from "@/lib/validation/steps";
import { allScenesHaveImages, idsOf, narrationOn, scenesWithoutImage } from "./model";
import { applyUpstream, applyUpstreamTo, outcomeUnknown } from "./service";
import { assertGraceOver } from "./lifecycle";
import { unknownOutcomeGraceMs } from "@/lib/config";
import { webhookUrlFor } from "./webhooks";
import { log } from "@/lib/log";
import { estimateCost, type CostEstimate } from "./costs";
import { currentAttribution } from "@/lib/db/attribution";
import { stepDefaults } from "./defaults";
import { mediaCounts } from "./service";

/**
 * The paid steps of advanced mode. Money safety, in order:
 * 1. an intention (the browser's requestId) maps to one `step_attempts` row: a double click or a resubmit finds it;
 * 2. `claimStep` lets one caller start a step while none is running: a second tab or instance gets "busy";
 * 3. nothing is retried automatically; a timeout or dropped connection leaves the outcome "unknown", and the next
 *    try on purpose first asks Vimmerse whether the step is in fact running, and adopts it instead of resending.
 */

export type StepResult = { storyId: string; alreadySent: boolean };

type Step = RunStepInput["step"];

function requireStoryboard(row: StepStory): Storyboard {
  if (!row.vimmerseId && row.storyboard && row.version > 0) {
    // Duplicated or imported stories (lib/services/stories.ts): the API cannot take a storyboard without its story.
    throw new DomainError(
      "validation",
      "This story was duplicated or imported, so Vimmerse has no story for it: images and video can only be made for stories Vimmerse wrote. Edit, export and print it here.",
    );
  }
  if (!row.vimmerseId || !row.storyboard || row.version === 0) {
    throw new DomainError("busy", "This story has no storyboard yet. Wait until Vimmerse has written it.");
  }
  return row.storyboard as Storyboard;
}

function preconditions(step: Step, board: Storyboard, row: StepStory) {
  if (step === "videos") {
    const missing = scenesWithoutImage(board)[0] ?? -1;
    if (board.scenes.length === 0) throw new DomainError("validation", "Add at least one scene before making the video.");
    if (missing >= 0) {
      throw new DomainError(
        "validation",
        `Scene ${missing + 1} has no image yet. Generate scene images (step 2) first, or paste an image URL.`,
      );
    }
  }
  if (step === "scenes" && board.scenes.length === 0) {
    throw new DomainError("validation", "Add at least one scene first.");
  }
  if (step === "concat" && !row.videoUrl && !allScenesHaveImages(board)) {
    throw new DomainError("validation", "There is no video to re-compose yet. Make the video first (step 3).");
  }
}

/** What this step is expected to cost (lib/stories/costs.ts), recorded with the attempt so later estimates learn. */
function estimateFor(input: RunStepInput, row: StepStory, board: Storyboard, regenerate: boolean, observed: StepContext["spend"]): CostEstimate {
  const counts = mediaCounts(board)!;
  switch (input.step) {
    case "elements":
      return estimateCost({ step: "elements", counts, options: input.options, music: stepDefaults(row.settings, row.title).scenes.hasBgMusic }, observed);
    case "scenes":
      return estimateCost(regenerate ? { step: "scenes", regenerate } : { step: "scenes", counts, options: input.options }, observed);
    case "videos":
      return estimateCost(
        { step: "videos", counts, options: input.options, narration: narrationOn(stepDefaults(row.settings, row.title).scenes) },
        observed,
      );
    case "concat":
      return estimateCost({ step: "concat" }, observed);
  }
}

async function send(input: RunStepInput, row: StoryRow, board: Storyboard): Promise<Story | null> {
  const id = row.vimmerseId!;
  const client = vimmerse();
  // Aborted only when a shutdown outlasts SHUTDOWN_TIMEOUT_MS: the attempt is then recorded "unknown".
  const options: CallOptions = { signal: paidSendSignal() };
  switch (input.step) {
    case "elements":
      return client.generateElements(id, {
        option: input.options.option,
        aspect_ratio: input.options.aspectRatio,
        storyboard: board,
        enhance_image: input.options.enhanceImage,
        ...(input.options.seed !== undefined ? { seed: input.options.seed } : {}),
      }, options);
    case "scenes":
      return client.generateScenes(id, {
        option: input.options.option,
        aspect_ratio: input.options.aspectRatio,
        storyboard: board,
        enhance_image: input.options.enhanceImage,
        generate_elements: input.options.generateElements,
        narrator: input.options.narrator,
        audio_option: {
          has_bg_music: input.options.hasBgMusic,
          has_narration: narrationOn(input.options),
          native_audio: input.options.nativeAudio,
          narrator: input.options.narrator,
        },
        ...(input.options.seed !== undefined ? { seed: input.options.seed } : {}),
      }, options);
    case "videos":
      return client.generateVideos(id, {
        ...(input.options.title ? { title: input.options.title } : {}),
        storyboard: board,
        motion_type: input.options.motionType,
        duration: input.options.duration,
        loop: input.options.loop,
        is_transition: input.options.isTransition,
        webhook_url: webhookUrlFor(row),
      }, options);
    case "concat":
      return client.concat(id, undefined, options);
  }
}

/**
 * If the last try of this step has an unknown outcome, ask Vimmerse first: when it shows the step running or its
 * result, the story follows that (no second paid request); otherwise the try is closed as not started.
 */
async function adoptIfStarted(row: StepStory, step: Step): Promise<boolean> {
  if (!outcomeUnknown(row) || row.stage !== step || !row.vimmerseId) return false;
  const db = await getDb();
  const after = await applyUpstream(row.id, await vimmerse().getStory(row.vimmerseId));
  if (after && !outcomeUnknown(after)) return true;
  const open = await findOpenAttempt(db, row.id, step);
  if (open) await finishAttempt(db, open.id, { state: "failed", error: { kind: "not_started_after_unknown_outcome" } });
  return false;
}

/** The idempotency key of one intention (the browser's requestId) to run a step. */
function stepKey(input: Pick<RunStepInput, "step" | "requestId">): string {
  return `${input.step}:${input.requestId}`;
}

/**
 * What runStep checks, read in one statement (lib/db/steps.ts). The service layer reads it first to check the
 * story's workspace, then hands it to runStep. Null: no such story.
 */
export async function loadStepContext(input: Pick<RunStepInput, "step" | "requestId" | "storyId">): Promise<StepContext | null> {
  return getStepContext(await getDb(), input.storyId, stepKey(input), currentAttribution()?.workspaceId ?? null);
}

/**
 * Statements around the POST (issue 11): one read (context), the claim (which already points the story at the
 * attempt about to be recorded), the attempt recorded as "sending"; POST; the attempt's outcome, and Vimmerse's
 * answer applied with the status in one conditional write.
 */
export async function runStep(
  input: RunStepInput,
  extra: { regenerateScene?: string } = {},
  context?: StepContext | null,
): Promise<StepResult> {
  const db = await getDb();
  const key = stepKey(input);
  const ctx = context !== undefined ? context : await loadStepContext(input);
  if (!ctx) throw new DomainError("not_found", "This story no longer exists.");
  const row = ctx.row;
  const board = requireStoryboard(row);
  preconditions(input.step, board, row);

  // The same intention again (double click, resubmitted form): it was sent once already.
  if (ctx.keyUsed) return { storyId: row.id, alreadySent: true };

  // A request of this story with an unknown outcome may still be started by a late answer: wait out the grace period.
  await assertGraceOver(row.id, new Date(), ctx.lastUnknown);
  if (await adoptIfStarted(row, input.step)) return { storyId: row.id, alreadySent: true };

  refuseNewPaidWork();
  let estimate: CostEstimate | null = null;
  try {
    estimate = estimateFor(input, row, board, extra.regenerateScene !== undefined, ctx.spend);
  } catch (e) {
    log.warn("steps: no cost estimate", { storyId: row.id, err: e });
  }
  const before = {
    stage: row.stage,
    status: row.status,
    progress: row.progress,
    error: row.error,
    upstreamStatus: row.upstreamStatus,
    activeAttemptId: row.activeAttemptId,
  };
  // upstreamStatus is cleared so this step's progress is judged on what Vimmerse says from now on. The story points
  // at the attempt recorded next (its id chosen here), so no third statement is needed for that.
  const attemptId = crypto.randomUUID();
  const claimed = await claimStep(db, row.id, input.step, { upstreamStatus: "", activeAttemptId: attemptId });
  if (!claimed) {
    throw new DomainError("busy", "Another step of this story is running. Wait for it to finish, then try again.");
  }

  const { attempt, created } = await beginAttempt(db, {
    id: attemptId,
    storyId: row.id,
    step: input.step,
    idempotencyKey: key,
    // Which items were sent in which order: generated media come back onto these ids (lib/stories/merge.ts).
    request: { step: input.step, version: row.version, options: input.options ?? {}, sentIds: idsOf(board), ...extra,
      ...(estimate ? { estimate: { credits: estimate.credits, base: estimate.base, source: estimate.source } } : {}) },
    creditsBefore: row.usedCredits,
    storyTitle: row.title,
    vimmerseId: row.vimmerseId,
  });
  if (!created) {
    await updateStory(db, row.id, before);
    return { storyId: row.id, alreadySent: true };
  }

  // Regenerating a scene: Vimmerse fills only what is missing, so that scene goes without its image.
  const sent =
    extra.regenerateScene === undefined
      ? board
      : { ...board, scenes: board.scenes.map((sc) => (sc.id === extra.regenerateScene ? { ...sc, image_url: "" } : sc)) };

  let story: Story | null;
  try {
    story = await send(input, claimed, sent);
  } catch (e) {
    if (isVimmerseError(e) && e.outcomeUnknown) {
      await finishAttempt(db, attempt.id, { state: "unknown", error: { kind: e.kind } });
      await updateStory(db, row.id, {
        status: "failed",
        error: {
          kind: "outcome_unknown",
          message: `${e.userMessage} Trying again first checks whether Vimmerse started it, so it is not paid twice.`,
          retryAt: new Date(Date.now() + unknownOutcomeGraceMs()).toISOString(),
        },
      });
    } else {
      await finishAttempt(db, attempt.id, {
        state: "failed",
        responseStatus: isVimmerseError(e) ? (e.status ?? null) : null,
        error: { kind: isVimmerseError(e) ? e.kind : "internal" },
      });
      // Nothing started upstream: the story is as it was before the click.
      await updateStory(db, row.id, before);
    }
    throw e;
  }

  // Vimmerse accepted it: from here on nothing may restore the old state (that would allow a second paid click).
  try {
    const finished = await finishAttempt(db, attempt.id, { state: "succeeded", responseStatus: 200 });
    // The answer is applied as to a story already "generating", written only while it is still "submitting" (what
    // the claim left): one write for both. Anything else (no answer body, another story id, a reset meanwhile)
    // falls back to marking it generating, as before.
    const applied = story
      ? await applyUpstreamTo(row.id, story, {
          row: { ...claimed, status: "generating" },
          attempt: finished ?? attempt,
          ifStatus: "submitting",
        })
      : null;
    if (!applied?.written) await updateStory(db, row.id, { status: "generating" });
  } catch (e) {
    log.error("steps: bookkeeping after a successful send failed; polling will catch up", { storyId: row.id, err: e });
  }
  return { storyId: row.id, alreadySent: false };
}

/**
 * Regenerate one scene: step 2 again with that scene's image left out of what is sent. Vimmerse fills only what is
 * missing, so only that scene gets a new image; when it arrives it replaces the old one. The saved storyboard keeps
 * the old image until then (and for good if the step fails).
 */
export async function regenerateScene(input: RegenerateSceneInput, context?: StepContext | null): Promise<StepResult> {
  const step = { step: "scenes" as const, storyId: input.storyId, requestId: input.requestId, options: input.options };
  const ctx = context !== undefined ? context : await loadStepContext(step);
  if (!ctx) throw new DomainError("not_found", "This story no longer exists.");
  const board = requireStoryboard(ctx.row);
  if (!board.scenes.some((s) => s.id === input.sceneId)) {
    throw new DomainError("validation", "This scene is not in the saved storyboard. Save, then try again.");
  }
  return runStep(step, { regenerateScene: input.sceneId }, ctx);
}
