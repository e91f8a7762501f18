import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getStory, listAttempts, listStories as listStoryRows, listStoryboardVersions } from "@/lib/db/queries";
import { workspaceCredits } from "@/lib/db/teams";
import { getStoryPoll } from "@/lib/db/poll";
import {
  createIdeaToVideo,
  createImagesToVideo,
  createStoryFromForm,
  type UploadedImage,
} from "@/lib/stories/create";
import { stepDefaults } from "@/lib/stories/defaults";
import { pollStatus, removeStory as removeStoryRow, renameStory as renameStoryRow, saveEditedStoryboard, toStatusView } from "@/lib/stories/service";
import { regenerateScene as regenerate, runStep as run } from "@/lib/stories/steps";
import { recheckStory as recheck, resetStep as reset } from "@/lib/stories/sweep";
import { retryStory as retry } from "@/lib/stories/create";
import type { IdeaToVideoForm, ImagesToVideoForm } from "@/lib/validation/auto";
import type { NewStoryInput } from "@/lib/validation/new-story";
import type { RegenerateSceneInput, RunStepInput } from "@/lib/validation/steps";
import type { Storyboard } from "@/lib/validation/storyboard";
import { isId } from "@/lib/validation/ids";
import { prepareForEditing } from "@/lib/stories/model";
import { asActor, authorize, sameWorkspace } from "./access";

/**
 * The stories, as an actor sees them. Every function checks the permission and the story's workspace before it
 * calls the workflow (lib/stories) or the data module (lib/db). Pages, route handlers and actions call only these.
 */

async function storyOf(actor: Actor, id: string) {
  // A malformed id (e.g. "%00") is simply a story that does not exist.
  return sameWorkspace(actor, isId(id) ? await getStory(await getDb(), id) : null);
}

/** How many stories the dashboard shows per page. */
export const DASHBOARD_PAGE_SIZE = 24;

/**
 * One page of the dashboard's stories (summaries only) of the actor's workspace, newest first; `before` is the last
 * story id of the previous page. `nextBefore`: the cursor of the next page, null on the last one.
 */
export async function listStories(actor: Actor | null, opts: { before?: string } = {}) {
  const a = authorize(actor, "story.read");
  const before = opts.before && isId(opts.before) ? opts.before : undefined;
  const rows = await listStoryRows(await getDb(), { workspaceId: a.workspace.id, limit: DASHBOARD_PAGE_SIZE + 1, before });
  const page = rows.slice(0, DASHBOARD_PAGE_SIZE);
  return {
    stories: page.map((row) => ({ status: toStatusView(row), idea: row.idea })),
    nextBefore: rows.length > DASHBOARD_PAGE_SIZE ? page[page.length - 1].id : null,
  };
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
  return { title: row.title, idea: row.idea, status, editor };
}

/** The polled status (refreshes from Vimmerse at most once per interval). */
export async function getStoryStatus(actor: Actor | null, id: string) {
  const a = authorize(actor, "story.read");
  const row = sameWorkspace(a, isId(id) ? await getStoryPoll(await getDb(), id) : null);
  return (await pollStatus(row)) ?? sameWorkspace(a, null);
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
  await storyOf(a, input.storyId);
  return asActor(a, () => run(input));
}

export async function regenerateScene(actor: Actor | null, input: RegenerateSceneInput) {
  const a = authorize(actor, "step.run");
  await storyOf(a, input.storyId);
  return asActor(a, () => regenerate(input));
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
