import "server-only";
import { getDb } from "@/lib/db";
import {
  beginAttempt,
  createStory as insertStory,
  deleteStory,
  finishAttempt,
  getStory,
  updateStory,
  type StoryRow,
} from "@/lib/db/queries";
import type { AttemptStep, StoryMode } from "@/lib/db/schema";
import type { Stage } from "./stages";
import { narrationOn } from "./model";
import { vimmerse, type CallOptions } from "@/lib/vimmerse/client";
import { paidSendSignal, refuseNewPaidWork } from "@/lib/shutdown";
import { isVimmerseError } from "@/lib/vimmerse/errors";
import type { Story } from "@/lib/vimmerse/story";
import { newStorySchema, type InitialElement, type NewStoryInput } from "@/lib/validation/new-story";
import {
  ideaToVideoFormSchema,
  imagesToVideoFormSchema,
  type IdeaToVideoForm,
  type ImagesToVideoForm,
} from "@/lib/validation/auto";
import { DomainError } from "./errors";
import { applyUpstream } from "./service";
import { webhookUrlFor } from "./webhooks";
import { log } from "@/lib/log";
import { estimateCost, ideaCostInput, imagesCostInput, type CostInput } from "./costs";
import { observedSpend } from "@/lib/db/costs";
import { currentAttribution } from "@/lib/db/attribution";

/**
 * The three ways a story starts: a storyboard (POST /story), or a whole video from an idea or from images.
 * Each is one paid call, sent once: the form's requestId becomes our story id (a double submit finds the same
 * story), and a `step_attempts` row is written before the request goes out.
 */

export type UploadedImage = { name: string; type: string; data: Blob };

function cleanElements(list: InitialElement[]) {
  return list.map((e) => ({ name: e.name, description: e.description, ...(e.image_url ? { image_url: e.image_url } : {}) }));
}

function elementsOf(input: { characters: InitialElement[]; environments: InitialElement[]; objects: InitialElement[] }) {
  const elements = {
    characters: cleanElements(input.characters),
    environments: cleanElements(input.environments),
    objects: cleanElements(input.objects),
  };
  const count = elements.characters.length + elements.environments.length + elements.objects.length;
  return count ? elements : undefined;
}

function audioOption(audio: NewStoryInput["audio"]) {
  return {
    has_bg_music: audio.hasBgMusic,
    has_narration: narrationOn(audio),
    native_audio: audio.nativeAudio,
    narrator: audio.narrator,
  };
}

async function startStory(args: {
  id: string;
  mode: StoryMode;
  stage: Stage;
  step: AttemptStep;
  title: string;
  idea: string;
  settings: Record<string, unknown>;
  request: Record<string, unknown>;
  cost?: CostInput;
  send: (row: StoryRow, options: CallOptions) => Promise<Story>;
}): Promise<{ storyId: string }> {
  const db = await getDb();
  const existing = await getStory(db, args.id);
  if (existing?.status === "submitting" && !existing.vimmerseId) {
    throw new DomainError("busy", "This is still being sent to Vimmerse. Wait a moment, then try again.");
  }
  if (existing) return { storyId: existing.id };
  refuseNewPaidWork();

  let row: StoryRow;
  try {
    row = await insertStory(db, {
      id: args.id,
      mode: args.mode,
      title: args.title,
      idea: args.idea,
      settings: args.settings,
      stage: args.stage,
      status: "submitting",
    });
  } catch (e) {
    const again = await getStory(db, args.id); // a concurrent submit of the same form inserted it first
    if (again) return { storyId: again.id };
    throw e;
  }

  // What it is expected to cost (lib/stories/costs.ts), recorded so later estimates learn from the credits used.
  const estimate = args.cost
    ? await observedSpend(db, currentAttribution()?.workspaceId ?? null)
        .then((observed) => estimateCost(args.cost!, observed))
        .then((e) => ({ estimate: { credits: e.credits, base: e.base, source: e.source } }))
        .catch(() => ({}))
    : {};
  const { attempt, created } = await beginAttempt(db, {
    storyId: row.id,
    step: args.step,
    idempotencyKey: `${args.step}:${row.id}`,
    request: { ...args.request, ...estimate },
    creditsBefore: 0,
    storyTitle: args.title,
  });
  if (!created) return { storyId: row.id };
  await updateStory(db, row.id, { activeAttemptId: attempt.id });

  let story: Story;
  try {
    story = await args.send(row, { signal: paidSendSignal() });
  } catch (e) {
    if (isVimmerseError(e) && !e.outcomeUnknown) {
      // Nothing was created upstream: remove the draft row; the form still holds everything to send again.
      await finishAttempt(db, attempt.id, { state: "failed", responseStatus: e.status ?? null, error: { kind: e.kind } });
      await deleteStory(db, row.id);
      throw e;
    }
    // The Vimmerse API has no call to list or find stories, so a story created by a lost request cannot be adopted
    // Say so plainly; retrying is the user's deliberate call.
    const message = `${isVimmerseError(e) ? e.userMessage : "We could not reach Vimmerse."} We do not know whether Vimmerse received it, and its API gives us no way to look it up: one ${args.stage === "auto" ? "video" : "storyboard"} may have been charged. Check your Vimmerse account before retrying.`;
    await finishAttempt(db, attempt.id, { state: "unknown", error: { kind: isVimmerseError(e) ? e.kind : "internal" } });
    await updateStory(db, row.id, { status: "failed", error: { kind: "outcome_unknown", message } });
    throw e;
  }
  // Vimmerse created it: from here on the story is never deleted or resent, whatever the bookkeeping does.
  await updateStory(db, row.id, { vimmerseId: story.id, status: "generating" });
  try {
    await finishAttempt(db, attempt.id, { state: "succeeded", responseStatus: 200, vimmerseId: story.id });
    await applyUpstream(row.id, story);
  } catch (e) {
    log.error("create: bookkeeping after a successful send failed; polling will catch up", { storyId: row.id, err: e });
  }
  return { storyId: row.id };
}

/** Step 1: POST /story. With images, Vimmerse makes one scene per image. */
export async function createStoryFromForm(input: NewStoryInput, files: UploadedImage[]) {
  const imageUrls = input.imageUrls.map((u) => u.url);
  const imageCount = files.length || imageUrls.length;
  const elements = elementsOf(input);
  return startStory({
    id: input.requestId,
    mode: "advanced",
    stage: "storyboard",
    step: "storyboard",
    title: input.title,
    idea: input.idea,
    settings: {
      sceneCount: input.sceneCount,
      language: input.language,
      aspectRatio: input.aspectRatio,
      audio: input.audio,
      elements: elements ?? null,
      imageUrls,
      uploadedImages: files.map((f) => f.name),
    },
    request: { idea: input.idea.slice(0, 200), sceneCount: imageCount || input.sceneCount, images: imageCount },
    cost: { step: "storyboard", sceneCount: imageCount || input.sceneCount },
    send: (_row, options) =>
      vimmerse().createStoryboard({
        idea: input.idea,
        ...(input.title ? { title: input.title } : {}),
        ...(imageCount ? {} : { scene_count: input.sceneCount }),
        language: input.language,
        aspect_ratio: input.aspectRatio,
        audio_option: audioOption(input.audio),
        ...(elements ? { elements } : {}),
        ...(files.length ? { image_files: files } : imageUrls.length ? { image_urls: imageUrls } : {}),
      }, options),
  });
}

/** Automatic mode: POST /story/idea-2-video, the whole video from an idea. */
export async function createIdeaToVideo(input: IdeaToVideoForm) {
  const elements = elementsOf(input);
  return startStory({
    id: input.requestId,
    mode: "idea-2-video",
    stage: "auto",
    step: "idea-2-video",
    title: input.title,
    idea: input.idea,
    settings: { sceneCount: input.sceneCount, language: input.language, aspectRatio: input.aspectRatio, audio: input.audio, elements: elements ?? null },
    request: { idea: input.idea.slice(0, 200), sceneCount: input.sceneCount },
    cost: ideaCostInput(input),
    send: (row, options) =>
      vimmerse().ideaToVideo({
        idea: input.idea,
        ...(input.title ? { title: input.title } : {}),
        aspect_ratio: input.aspectRatio,
        scene_count: input.sceneCount,
        audio_option: audioOption(input.audio),
        language: input.language,
        ...(elements ? { elements } : {}),
        webhook_url: webhookUrlFor(row),
      }, options),
  });
}

/** Automatic mode: POST /story/images-2-video, one scene per image. Uploaded files win over addresses. */
export async function createImagesToVideo(input: ImagesToVideoForm, files: UploadedImage[]) {
  const imageUrls = input.imageUrls.map((u) => u.url);
  return startStory({
    id: input.requestId,
    mode: "images-2-video",
    stage: "auto",
    step: "images-2-video",
    title: input.title,
    idea: input.idea,
    settings: {
      language: input.language,
      aspectRatio: input.aspectRatio,
      audio: input.audio,
      motionType: input.motionType,
      duration: input.duration,
      loop: input.loop,
      isTransition: input.isTransition,
      visibility: input.visibility,
      imageUrls: files.length ? [] : imageUrls,
      uploadedImages: files.map((f) => f.name),
    },
    request: { images: files.length || imageUrls.length, motionType: input.motionType },
    cost: imagesCostInput(input, files.length || imageUrls.length),
    send: (row, options) =>
      vimmerse().imagesToVideo({
        ...(input.idea ? { idea: input.idea } : {}),
        ...(input.title ? { title: input.title } : {}),
        ...(input.description ? { description: input.description } : {}),
        visibility_status: input.visibility,
        ...(files.length ? { image_files: files } : { image_urls: imageUrls }),
        aspect_ratio: input.aspectRatio,
        is_transition: input.isTransition,
        motion_type: input.motionType,
        duration: input.duration,
        loop: input.loop,
        audio_option: audioOption(input.audio),
        narrator: input.audio.narrator,
        language: input.language,
        webhook_url: webhookUrlFor(row),
      }, options),
  });
}

/**
 * The failed-storyboard page's "Retry": the same idea and settings as a NEW story (a new, deliberate payment; the
 * failed one stays for reference). Stories started from uploaded files cannot be rebuilt: the files are not kept.
 */
export async function retryStory(storyId: string, requestId: string): Promise<{ storyId: string }> {
  const db = await getDb();
  const row = await getStory(db, storyId);
  if (!row) throw new DomainError("not_found", "This story no longer exists.");
  if (row.status !== "failed" || row.version > 0) {
    throw new DomainError("busy", "Only a story whose start failed can be retried from here.");
  }
  const s = row.settings as Record<string, unknown> & {
    elements?: { characters?: unknown[]; environments?: unknown[]; objects?: unknown[] } | null;
    imageUrls?: string[];
    uploadedImages?: string[];
  };
  if ((s.uploadedImages ?? []).length > 0) {
    throw new DomainError(
      "validation",
      "This story was started from uploaded images, which are not kept. Start a new story and upload them again.",
    );
  }
  const common = {
    requestId,
    title: row.title,
    idea: row.idea,
    aspectRatio: s.aspectRatio,
    language: s.language,
    audio: s.audio,
    characters: s.elements?.characters ?? [],
    environments: s.elements?.environments ?? [],
    objects: s.elements?.objects ?? [],
    imageUrls: (s.imageUrls ?? []).map((url) => ({ url })),
  };
  const unreadable = () =>
    new DomainError("validation", "The settings of this story cannot be reused. Start a new story with the idea shown here.");
  if (row.mode === "advanced") {
    const parsed = newStorySchema.safeParse({ ...common, sceneCount: s.sceneCount });
    if (!parsed.success) throw unreadable();
    return createStoryFromForm(parsed.data, []);
  }
  if (row.mode === "idea-2-video") {
    const parsed = ideaToVideoFormSchema.safeParse({ ...common, sceneCount: s.sceneCount });
    if (!parsed.success) throw unreadable();
    return createIdeaToVideo(parsed.data);
  }
  const parsed = imagesToVideoFormSchema.safeParse({
    ...common,
    description: "",
    visibility: s.visibility,
    motionType: s.motionType,
    duration: s.duration,
    loop: s.loop,
    isTransition: s.isTransition,
  });
  if (!parsed.success) throw unreadable();
  return createImagesToVideo(parsed.data, []);
}
