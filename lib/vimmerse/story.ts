import type { Music, Scene, Storyboard, StoryElement, TitleScene } from "@/lib/validation/storyboard";
import { isHttpUrl } from "@/lib/validation/url";
import type { StoryStatus } from "./enums";
import { VimmerseError } from "./errors";

/**
 * Lenient reading of Vimmerse story answers. NOT server-only (pure functions).
 *
 * The documented examples are loose: trailing commas, `is_transition` as false or "No", `"storyboard": { }`,
 * element images under `URL`, fields present in one example and missing in the next. `parseStoryResponse` never
 * throws for a missing, extra or wrongly typed field; it throws only when the body is not an object or holds no
 * story (`data` object, or a bare story object with an id).
 */

export type LooseRecord = Record<string, unknown>;

export type StoryAudioOption = {
  has_bg_music: boolean;
  has_narration: boolean;
  native_audio: boolean;
  narrator?: string;
  [key: string]: unknown;
};

/** A flattened view of one media (scene video job) for the UI. */
export type StoryMediaView = {
  media_id: string;
  item: string;
  image_url: string;
  prompt: string;
  narration_url: string;
  video_url: string;
  /** The media's own status, else "success"/"fail" when it is listed in finished_medias/failed_medias, else "". */
  status: string;
  /** Failure reason when Vimmerse gives one (error, reason, message). */
  error: string;
};

export type StoryKnownFields = {
  id: string;
  title: string;
  idea: string;
  description: string;
  /** Normalised status. */
  status: StoryStatus;
  /** The status string exactly as Vimmerse sent it ("" when missing). */
  rawStatus: string;
  /** 0..100. */
  progress_percentage: number;
  used_credits: number;
  storyboard: Storyboard;
  scenes: LooseRecord[];
  medias: LooseRecord[];
  finished_medias: LooseRecord[];
  failed_medias: LooseRecord[];
  /** Helper view over medias / finished_medias / failed_medias. */
  mediaViews: StoryMediaView[];
  video_url: string;
  audio_urls: string[];
  narration_url: string;
  is_transition: boolean;
  /** null when the answer carries no audio_option. */
  audio_option: StoryAudioOption | null;
  language: string;
  visibility_status: string;
  /** Vimmerse's free-text message (may explain a failure). */
  message: string;
  submit_params: LooseRecord;
  pose_preset: LooseRecord[];
  image_urls: string[];
  created_at: string;
  updated_at: string;
};

/** A story as the app uses it: the normalised fields above plus every other field Vimmerse sent, unchanged. */
export type Story = StoryKnownFields & { [key: string]: unknown };

// ---------------------------------------------------------------------------------------------------------------
// Lenient JSON

/** Removes commas that directly precede `}` or `]` (ignoring whitespace), outside string literals. */
export function removeTrailingCommas(text: string): string {
  let out = "";
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    if (ch === ",") {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === "}" || text[j] === "]") continue;
    }
    out += ch;
  }
  return out;
}

/** JSON.parse; on failure, once more without trailing commas. Throws VimmerseError("invalid_response"). */
export function parseJsonLenient(text: string): unknown {
  const source = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(source);
  } catch (first) {
    try {
      return JSON.parse(removeTrailingCommas(source));
    } catch {
      const snippet = source.trim().slice(0, 80).replace(/\s+/g, " ");
      throw new VimmerseError("invalid_response", {
        message: `Vimmerse sent a body that is not JSON${snippet ? `: ${snippet}` : " (empty)"}`,
        cause: first,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cleaning: upstream values are made safe to store and to show before anything else reads them

/** C0 controls except \t and \n, and DEL. NUL in particular cannot be stored in PostgreSQL text/jsonb. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** Control characters removed; lone surrogates (not storable either) replaced. */
export function cleanText(s: string): string {
  return s.replace(CONTROL_CHARS, "").toWellFormed();
}

/** A key that holds a URL: image_url, URL, music_url, video_url, audio_urls, ... */
const URL_KEY = /(^|_)urls?$/i;

function cleanUrlValue(v: unknown): unknown {
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" || isHttpUrl(t) ? t : undefined;
  }
  if (Array.isArray(v)) return v.map(cleanUrlValue).filter((x) => x !== undefined);
  return v;
}

/**
 * Every string (and key) of an upstream value cleaned with cleanText; every URL-holding field whose value is not
 * an http(s) URL (`javascript:`, `data:`, garbage) dropped, so it can never reach a link, a player or a save.
 */
export function cleanUpstream(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return cleanText(value);
  if (depth > 64 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => cleanUpstream(v, depth + 1));
  const out: LooseRecord = {};
  for (const [rawKey, raw] of Object.entries(value)) {
    const key = cleanText(rawKey);
    let v = cleanUpstream(raw, depth + 1);
    if (URL_KEY.test(key)) {
      v = typeof v === "string" && (v.trim().startsWith("[") || v.trim().startsWith("{")) ? v : cleanUrlValue(v);
      if (v === undefined) continue;
    }
    out[key] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Small coercions

function isRecord(v: unknown): v is LooseRecord {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown, fallback = ""): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return String(v);
  return fallback;
}

function num(v: unknown, fallback = 0): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") {
    const m = v.trim().replace(/%$/, "").trim();
    if (m !== "" && Number.isFinite(Number(m))) return Number(m);
  }
  return fallback;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "on"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "off", ""]);

function bool(v: unknown, fallback = false): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (TRUE_WORDS.has(s)) return true;
    if (FALSE_WORDS.has(s)) return false;
  }
  return fallback;
}

/** A value that may be a JSON string of an object/array (form-encoded echoes). */
function maybeJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return v;
  try {
    return cleanUpstream(parseJsonLenient(t));
  } catch {
    return v;
  }
}

function records(v: unknown): LooseRecord[] {
  const value = maybeJson(v);
  return Array.isArray(value) ? value.filter(isRecord).map((r) => ({ ...r })) : [];
}

function strings(v: unknown): string[] {
  const value = maybeJson(v);
  if (typeof value === "string") return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.map((x) => str(x)).filter((x) => x !== "");
}

/** A list of http(s) URLs (anything else dropped). */
function urls(v: unknown): string[] {
  return strings(v).filter((u) => isHttpUrl(u.trim()));
}

function firstString(...values: unknown[]): string {
  for (const v of values) {
    if (typeof v === "string" && v.trim() !== "") return v;
  }
  return "";
}

// ---------------------------------------------------------------------------------------------------------------
// Status

const STATUS_WORDS: Record<string, StoryStatus> = {
  new: "new",
  created: "new",
  pending: "new",
  queued: "new",
  queue: "new",
  waiting: "new",
  submitted: "new",
  init: "new",
  initial: "new",
  processing: "processing",
  process: "processing",
  running: "processing",
  started: "processing",
  start: "processing",
  in_progress: "processing",
  inprogress: "processing",
  progress: "processing",
  generating: "processing",
  working: "processing",
  composing: "processing",
  success: "success",
  succeeded: "success",
  succeed: "success",
  successful: "success",
  done: "success",
  finished: "success",
  finish: "success",
  completed: "success",
  complete: "success",
  ok: "success",
  fail: "fail",
  failed: "fail",
  failure: "fail",
  error: "fail",
  errored: "fail",
  cancelled: "fail",
  canceled: "fail",
  aborted: "fail",
  rejected: "fail",
};

/** Normalises a Vimmerse status (case-insensitive). Missing -> "new"; unrecognised -> "processing". */
export function normalizeStatus(raw: unknown): StoryStatus {
  const s = str(raw).trim().toLowerCase();
  if (!s) return "new";
  const key = s.replace(/[\s-]+/g, "_");
  if (key in STATUS_WORDS) return STATUS_WORDS[key];
  if (/fail|error|cancel|abort/.test(key)) return "fail";
  if (/success|complete|finish|done/.test(key)) return "success";
  if (/new|pending|queue|wait/.test(key)) return "new";
  return "processing";
}

// ---------------------------------------------------------------------------------------------------------------
// Storyboard

const IMAGE_KEYS = ["image_url", "URL", "url"] as const;

/** Moves the first non-empty of image_url / URL / url into `image_url` and removes the others (so an edit of
 * image_url is never shadowed by a stale `URL` when the storyboard is sent back). */
function takeImageUrl(rec: LooseRecord): LooseRecord {
  const out = { ...rec };
  const url = firstString(...IMAGE_KEYS.map((k) => rec[k]));
  for (const k of IMAGE_KEYS) delete out[k];
  if (url) out.image_url = url;
  return out;
}

function normalizeElement(raw: unknown): StoryElement | null {
  if (typeof raw === "string") return raw.trim() ? { name: raw.trim(), description: "" } : null;
  if (!isRecord(raw)) return null;
  const out = takeImageUrl(raw);
  out.name = str(raw.name ?? raw.title);
  out.description = str(raw.description);
  return out as StoryElement;
}

function normalizeElements(raw: unknown): StoryElement[] {
  const value = maybeJson(raw);
  if (!Array.isArray(value)) return [];
  const out: StoryElement[] = [];
  for (const item of value) {
    const el = normalizeElement(item);
    if (el) out.push(el);
  }
  return out;
}

function normalizeMusic(raw: unknown): Music {
  const value = maybeJson(raw);
  if (typeof value === "string") return { description: value, lyrics: "" };
  if (!isRecord(value)) return { description: "", lyrics: "" };
  const out: LooseRecord = { ...value, description: str(value.description), lyrics: str(value.lyrics) };
  const url = firstString(value.music_url, value.URL, value.url, value.audio_url);
  delete out.URL;
  delete out.url;
  if (url) out.music_url = url;
  else delete out.music_url;
  return out as Music;
}

function normalizeTitleScene(raw: unknown): TitleScene | undefined {
  const value = maybeJson(raw);
  if (typeof value === "string") return value.trim() ? { title: value, description: "" } : undefined;
  if (!isRecord(value)) return undefined;
  return { ...value, title: str(value.title), description: str(value.description) } as TitleScene;
}

function normalizeScene(raw: unknown): Scene | null {
  if (typeof raw === "string") return { image_description: raw, video_description: "", narrator: "" };
  if (!isRecord(raw)) return null;
  const out = takeImageUrl(raw);
  out.image_description = str(raw.image_description);
  out.video_description = str(raw.video_description);
  out.narrator = str(raw.narrator ?? raw.narration);
  if (raw.name !== undefined) {
    if (typeof raw.name === "string" || typeof raw.name === "number") out.name = str(raw.name);
    else delete out.name;
  }
  const narrationUrl = firstString(raw.narration_url);
  if (narrationUrl) out.narration_url = narrationUrl;
  else delete out.narration_url;
  return out as Scene;
}

/**
 * Any storyboard-ish value -> the Storyboard shape: missing lists -> [], missing music -> {description:"",
 * lyrics:""}, element images under image_url/URL/url -> image_url. Unknown fields of every object are kept.
 * Accepts a JSON string too.
 */
export function normalizeStoryboard(raw: unknown): Storyboard {
  const value = cleanUpstream(maybeJson(raw));
  const src: LooseRecord = isRecord(value) ? value : {};
  const board: LooseRecord = {
    ...src,
    characters: normalizeElements(src.characters),
    environments: normalizeElements(src.environments),
    objects: normalizeElements(src.objects),
    music: normalizeMusic(src.music),
    scenes: (() => {
      const list = maybeJson(src.scenes);
      if (!Array.isArray(list)) return [];
      const out: Scene[] = [];
      for (const item of list) {
        const scene = normalizeScene(item);
        if (scene) out.push(scene);
      }
      return out;
    })(),
  };
  const title = normalizeTitleScene(src.title_scene);
  if (title) board.title_scene = title;
  else delete board.title_scene;
  return board as Storyboard;
}

// ---------------------------------------------------------------------------------------------------------------
// Medias

function mediaView(media: LooseRecord, groupStatus: string): StoryMediaView {
  const source = isRecord(media.source) ? media.source : {};
  const result = isRecord(media.result) ? media.result : isRecord(media.output) ? media.output : {};
  return {
    media_id: str(media.media_id ?? media.id),
    item: str(media.item),
    image_url: firstString(media.image_url, source.image_url, result.image_url),
    prompt: firstString(media.prompt, source.prompt),
    narration_url: firstString(media.narration_url, source.narration_url),
    video_url: firstString(media.video_url, result.video_url, media.url, media.media_url, media.output_url),
    status: firstString(media.status, media.state) || groupStatus,
    error: firstString(media.error, media.reason, media.error_message, media.message, result.error),
  };
}

function buildMediaViews(medias: LooseRecord[], finished: LooseRecord[], failed: LooseRecord[]): StoryMediaView[] {
  const views: StoryMediaView[] = [];
  const byId = new Map<string, StoryMediaView>();
  const add = (m: LooseRecord, groupStatus: string) => {
    const view = mediaView(m, groupStatus);
    const existing = view.media_id ? byId.get(view.media_id) : undefined;
    if (!existing) {
      views.push(view);
      if (view.media_id) byId.set(view.media_id, view);
      return;
    }
    // Listed again in finished_medias / failed_medias: fill what the first listing lacked; that listing decides
    // the status.
    for (const k of Object.keys(view) as (keyof StoryMediaView)[]) {
      if (!existing[k] && view[k]) existing[k] = view[k];
    }
    if (groupStatus) existing.status = view.status;
  };
  for (const m of medias) add(m, "");
  for (const m of finished) add(m, "success");
  for (const m of failed) add(m, "fail");
  return views;
}

// ---------------------------------------------------------------------------------------------------------------
// Story

function normalizeAudioOption(raw: unknown): StoryAudioOption | null {
  const value = maybeJson(raw);
  if (!isRecord(value)) return null;
  const native = bool(value.native_audio, false);
  const out: StoryAudioOption = {
    ...value,
    has_bg_music: bool(value.has_bg_music, true),
    has_narration: native ? false : bool(value.has_narration, true),
    native_audio: native,
  };
  if (typeof value.narrator === "string" && value.narrator) out.narrator = value.narrator;
  else delete out.narrator;
  return out;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** Normalises one story object (the `data` of an answer). Never throws. */
export function normalizeStory(input: LooseRecord): Story {
  const raw = cleanUpstream(input) as LooseRecord;
  const medias = records(raw.medias);
  const finished = records(raw.finished_medias);
  const failed = records(raw.failed_medias);
  const rawStatus = str(raw.status) || str(raw.story_status);
  const known: StoryKnownFields = {
    id: str(raw.id) || str(raw.story_id) || str(raw.batch_id),
    title: str(raw.title),
    idea: str(raw.idea),
    description: str(raw.description),
    status: normalizeStatus(rawStatus),
    rawStatus,
    progress_percentage: clamp(num(raw.progress_percentage ?? raw.progress), 0, 100),
    used_credits: Math.max(0, num(raw.used_credits)),
    storyboard: normalizeStoryboard(raw.storyboard),
    scenes: records(raw.scenes),
    medias,
    finished_medias: finished,
    failed_medias: failed,
    mediaViews: buildMediaViews(medias, finished, failed),
    video_url: str(raw.video_url),
    audio_urls: urls(raw.audio_urls),
    narration_url: str(raw.narration_url),
    is_transition: bool(raw.is_transition, false),
    audio_option: normalizeAudioOption(raw.audio_option),
    language: str(raw.language),
    visibility_status: str(raw.visibility_status),
    message: str(raw.message),
    submit_params: (() => {
      const v = maybeJson(raw.submit_params);
      return isRecord(v) ? { ...v } : {};
    })(),
    pose_preset: records(raw.pose_preset),
    image_urls: urls(raw.image_urls),
    created_at: str(raw.created_at),
    updated_at: str(raw.updated_at),
  };
  return { ...raw, ...known };
}

function hasId(rec: LooseRecord): boolean {
  return ["id", "story_id", "batch_id"].some((k) => str(rec[k]).trim() !== "");
}

/**
 * `{"data": Story}` (or a bare story object with an id / story_id / batch_id) -> Story. Accepts the raw text too.
 * Throws VimmerseError("invalid_response") when the body is not an object or carries no story.
 */
export function parseStoryResponse(body: unknown): Story {
  const value = typeof body === "string" ? parseJsonLenient(body) : body;
  if (!isRecord(value)) {
    throw new VimmerseError("invalid_response", {
      message: `Vimmerse answer is not an object (${Array.isArray(value) ? "array" : typeof value})`,
    });
  }
  const data = maybeJson(value.data);
  if (isRecord(data)) return normalizeStory(data);
  if (hasId(value)) return normalizeStory(value);
  const hint = str(value.message) || str(value.detail);
  throw new VimmerseError("invalid_response", {
    message: `Vimmerse answer has no "data" story${hint ? ` (message: ${hint.slice(0, 120)})` : ""}`,
  });
}

/**
 * Like parseStoryResponse, but an answer that carries no story (empty text, `{}`, no data and no id) gives null.
 * Used for concat and delete, whose documented 200 answer is `{}`.
 */
export function parseOptionalStoryResponse(body: unknown): Story | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string" && body.trim() === "") return null;
  const value = typeof body === "string" ? parseJsonLenient(body) : body;
  if (!isRecord(value)) return parseStoryResponse(value);
  if (isRecord(maybeJson(value.data)) || hasId(value)) return parseStoryResponse(value);
  return null;
}
