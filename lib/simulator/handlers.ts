import { ASPECT_RATIOS, DURATION, IMAGE_OPTIONS, LOOP, MOTION_TYPES, NARRATORS, SCENE_COUNT, VISIBILITY_VALUES } from "../vimmerse/enums";
import { FieldReader, toBool, type ParsedBody } from "./body";
import { generateStoryboard, normalizeElements, normalizeStoryboard, type InitialElements } from "./generator";
import { sniffImageType } from "./media";
import { DEFAULT_AUDIO, newStory } from "./store";
import { COSTS, DURATIONS, buildVideos, fillElements, fillScenes, hasContent, videoUrl, type MediaContext } from "./steps";
import type { AudioOption, Job, Phase, SimStoryboard, StoryRecord, UploadedFile, ValidationDetail } from "./types";
import { apiTimestamp, isRecord, uuid } from "./util";
import { narrationOn } from "../stories/model";

/**
 * The Story API endpoints. Each handler validates like FastAPI (422 details), checks the story and the
 * credit balance, computes the step's result up front and starts a timed job that reveals it.
 */

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

export type FaultEffects = { failScenes?: number[]; failStory?: boolean };

/** What the handlers need from the server. */
export interface SimContext {
  readonly store: import("./store").Store;
  base(): string;
  timeScale(): number;
  /** Brings a story up to date (progress, finished steps, webhooks). */
  refresh(rec: StoryRecord): void;
  /** Attaches a job to a story and starts its clock. */
  startJob(rec: StoryRecord, job: Job): void;
  saveUpload(file: UploadedFile): string;
}

export type RequestInfo = { apiKey: string; effects: FaultEffects };

export const ERR = {
  badRequest: (): Reply => ({ status: 400, body: { message: "BAD_REQUEST" } }),
  unauthorized: (): Reply => ({ status: 401, body: { message: "UNAUTHORIZED" } }),
  credit: (): Reply => ({ status: 402, body: { message: "INSUFFICIENT_CREDIT" } }),
  notFound: (): Reply => ({ status: 404, body: { message: "NOT_FOUND" } }),
  unprocessable: (detail: ValidationDetail[]): Reply => ({ status: 422, body: { detail } }),
};

const ok = (rec: StoryRecord): Reply => ({ status: 200, body: { data: rec.story } });

function newRecord(info: RequestInfo): StoryRecord {
  return { story: newStory(uuid(), info.apiKey, Date.now()), gen: 0, videoVersion: 0 };
}

function chargeable(ctx: SimContext, cost: number): boolean {
  return cost <= 0 || ctx.store.credits >= cost;
}

function charge(ctx: SimContext, rec: StoryRecord, cost: number) {
  ctx.store.credits -= cost;
  rec.story.used_credits += cost;
}

/**
 * audio_option (JSON object or JSON string) merged over `current`, then the deprecated top-level fields
 * (has_narration, has_bg_music, native_audio, narrator) for what audio_option leaves unset.
 */
function readAudio(r: FieldReader, current: AudioOption, opts: { deprecated: boolean }): AudioOption {
  const out: AudioOption = { ...current };
  const values = r.body.fields.get("audio_option") ?? [];
  // `requests` sends a dict given as form data as its keys, repeated: nothing usable, keep the defaults.
  const keysOnly = values.length > 1 && values.every((v) => typeof v === "string" && /^(has_bg_music|has_narration|native_audio|narrator)$/.test(v));
  const raw = keysOnly ? undefined : r.json("audio_option", "object");
  const given = new Set<string>();
  if (isRecord(raw)) {
    for (const key of ["has_bg_music", "has_narration", "native_audio"] as const) {
      if (raw[key] === undefined || raw[key] === null) continue;
      const b = toBool(raw[key]);
      if (b === undefined) {
        r.errors.push({ type: "bool_parsing", loc: ["body", "audio_option", key], msg: "Input should be a valid boolean, unable to interpret input", input: raw[key] });
      } else {
        out[key] = b;
        given.add(key);
      }
    }
    if (raw.narrator !== undefined && raw.narrator !== null && raw.narrator !== "") {
      if (typeof raw.narrator !== "string" || !(NARRATORS as readonly string[]).includes(raw.narrator)) {
        r.errors.push({
          type: "enum",
          loc: ["body", "audio_option", "narrator"],
          msg: `Input should be ${NARRATORS.map((n) => `'${n}'`).join(", ")}`,
          input: raw.narrator,
        });
      } else {
        out.narrator = raw.narrator;
        given.add("narrator");
      }
    }
    for (const [k, v] of Object.entries(raw)) if (!(k in DEFAULT_AUDIO)) out[k] = v;
  }
  if (opts.deprecated) {
    for (const key of ["has_bg_music", "has_narration", "native_audio"] as const) {
      const b = r.bool(key);
      if (b !== undefined && !given.has(key)) out[key] = b;
    }
  }
  const narrator = r.str("narrator", { values: NARRATORS });
  if (narrator && !given.has("narrator")) out.narrator = narrator;
  // Missing flags stay missing (the story's earlier choice applies); native audio turns narration off.
  if (out.has_narration !== undefined || out.native_audio) {
    out.has_narration = narrationOn({ hasNarration: out.has_narration, nativeAudio: out.native_audio });
  }
  return out;
}

function applyAudio(rec: StoryRecord, audio: AudioOption) {
  rec.story.audio_option = audio;
  rec.story.narrator = audio.narrator;
  rec.story.submit_params.native_audio = audio.native_audio;
}

/** Uploaded image_files: null when one is not an image (-> 400). */
function storeUploads(ctx: SimContext, files: UploadedFile[]): string[] | null {
  for (const f of files) {
    const sniffed = sniffImageType(f.data);
    if (f.data.length === 0 || (!sniffed && !f.type.toLowerCase().startsWith("image/"))) return null;
    if (sniffed) f.type = sniffed;
  }
  return files.map((f) => ctx.saveUpload(f));
}

function readElements(r: FieldReader): InitialElements | undefined {
  const raw = r.json("elements", "object");
  return raw === undefined ? undefined : normalizeElements(raw);
}

function readStoryboard(r: FieldReader): SimStoryboard | undefined {
  const raw = r.json("storyboard", "object");
  return raw === undefined ? undefined : normalizeStoryboard(raw);
}

function busy(rec: StoryRecord): boolean {
  return !!rec.job;
}

function mediaContext(ctx: SimContext, rec: StoryRecord, aspectRatio: string, option: string, seed?: number): MediaContext {
  return { base: ctx.base(), storyId: rec.story.id, gen: rec.gen, seed, aspectRatio, option };
}

function job(kind: Job["kind"], phases: Phase[], finalStatus: Job["finalStatus"], ctx: SimContext, info: RequestInfo, webhookUrl?: string): Job {
  return {
    kind,
    startedAt: Date.now(),
    scale: ctx.timeScale(),
    phases,
    applied: 0,
    finalStatus,
    failStory: !!info.effects.failStory,
    webhookUrl: webhookUrl || undefined,
  };
}

function ms(ctx: SimContext, base: number): number {
  return base * ctx.timeScale();
}

export function getRecord(ctx: SimContext, id: string): StoryRecord | undefined {
  const rec = ctx.store.stories.get(id);
  if (rec) ctx.refresh(rec);
  return rec;
}

// ---------------------------------------------------------------------------------------------------------------
// GET / PUT / DELETE /story/{id}

export function getStory(ctx: SimContext, id: string): Reply {
  const rec = getRecord(ctx, id);
  return rec ? ok(rec) : ERR.notFound();
}

export function updateStory(ctx: SimContext, id: string, body: ParsedBody): Reply {
  const r = new FieldReader(body);
  const title = r.str("title");
  const description = r.str("description");
  const visibility = r.str("visibility_status", { values: VISIBILITY_VALUES });
  r.str("additional_videos");
  if (r.errors.length) return ERR.unprocessable(r.errors);
  const rec = getRecord(ctx, id);
  if (!rec) return ERR.notFound();
  if (title !== undefined) rec.story.title = title;
  if (description !== undefined) rec.story.description = description;
  if (visibility !== undefined) rec.story.visibility_status = visibility;
  rec.story.updated_at = apiTimestamp();
  ctx.store.changed();
  return ok(rec);
}

export function deleteStory(ctx: SimContext, id: string): Reply {
  const rec = getRecord(ctx, id);
  if (!rec) return ERR.notFound();
  ctx.store.stories.delete(id);
  ctx.store.changed();
  return ok(rec);
}

// ---------------------------------------------------------------------------------------------------------------
// Step 1: POST /story

export function createStoryboard(ctx: SimContext, body: ParsedBody, info: RequestInfo): Reply {
  const r = new FieldReader(body);
  const storyId = r.str("story_id");
  const idea = r.str("idea", { required: !storyId });
  const title = r.str("title");
  const description = r.str("description");
  const sceneCount = r.int("scene_count", { min: SCENE_COUNT.min, max: SCENE_COUNT.max, default: SCENE_COUNT.default });
  const language = r.str("language");
  const aspectRatio = r.str("aspect_ratio", { values: ASPECT_RATIOS });
  const visibility = r.str("visibility_status", { values: VISIBILITY_VALUES });
  const elements = readElements(r);
  const imageUrls = r.list("image_urls");
  const files = r.files("image_files");
  const webhookUrl = r.str("webhook_url");
  const existing = storyId ? ctx.store.stories.get(storyId) : undefined;
  const audio = readAudio(r, existing?.story.audio_option ?? DEFAULT_AUDIO, { deprecated: true });
  if (r.errors.length) return ERR.unprocessable(r.errors);

  if (storyId && !existing) return ERR.notFound();
  if (existing) {
    ctx.refresh(existing);
    if (busy(existing)) return ERR.badRequest();
  }
  if (!chargeable(ctx, COSTS.storyboard)) return ERR.credit();
  const uploaded = storeUploads(ctx, files);
  if (!uploaded) return ERR.badRequest();
  const images = uploaded.length ? uploaded : imageUrls;

  const rec = existing ?? newRecord(info);
  const s = rec.story;
  const theIdea = idea ?? s.idea;
  const generated = generateStoryboard({
    idea: theIdea,
    title: title ?? s.title,
    sceneCount: sceneCount ?? SCENE_COUNT.default,
    language: language ?? s.language,
    elements,
    imageUrls: images,
  });
  s.idea = theIdea;
  if (title !== undefined) s.title = title;
  if (description !== undefined) s.description = description;
  if (visibility !== undefined) s.visibility_status = visibility;
  if (language) s.language = language;
  if (aspectRatio) s.submit_params.aspect_ratio = aspectRatio;
  if (images.length) s.image_urls = [...images];
  if (existing) s.story_version += 1;
  applyAudio(rec, audio);
  rec.gen++;
  charge(ctx, rec, COSTS.storyboard);
  if (webhookUrl) rec.webhookUrl = webhookUrl;
  ctx.store.stories.set(s.id, rec);
  ctx.startJob(
    rec,
    job(
      "storyboard",
      [{ name: "storyboard", ms: ms(ctx, DURATIONS.storyboard), storyboard: generated.storyboard, imagePrompts: images.length ? generated.imagePrompts : [] }],
      "new",
      ctx,
      info,
      webhookUrl,
    ),
  );
  return ok(rec);
}

// ---------------------------------------------------------------------------------------------------------------
// Step 1.5: POST /story/{id}/elements

export function createElements(ctx: SimContext, id: string, body: ParsedBody, info: RequestInfo): Reply {
  const r = new FieldReader(body);
  const option = r.str("option", { values: IMAGE_OPTIONS }) ?? "Seedream";
  const aspectRatio = r.str("aspect_ratio", { values: ASPECT_RATIOS });
  const posted = readStoryboard(r);
  r.bool("enhance_image", false);
  r.bool("has_bg_music");
  const seed = r.int("seed", { min: 0 });
  const webhookUrl = r.str("webhook_url");
  if (r.errors.length) return ERR.unprocessable(r.errors);

  const rec = getRecord(ctx, id);
  if (!rec) return ERR.notFound();
  if (busy(rec)) return ERR.badRequest();
  const sb = posted ?? (hasContent(rec.story.storyboard) ? normalizeStoryboard(rec.story.storyboard) : undefined);
  if (!sb || (sb.characters.length + sb.environments.length + sb.objects.length === 0 && sb.scenes.length === 0)) return ERR.badRequest();

  const ar = aspectRatio ?? rec.story.submit_params.aspect_ratio;
  rec.gen++;
  const result = fillElements(sb, mediaContext(ctx, rec, ar, option, seed), rec.story.audio_option.has_bg_music !== false);
  if (!chargeable(ctx, result.cost)) {
    rec.gen--;
    return ERR.credit();
  }
  charge(ctx, rec, result.cost);
  if (posted) rec.story.storyboard = posted;
  if (aspectRatio) rec.story.submit_params.aspect_ratio = aspectRatio;
  if (webhookUrl) rec.webhookUrl = webhookUrl;
  ctx.startJob(rec, job("elements", [{ name: "elements", ms: ms(ctx, DURATIONS.elements), storyboard: result.storyboard }], "new", ctx, info, webhookUrl));
  return ok(rec);
}

// ---------------------------------------------------------------------------------------------------------------
// Step 2: POST /story/{id}/scenes

export function createScenes(ctx: SimContext, id: string, body: ParsedBody, info: RequestInfo): Reply {
  const r = new FieldReader(body);
  const option = r.str("option", { values: IMAGE_OPTIONS }) ?? "Seedream";
  const aspectRatio = r.str("aspect_ratio", { values: ASPECT_RATIOS });
  const posted = readStoryboard(r);
  r.bool("enhance_image", false);
  r.bool("generate_elements", true);
  r.bool("has_narration");
  r.bool("has_bg_music");
  const seed = r.int("seed", { min: 0 });
  const webhookUrl = r.str("webhook_url");
  const existing = ctx.store.stories.get(id);
  const audio = readAudio(r, existing?.story.audio_option ?? DEFAULT_AUDIO, { deprecated: false });
  if (r.errors.length) return ERR.unprocessable(r.errors);

  const rec = getRecord(ctx, id);
  if (!rec) return ERR.notFound();
  if (busy(rec)) return ERR.badRequest();
  const sb = posted ?? (hasContent(rec.story.storyboard) ? normalizeStoryboard(rec.story.storyboard) : undefined);
  if (!sb || sb.scenes.length === 0) return ERR.badRequest();

  const ar = aspectRatio ?? rec.story.submit_params.aspect_ratio;
  rec.gen++;
  const result = fillScenes(sb, mediaContext(ctx, rec, ar, option, seed), audio);
  if (!chargeable(ctx, result.cost)) {
    rec.gen--;
    return ERR.credit();
  }
  charge(ctx, rec, result.cost);
  applyAudio(rec, audio);
  if (posted) rec.story.storyboard = posted;
  if (aspectRatio) rec.story.submit_params.aspect_ratio = aspectRatio;
  if (webhookUrl) rec.webhookUrl = webhookUrl;
  ctx.startJob(
    rec,
    job("scenes", [{ name: "scenes", ms: ms(ctx, DURATIONS.scenes), storyboard: result.storyboard, audioUrls: result.audioUrls }], "new", ctx, info, webhookUrl),
  );
  return ok(rec);
}

// ---------------------------------------------------------------------------------------------------------------
// Step 3: POST /story/{id}/videos

type VideoOptions = { motionType: string; duration: number; loop: number; isTransition: boolean };

function readVideoOptions(r: FieldReader, auto: boolean): Partial<VideoOptions> {
  const motionType = r.str("motion_type", { values: MOTION_TYPES }) ?? (auto ? r.str("video_tool", { values: MOTION_TYPES }) : undefined);
  const duration = r.int("duration", { min: DURATION.min, max: DURATION.max }) ?? (auto ? r.int("scene_duration", { min: DURATION.min, max: DURATION.max }) : undefined);
  const loop = r.int("loop", { min: LOOP.min, max: LOOP.max });
  const isTransition = r.bool("is_transition");
  return { motionType, duration, loop, isTransition };
}

function applyVideoOptions(rec: StoryRecord, o: VideoOptions) {
  const s = rec.story;
  s.is_transition = o.isTransition;
  const preset = s.pose_preset[0] ?? { motion_type: "Auto", prompt_strength: 3, quantity: 1, motion_amount: 5, motion_length: 5, loop: 1, prompt: "" };
  s.pose_preset = [{ ...preset, motion_type: o.motionType, motion_length: o.duration, loop: o.loop }];
}

export function createVideos(ctx: SimContext, id: string, body: ParsedBody, info: RequestInfo): Reply {
  const r = new FieldReader(body);
  const title = r.str("title");
  const posted = readStoryboard(r);
  const postedScenesRaw = r.json("scenes", "object-or-array");
  const opts = readVideoOptions(r, false);
  r.bool("native_audio");
  const webhookUrl = r.str("webhook_url");
  if (r.errors.length) return ERR.unprocessable(r.errors);

  const rec = getRecord(ctx, id);
  if (!rec) return ERR.notFound();
  if (busy(rec)) return ERR.badRequest();
  const sb = posted ?? (hasContent(rec.story.storyboard) ? normalizeStoryboard(rec.story.storyboard) : undefined);
  if (!sb) return ERR.badRequest();
  const postedScenes = Array.isArray(postedScenesRaw)
    ? postedScenesRaw.filter(isRecord)
    : isRecord(postedScenesRaw) && Array.isArray(postedScenesRaw.scenes)
      ? postedScenesRaw.scenes.filter(isRecord)
      : undefined;

  const s = rec.story;
  const o: VideoOptions = {
    motionType: opts.motionType ?? s.pose_preset[0]?.motion_type ?? "Auto",
    duration: opts.duration ?? DURATION.default,
    loop: opts.loop ?? LOOP.default,
    isTransition: opts.isTransition ?? false,
  };
  const built = buildVideos({
    storyboard: sb,
    postedScenes,
    base: ctx.base(),
    storyId: s.id,
    gen: rec.gen + 1,
    videoVersion: rec.videoVersion + 1,
    aspectRatio: s.submit_params.aspect_ratio,
    motionType: o.motionType,
    duration: o.duration,
    loop: o.loop,
    isTransition: o.isTransition,
    audio: s.audio_option,
    scale: ctx.timeScale(),
    failScenes: info.effects.failScenes ?? [],
  });
  if (!built) return ERR.badRequest();
  if (!chargeable(ctx, built.cost)) return ERR.credit();
  rec.gen++;
  rec.videoVersion++;
  charge(ctx, rec, built.cost);
  if (posted) s.storyboard = posted;
  if (title !== undefined) s.title = title;
  applyVideoOptions(rec, o);
  s.video_url = "";
  s.message = "";
  if (webhookUrl) rec.webhookUrl = webhookUrl;
  ctx.startJob(rec, job("videos", [built.phase], "success", ctx, info, webhookUrl));
  return ok(rec);
}

// ---------------------------------------------------------------------------------------------------------------
// POST /story/{id}/concat

export function concatStory(ctx: SimContext, id: string, body: ParsedBody, info: RequestInfo): Reply {
  const r = new FieldReader(body);
  const videoUrls = r.list("concat_video_urls");
  const audioUrls = r.list("audio_urls");
  const webhookUrl = r.str("webhook_url");
  if (r.errors.length) return ERR.unprocessable(r.errors);
  const rec = getRecord(ctx, id);
  if (!rec) return ERR.notFound();
  if (busy(rec)) return ERR.badRequest();
  if (videoUrls.length === 0 && rec.story.finished_medias.length === 0) return ERR.badRequest();
  if (!chargeable(ctx, COSTS.concat)) return ERR.credit();
  rec.videoVersion++;
  charge(ctx, rec, COSTS.concat);
  if (audioUrls.length) rec.story.audio_urls = audioUrls;
  rec.story.message = "";
  if (webhookUrl) rec.webhookUrl = webhookUrl;
  const url = videoUrl(ctx.base(), `${rec.story.id}-story-v${rec.videoVersion}`, rec.story.submit_params.aspect_ratio);
  ctx.startJob(rec, job("concat", [{ name: "concat", ms: ms(ctx, DURATIONS.concat), videoUrl: url }], "success", ctx, info, webhookUrl));
  return ok(rec);
}

// ---------------------------------------------------------------------------------------------------------------
// Automatic: POST /story/idea-2-video and /story/images-2-video

export function automatic(ctx: SimContext, kind: "idea-2-video" | "images-2-video", body: ParsedBody, info: RequestInfo): Reply {
  const r = new FieldReader(body);
  const images = kind === "images-2-video";
  const idea = images ? (r.str("idea") ?? "Make a stunning video showcasing these images with nice story line") : r.str("idea", { required: true });
  const title = r.str("title");
  const description = r.str("description");
  const visibility = r.str("visibility_status", { values: VISIBILITY_VALUES });
  const aspectRatio = r.str("aspect_ratio", { values: ASPECT_RATIOS }) ?? "16:9";
  const sceneCount = r.int("scene_count", { min: SCENE_COUNT.min, max: SCENE_COUNT.max, default: SCENE_COUNT.default });
  const language = r.str("language") ?? "English";
  const elements = readElements(r);
  const option = r.str("image_tool", { values: IMAGE_OPTIONS }) ?? r.str("option", { values: IMAGE_OPTIONS }) ?? "Seedream";
  const opts = readVideoOptions(r, true);
  const webhookUrl = r.str("webhook_url");
  const audio = readAudio(r, DEFAULT_AUDIO, { deprecated: true });
  const imageUrls = r.list("image_urls");
  const files = r.files("image_files");
  if (images && imageUrls.length === 0 && files.length === 0 && !r.errors.some((e) => e.loc[1] === "image_urls")) {
    r.errors.push({ type: "too_short", loc: ["body", "image_urls"], msg: "List should have at least 1 item after validation, not 0", input: [], ctx: { field_type: "List", min_length: 1, actual_length: 0 } });
  }
  if (r.errors.length) return ERR.unprocessable(r.errors);

  const uploaded = images ? storeUploads(ctx, files) : [];
  if (!uploaded) return ERR.badRequest();
  const sceneImages = images ? (uploaded.length ? uploaded : imageUrls) : [];

  const rec = newRecord(info);
  const s = rec.story;
  s.idea = idea ?? "";
  if (title !== undefined) s.title = title;
  if (description !== undefined) s.description = description;
  if (visibility !== undefined) s.visibility_status = visibility;
  s.language = language;
  s.submit_params.aspect_ratio = aspectRatio;
  s.image_urls = [...sceneImages];
  applyAudio(rec, audio);
  const o: VideoOptions = {
    motionType: opts.motionType ?? "Auto",
    duration: opts.duration ?? DURATION.default,
    loop: opts.loop ?? LOOP.default,
    isTransition: opts.isTransition ?? false,
  };

  // Everything is computed now and revealed phase by phase.
  const generated = generateStoryboard({ idea: s.idea, title, sceneCount: sceneCount ?? SCENE_COUNT.default, language, elements, imageUrls: sceneImages });
  rec.gen = 1;
  const phases: Phase[] = [
    { name: "storyboard", ms: ms(ctx, DURATIONS.storyboard), storyboard: generated.storyboard, imagePrompts: sceneImages.length ? generated.imagePrompts : [] },
  ];
  let cost = COSTS.storyboard;
  let sb = generated.storyboard;
  const mctx = mediaContext(ctx, rec, aspectRatio, option);
  if (!images) {
    const el = fillElements(sb, mctx, audio.has_bg_music !== false);
    phases.push({ name: "elements", ms: ms(ctx, DURATIONS.elements), storyboard: el.storyboard });
    cost += el.cost;
    sb = el.storyboard;
  }
  const sc = fillScenes(sb, mctx, audio);
  phases.push({ name: "scenes", ms: ms(ctx, DURATIONS.scenes), storyboard: sc.storyboard, audioUrls: sc.audioUrls });
  cost += sc.cost;
  rec.videoVersion = 1;
  const built = buildVideos({
    storyboard: sc.storyboard,
    base: ctx.base(),
    storyId: s.id,
    gen: rec.gen,
    videoVersion: rec.videoVersion,
    aspectRatio,
    motionType: o.motionType,
    duration: o.duration,
    loop: o.loop,
    isTransition: o.isTransition,
    audio,
    scale: ctx.timeScale(),
    failScenes: info.effects.failScenes ?? [],
  });
  if (!built) return ERR.badRequest();
  phases.push(built.phase);
  cost += built.cost;
  if (!chargeable(ctx, cost)) return ERR.credit();
  charge(ctx, rec, cost);
  applyVideoOptions(rec, o);
  if (webhookUrl) rec.webhookUrl = webhookUrl;
  ctx.store.stories.set(s.id, rec);
  ctx.startJob(rec, job(kind, phases, "success", ctx, info, webhookUrl));
  return ok(rec);
}
