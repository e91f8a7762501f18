import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getStory, listAttempts, listStoryboardVersions } from "@/lib/db/queries";
import { workspaceCredits } from "@/lib/db/teams";
import { getStoryPoll } from "@/lib/db/poll";
import {
  createIdeaToVideo,
  createImagesToVideo,
  createStoryFromForm,
  type UploadedImage,
} from "@/lib/stories/create";
import { stepDefaults } from "@/lib/stories/defaults";
import { followed, pollAnswer, toPollView, removeStory as removeStoryRow, renameStory as renameStoryRow, saveEditedStoryboard, toStatusView } from "@/lib/stories/service";
import { loadStepContext, regenerateScene as regenerate, runStep as run } from "@/lib/stories/steps";
import { recheckStory as recheck, resetStep as reset } from "@/lib/stories/sweep";
import { retryStory as retry } from "@/lib/stories/create";
import type { IdeaToVideoForm, ImagesToVideoForm } from "@/lib/validation/auto";
import type { NewStoryInput } from "@/lib/validation/new-story";
import type { RegenerateSceneInput, RunStepInput } from "@/lib/validation/steps";
import type { Storyboard } from "@/lib/validation/storyboard";
import { isId } from "@/lib/validation/ids";
import { prepareForEditing } from "@/lib/stories/model";
import * as history from "@/lib/stories/history";
import { asActor, authorize, sameWorkspace } from "./access";
import { cachedPollAnswer, pollAnswerLifetime, statusCacheMs } from "./poll-cache";
import { assertRenderGate } from "./review";
import { createStory as createStoryRow, searchStories } from "@/lib/db/queries";
import { DomainError } from "@/lib/stories/errors";
import { readStoryboardFile, toStoryboardFile, withNewIds } from "@/lib/stories/storyboard-file";
import { storyTitle, titleSceneTitle } from "@/lib/stories/title";
import { DASHBOARD_FILTERS, type DashboardQuery } from "@/lib/validation/dashboard";

/**
 * The stories, as an actor sees them. Every function checks the permission and the story's workspace before it
 * calls the workflow (lib/stories) or the data module (lib/db). Pages, route handlers and actions call only these.
 */

export async function storyOf(actor: Actor, id: string) {
  // A malformed id (e.g. "%00") is simply a story that does not exist.
  return sameWorkspace(actor, isId(id) ? await getStory(await getDb(), id) : null);
}

/** What the story page needs: the status, and the storyboard with the step defaults once it exists. */
export async function getStoryPage(actor: Actor | null, id: string) {
  const a = authorize(actor, "story.read");
  const row = await storyOf(a, id);
  const status = toStatusView(row, await listAttempts(await getDb(), id));
  // Ids for any item lacking one; values our form would refuse (e.g. a bad URL from upstream) dropped, with a notice.
  const prepared = row.storyboard && row.version > 0 ? prepareForEditing(row.storyboard as Storyboard) : null;
  const editor = prepared
    ? { storyboard: prepared.board, dropped: prepared.dropped, version: row.version, defaults: stepDefaults(row.settings, row.title) }
    : null;
  return { title: status.title, idea: row.idea, status, editor };
}

/** The polled status (refreshes from Vimmerse at most once per interval). */
export async function getStoryStatus(actor: Actor | null, id: string) {
  const a = authorize(actor, "story.read");
  if (!isId(id)) return sameWorkspace<never>(a, null);
  // The same answer for every poll of this workspace for a moment (lib/services/poll-cache.ts has the rules).
  return cachedPollAnswer(id, a.workspace.id, async () => {
    const row = sameWorkspace(a, await getStoryPoll(await getDb(), id));
    const refresh = { followed: followed(row), due: row.refreshDue, inMs: row.refreshInMs };
    const lifetimeMs = pollAnswerLifetime(statusCacheMs(), refresh);
    if (!refresh.followed || !refresh.due) return { answer: await toPollView(row), lifetimeMs };
    // A refresh is due: the polls that joined get the stored state now; this one refreshes (pollAnswer) and waits.
    const stored = await toPollView(row);
    return { answer: stored, lifetimeMs, mine: pollAnswer(row).then((polled) => polled?.view ?? sameWorkspace<never>(a, null)) };
  });
}

/** The saved storyboard and why each version after `since` exists. */
export async function getSavedStoryboard(actor: Actor | null, id: string, since: number) {
  const a = authorize(actor, "story.read");
  const row = await storyOf(a, id);
  const versions = await listStoryboardVersions(await getDb(), id);
  return {
    version: row.version,
    storyboard: row.storyboard,
    sources: versions.filter((v) => v.version > since).map((v) => v.source),
  };
}

/** Where the final video is, and its title (for the download name). */
export async function getVideoSource(actor: Actor | null, id: string) {
  const a = authorize(actor, "story.read");
  const row = await storyOf(a, id);
  return { videoUrl: row.videoUrl, title: row.title };
}

/** A form's requestId becomes the story id: an id used by another workspace is refused as unknown. */
async function checkNewId(actor: Actor, id: string) {
  const existing = await getStory(await getDb(), id);
  if (existing) sameWorkspace(actor, existing);
}

export async function createStory(actor: Actor | null, input: NewStoryInput, files: UploadedImage[]) {
  const a = authorize(actor, "story.create");
  await checkNewId(a, input.requestId);
  return asActor(a, () => createStoryFromForm(input, files));
}

export async function createVideoFromIdea(actor: Actor | null, input: IdeaToVideoForm) {
  const a = authorize(actor, "story.create");
  await checkNewId(a, input.requestId);
  return asActor(a, () => createIdeaToVideo(input));
}

export async function createVideoFromImages(actor: Actor | null, input: ImagesToVideoForm, files: UploadedImage[]) {
  const a = authorize(actor, "story.create");
  await checkNewId(a, input.requestId);
  return asActor(a, () => createImagesToVideo(input, files));
}

export async function saveStoryboard(
  actor: Actor | null,
  input: { storyId: string; baseVersion: number; storyboard: Storyboard; overwrite?: boolean },
) {
  const a = authorize(actor, "story.edit");
  await storyOf(a, input.storyId);
  return asActor(a, () => saveEditedStoryboard(input));
}

export async function renameStory(actor: Actor | null, storyId: string, title: string) {
  const a = authorize(actor, "story.edit");
  await storyOf(a, storyId);
  return renameStoryRow(storyId, title);
}

/** Removes the story; what its paid steps cost stays in the workspace's credits. */
export async function removeStory(actor: Actor | null, storyId: string) {
  const a = authorize(actor, "story.delete");
  await storyOf(a, storyId);
  // One conditional DELETE (refused while a step runs); paid attempts keep their row (story_id set null).
  await removeStoryRow(storyId);
}

export async function runStep(actor: Actor | null, input: RunStepInput) {
  const a = authorize(actor, "step.run");
  // One read for the workspace check and everything the step checks before it claims the story (issue 11).
  const context = await stepContextOf(a, input);
  // The render gate: no video credit is spent on unapproved scenes unless an owner overrides (recorded).
  await assertRenderGate(a, input, context.row);
  return asActor(a, () => run(input, {}, context));
}

export async function regenerateScene(actor: Actor | null, input: RegenerateSceneInput) {
  const a = authorize(actor, "step.run");
  const context = await stepContextOf(a, { step: "scenes", storyId: input.storyId, requestId: input.requestId });
  return asActor(a, () => regenerate(input, context));
}

/** storyOf for a paid step: the story of the actor's workspace, with what the step checks (lib/db/steps.ts). */
async function stepContextOf(actor: Actor, input: Pick<RunStepInput, "step" | "storyId" | "requestId">) {
  const context = isId(input.storyId) ? await asActor(actor, () => loadStepContext(input)) : null;
  sameWorkspace(actor, context?.row ?? null);
  return context!;
}

/** "Check with Vimmerse again": one refresh now (no payment), for those who run steps. */
export async function recheckStory(actor: Actor | null, storyId: string) {
  const a = authorize(actor, "step.run");
  await storyOf(a, storyId);
  return toStatusView(await recheck(storyId));
}

/** "Reset this step": back to the last ready state without any request to Vimmerse. */
export async function resetStep(actor: Actor | null, storyId: string) {
  const a = authorize(actor, "step.run");
  await storyOf(a, storyId);
  return toStatusView(await reset(storyId));
}

/** "Retry" a story whose start failed: a new story with the same idea and settings (paid again, on purpose). */
export async function retryStory(actor: Actor | null, storyId: string, requestId: string) {
  const a = authorize(actor, "story.create");
  await storyOf(a, storyId);
  await checkNewId(a, requestId);
  return asActor(a, () => retry(storyId, requestId));
}

/** Credits the workspace's stories used, by step and by member (from step_attempts). */
export async function creditsReport(actor: Actor | null) {
  const a = authorize(actor, "credits.read");
  return workspaceCredits(await getDb(), a.workspace.id);
}

/** Version history (lib/stories/history.ts): the list, one version's storyboard, and restoring one as a new version. */
export async function listStoryVersions(actor: Actor | null, id: string) {
  const a = authorize(actor, "story.read");
  await storyOf(a, id);
  return { versions: await history.listVersions(id) };
}

export async function getStoryVersion(actor: Actor | null, id: string, version: number) {
  const a = authorize(actor, "story.read");
  await storyOf(a, id);
  return history.versionStoryboard(id, version);
}

export async function restoreStoryVersion(actor: Actor | null, input: { storyId: string; version: number; baseVersion: number }) {
  const a = authorize(actor, "story.edit");
  await storyOf(a, input.storyId);
  return asActor(a, () => history.restoreVersion({ ...input, by: a.user.id }));
}

// ---------------------------------------------------------------------------------------------------------------
// Dashboard search, duplicate, storyboard files (export / import), the printable board

/** The dashboard: search, status filter, sort, at most `limit` stories (and whether there are more). */
export async function dashboardStories(actor: Actor | null, query: DashboardQuery) {
  const a = authorize(actor, "story.read");
  const { rows, more } = await searchStories(await getDb(), {
    workspaceId: a.workspace.id,
    q: query.q,
    statuses: DASHBOARD_FILTERS[query.status].statuses,
    sort: query.sort,
    limit: query.limit,
  });
  return { stories: rows.map((row) => ({ status: toStatusView(row), idea: row.idea })), more };
}

/** A new story (our id = requestId, so a double click makes one) with the given storyboard, no Vimmerse story. */
async function createLocalStory(
  a: Actor,
  requestId: string,
  values: { title: string; idea: string; settings: Record<string, unknown>; storyboard: Storyboard },
) {
  const db = await getDb();
  const existing = await getStory(db, requestId);
  if (existing) return { storyId: sameWorkspace(a, existing).id };
  const row = await asActor(a, () =>
    createStoryRow(db, {
      id: requestId,
      mode: "advanced",
      ...values,
      stage: "storyboard",
      status: "ready",
      workspaceId: a.workspace.id,
    }),
  );
  return { storyId: row.id };
}

/** "Duplicate": a new story in the same workspace with a copy of the storyboard (new item ids), no Vimmerse story. */
export async function duplicateStory(actor: Actor | null, storyId: string, requestId: string) {
  const a = authorize(actor, "story.create");
  const row = await storyOf(a, storyId);
  if (!row.storyboard || row.version === 0) {
    throw new DomainError("validation", "This story has no storyboard yet, so there is nothing to duplicate.");
  }
  const title = storyTitle(row.title, titleSceneTitle(row.storyboard));
  return createLocalStory(a, requestId, {
    title: title ? `Copy of ${title}`.slice(0, 200) : "",
    idea: row.idea,
    settings: row.settings as Record<string, unknown>,
    storyboard: withNewIds(row.storyboard as Storyboard),
  });
}

/** The storyboard file of a story (README.md, "Storyboard files"). */
export async function exportStoryboard(actor: Actor | null, storyId: string) {
  const a = authorize(actor, "story.read");
  const row = await storyOf(a, storyId);
  if (!row.storyboard || row.version === 0) throw new DomainError("not_found", "This story has no storyboard yet.");
  return toStoryboardFile(storyTitle(row.title, titleSceneTitle(row.storyboard)), row.storyboard as Storyboard);
}

/** "Import": a storyboard file becomes a new story (validated; the file's item ids are kept). */
export async function importStoryboard(actor: Actor | null, requestId: string, text: string) {
  const a = authorize(actor, "story.create");
  const file = readStoryboardFile(text);
  return createLocalStory(a, requestId, { title: file.title, idea: "", settings: {}, storyboard: file.storyboard });
}

/** What the printable board needs: the title and the storyboard. */
export async function printableStoryboard(actor: Actor | null, storyId: string) {
  const a = authorize(actor, "story.read");
  const row = await storyOf(a, storyId);
  if (!row.storyboard || row.version === 0) throw new DomainError("not_found", "This story has no storyboard yet.");
  return { title: storyTitle(row.title, titleSceneTitle(row.storyboard)), storyboard: row.storyboard as Storyboard };
}
