import type { AudioOption, Media, MediaSource, Phase, SimStoryboard } from "./types";
import { arToken, clone, isRecord, seedHex, uuid } from "./util";
import { narrationOn as narrationRule } from "../stories/model";

/**
 * What each step produces, as pure functions of a storyboard: element images, scene images / narrations /
 * music, and the scene videos of a videos step. The handlers compute results at POST time; the store reveals
 * them when the step's time is up.
 */

/**
 * Credits charged per unit of work: deterministic, and the same figures as the app's documented default estimate
 * (lib/stories/costs.ts), so in demo mode the cost shown before a step is what the step is charged.
 */
export const COSTS = {
  storyboard: 2,
  elementImage: 3,
  sceneImage: 3,
  narration: 1,
  music: 2,
  transition: 20,
  concat: 2,
} as const;

/** Per 5-second scene video by motion model (unknown models as Auto); 10 s costs double. */
const VIDEO_PER_5S: Record<string, number> = {
  StaticMotion: 5, PicoMotion: 10, Auto: 40, AutoT3: 40, Pixverse: 40, PixverseT3: 40, Hunyuan: 40, Wan: 40,
  SeedanceFast: 40, MinimaxHailuo: 50, LumaAI: 50, Seedance: 60, KlingAI: 60, KlingT4: 60, LumaRay2: 60, RunwayML: 60,
  VeoFast: 80, Veo: 150, Sora: 100, SoraPro: 200,
};

/** One scene video: with narration on the duration is ignored (billed as 5 s). */
export function sceneVideoCost(motionType: string, duration: number, narration: boolean): number {
  const seconds = narration ? 5 : Math.min(10, Math.max(1, Math.round(duration)));
  return (VIDEO_PER_5S[motionType] ?? VIDEO_PER_5S.Auto) * Math.ceil(seconds / 5);
}

/** Step durations in ms at timeScale 1 (demo speed). */
export const DURATIONS = {
  storyboard: 4000,
  elements: 5000,
  scenes: 6000,
  videosBase: 4000,
  videosPerScene: 1500,
  concat: 4000,
} as const;

export type MediaContext = {
  base: string;
  storyId: string;
  gen: number;
  seed?: number;
  aspectRatio: string;
  option: string;
};

export function imageUrl(base: string, seed: string, params: { ar: string; label: string; kind: string; model?: string }): string {
  const q = new URLSearchParams({ ar: params.ar, label: params.label, kind: params.kind });
  if (params.model) q.set("model", params.model);
  return `${base}/media/images/${seed}.svg?${q.toString()}`;
}

export function audioUrl(base: string, kind: "music" | "narration", seed: string): string {
  return `${base}/media/audio/${kind}-${seed}.wav`;
}

export function videoUrl(base: string, name: string, aspectRatio: string): string {
  return `${base}/media/video/${name}-${arToken(aspectRatio)}.webm`;
}

function missing(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

const KIND_SINGULAR = { characters: "character", environments: "environment", objects: "object" } as const;

/** Step 1.5: an image for every element without one; music when background music is on. */
export function fillElements(input: SimStoryboard, ctx: MediaContext, withMusic: boolean) {
  const storyboard = clone(input);
  let images = 0;
  let music = 0;
  for (const kind of ["characters", "environments", "objects"] as const) {
    for (const el of storyboard[kind]) {
      if (!missing(el.image_url) || !missing(el.URL)) continue;
      const seed = seedHex(ctx.storyId, ctx.gen, ctx.seed ?? "", kind, el.name);
      el.image_url = imageUrl(ctx.base, seed, { ar: ctx.aspectRatio, label: String(el.name), kind: KIND_SINGULAR[kind], model: ctx.option });
      images++;
    }
  }
  if (withMusic && missing(storyboard.music.music_url)) {
    storyboard.music.music_url = audioUrl(ctx.base, "music", seedHex(ctx.storyId, ctx.gen, "music", storyboard.music.description ?? ""));
    music++;
  }
  return { storyboard, images, music, cost: images * COSTS.elementImage + music * COSTS.music };
}

export function narrationOn(audio: AudioOption): boolean {
  return narrationRule({ hasNarration: audio.has_narration !== false, nativeAudio: audio.native_audio === true });
}

/** Step 2: only what is missing: scene images, narrations (narration on), music (background music on). */
export function fillScenes(input: SimStoryboard, ctx: MediaContext, audio: AudioOption) {
  const storyboard = clone(input);
  let images = 0;
  let narrations = 0;
  let music = 0;
  storyboard.scenes.forEach((scene, i) => {
    if (missing(scene.image_url)) {
      const label = typeof scene.name === "string" && scene.name.trim() ? scene.name : `Scene ${i + 1}`;
      const seed = seedHex(ctx.storyId, ctx.gen, ctx.seed ?? "", "scene", i, scene.image_description ?? "");
      scene.image_url = imageUrl(ctx.base, seed, { ar: ctx.aspectRatio, label, kind: `scene ${i + 1}`, model: ctx.option });
      images++;
    }
    if (narrationOn(audio) && missing(scene.narration_url) && typeof scene.narrator === "string" && scene.narrator.trim()) {
      scene.narration_url = audioUrl(ctx.base, "narration", seedHex(ctx.storyId, ctx.gen, audio.narrator, i, scene.narrator));
      narrations++;
    }
  });
  if (audio.has_bg_music !== false && missing(storyboard.music.music_url)) {
    storyboard.music.music_url = audioUrl(ctx.base, "music", seedHex(ctx.storyId, ctx.gen, "music", storyboard.music.description ?? ""));
    music++;
  }
  const audioUrls = typeof storyboard.music.music_url === "string" && storyboard.music.music_url ? [storyboard.music.music_url] : [];
  return {
    storyboard,
    images,
    narrations,
    music,
    audioUrls,
    cost: images * COSTS.sceneImage + narrations * COSTS.narration + music * COSTS.music,
  };
}

export type VideosInput = {
  storyboard: SimStoryboard;
  postedScenes?: Array<Record<string, unknown>>;
  base: string;
  storyId: string;
  gen: number;
  videoVersion: number;
  aspectRatio: string;
  motionType: string;
  duration: number;
  loop: number;
  isTransition: boolean;
  audio: AudioOption;
  scale: number;
  failScenes: number[];
};

function sceneSeconds(narration: string, input: VideosInput): number {
  if (narrationOn(input.audio) && narration.trim()) {
    const words = narration.trim().split(/\s+/).length;
    return Math.max(3, Math.min(10, Math.round(words / 2.6 + 1)));
  }
  return input.duration * input.loop;
}

/** Step 3: one media per scene; null when a scene has no image (-> 400). */
export function buildVideos(input: VideosInput): { phase: Extract<Phase, { name: "videos" }>; cost: number } | null {
  const sbScenes = input.storyboard.scenes;
  const posted = input.postedScenes;
  const count = posted && posted.length ? posted.length : sbScenes.length;
  if (count === 0) return null;
  const sources: Array<MediaSource & { narration: string }> = [];
  for (let k = 0; k < count; k++) {
    const p = posted?.[k];
    const s = sbScenes[k];
    const pick = (a: unknown, b: unknown) => (typeof a === "string" && a.trim() ? a : typeof b === "string" ? b : "");
    const source = {
      image_url: pick(p?.image_url, s?.image_url),
      prompt: pick(p?.prompt, s?.video_description),
      narration_url: pick(p?.narration_url, s?.narration_url),
      narration: pick(p?.narrator, s?.narrator),
    };
    if (!source.image_url) return null;
    sources.push(source);
  }
  const prefix = input.storyId.replace(/-/g, "").slice(0, 4);
  const ar = input.aspectRatio;
  const medias: Media[] = sources.map((src, k) => ({
    media_id: uuid(),
    source: { image_url: src.image_url, prompt: src.prompt, narration_url: src.narration_url },
    item: `${prefix}-${String(k + 1).padStart(7, "0")}`,
    status: "processing",
    video_url: videoUrl(input.base, `${input.storyId}-scene${k + 1}-g${input.gen}`, ar),
    duration: sceneSeconds(src.narration, input),
    motion_type: input.motionType,
  }));
  const scale = input.scale;
  const doneAt = medias.map((_, k) => (1000 + DURATIONS.videosPerScene * (k + 1)) * scale);
  const ms = (DURATIONS.videosBase + DURATIONS.videosPerScene * count) * scale;
  const scenes = sources.map((s) => ({ image_url: s.image_url, prompt: s.prompt, narration_url: s.narration_url }));
  const cost = count * sceneVideoCost(input.motionType, input.duration, narrationOn(input.audio)) + (input.isTransition ? Math.max(0, count - 1) * COSTS.transition : 0);
  return {
    phase: {
      name: "videos",
      ms,
      medias,
      scenes,
      doneAt,
      failScenes: input.failScenes.filter((k) => k < count),
      videoUrl: videoUrl(input.base, `${input.storyId}-story-v${input.videoVersion}`, ar),
    },
    cost,
  };
}

/** A storyboard usable by the steps: has scenes or elements. */
export function hasContent(sb: unknown): sb is SimStoryboard {
  return isRecord(sb) && Array.isArray(sb.scenes) && Array.isArray(sb.characters);
}
