// Relative imports: the simulator (run by plain tsx) uses this module too.
import type { Scene, Storyboard, StoryElement } from "../validation/storyboard";
import { ELEMENT_KINDS, ITEM_ID_PATTERN, isOptionalUrl } from "../validation/storyboard-rules";

/**
 * The storyboard's domain rules, each in ONE function, shared by the server, the forms, the simulator and the UI:
 * stable item ids, defaults for new storyboards / scenes / elements, "every item has its media", and the audio rule.
 * Pure: no server-only imports, so the browser and the simulator use it too.
 */

/** The lists of a storyboard whose items carry our ids. */
export const ITEM_LISTS = [...ELEMENT_KINDS, "scenes"] as const;
export type ItemList = (typeof ITEM_LISTS)[number];

/** Ids of the items of each list, in order: what a paid step sent (recorded in its attempt). */
export type SentIds = Record<ItemList, string[]>;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fresh item id (uuid v4). crypto.randomUUID needs a secure context in browsers; getRandomValues does not. */
export function newId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") {
    try {
      return c.randomUUID();
    } catch {
      // insecure context: fall through
    }
  }
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function isItemId(v: unknown): v is string {
  return typeof v === "string" && ITEM_ID_PATTERN.test(v);
}

export function emptyStoryboard(): Storyboard {
  return { characters: [], environments: [], objects: [], music: { description: "", lyrics: "" }, scenes: [] };
}

export function newScene(fields: Partial<Scene> = {}): Scene & { id: string } {
  return { image_description: "", video_description: "", narrator: "", image_url: "", ...fields, id: newId() };
}

/** A copy of a scene with its own id, named "… (copy)". */
export function duplicateScene(scene: Scene): Scene & { id: string } {
  return { ...structuredClone(scene), name: scene.name ? `${scene.name} (copy)` : scene.name, id: newId() };
}

export function newElement(fields: Partial<StoryElement> = {}): StoryElement & { id: string } {
  return { name: "", description: "", image_url: "", ...fields, id: newId() };
}

/**
 * Gives an id to every scene and element lacking a valid one (or carrying one already used in this storyboard).
 * Applied wherever a storyboard enters: Vimmerse's first storyboard, saves, imports, the editor's load.
 * Returns the same object when nothing had to change.
 */
export function withIds<T extends Partial<Storyboard>>(board: T): T {
  const seen = new Set<string>();
  let changed = false;
  const out = { ...board } as T;
  for (const list of ITEM_LISTS) {
    const items = board[list];
    if (!Array.isArray(items)) continue;
    (out as Record<string, unknown>)[list] = items.map((item) => {
      if (!item || typeof item !== "object") return item;
      if (isItemId(item.id) && !seen.has(item.id)) {
        seen.add(item.id);
        return item;
      }
      changed = true;
      const id = newId();
      seen.add(id);
      return { ...item, id };
    });
  }
  return changed ? out : board;
}

/** The ids of each list in order (items without an id count as ""). */
export function idsOf(board: Partial<Storyboard> | null | undefined): SentIds {
  const out = {} as SentIds;
  for (const list of ITEM_LISTS) out[list] = (board?.[list] ?? []).map((item) => (isItemId(item?.id) ? item.id : ""));
  return out;
}

/** Removes our ids (what is sent upstream: ids are ours, never Vimmerse's). */
export function withoutIds<T extends Partial<Storyboard>>(board: T): T {
  const out = { ...board } as T;
  for (const list of ITEM_LISTS) {
    const items = board[list];
    if (!Array.isArray(items)) continue;
    (out as Record<string, unknown>)[list] = items.map((item) => {
      if (!item || typeof item !== "object" || !("id" in item)) return item;
      const { id: _id, ...rest } = item;
      void _id;
      return rest;
    });
  }
  return out;
}

function filled(v: unknown): boolean {
  return !(v === undefined || v === null || v === "");
}

/** Every character, environment and object has its image. */
export function allElementsHaveImages(board: Partial<Storyboard> | null | undefined): boolean {
  if (!board) return false;
  return ELEMENT_KINDS.every((k) => (board[k] ?? []).every((e) => filled(e?.image_url)));
}

/** There are scenes and every scene has its image. */
export function allScenesHaveImages(board: Partial<Storyboard> | null | undefined): boolean {
  const scenes = board?.scenes ?? [];
  return scenes.length > 0 && scenes.every((s) => filled(s?.image_url));
}

/** The scenes (by position, 0-based) that have no image yet. */
export function scenesWithoutImage(board: Partial<Storyboard> | null | undefined): number[] {
  return (board?.scenes ?? []).flatMap((s, i) => (filled(s?.image_url) ? [] : [i]));
}

/** Native audio (sound from the video model) turns narration off. The one place this rule lives. */
export function narrationOn(audio: { hasNarration?: boolean; nativeAudio?: boolean } | null | undefined): boolean {
  return Boolean(audio?.hasNarration ?? true) && !audio?.nativeAudio;
}

const URL_FIELDS = ["image_url", "narration_url", "music_url"] as const;

function stripNul<T>(value: T, depth = 0): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value) as T;
  if (depth > 32 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => stripNul(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripNul(v, depth + 1)])) as T;
}

/**
 * A stored storyboard made editable: ids given, NUL characters removed, and media addresses our form would refuse
 * (e.g. a `javascript:` URL that came from upstream) dropped, so the creator is never blocked by a field they did
 * not touch. Returns what was dropped, for a non-blocking notice.
 */
export function prepareForEditing(board: Storyboard): { board: Storyboard; dropped: string[] } {
  const dropped: string[] = [];
  const clean = <T extends Record<string, unknown>>(obj: T, label: string): T => {
    let out = obj;
    for (const key of URL_FIELDS) {
      if (key in obj && obj[key] !== undefined && obj[key] !== null && !isOptionalUrl(obj[key])) {
        if (out === obj) out = { ...obj };
        delete (out as Record<string, unknown>)[key];
        dropped.push(`${label} ${key.replace("_", " ")}`);
      }
    }
    return out;
  };
  const b = withIds(stripNul(board));
  const out: Storyboard = {
    ...b,
    characters: (b.characters ?? []).map((e, i) => clean(e, `Character ${i + 1}`)),
    environments: (b.environments ?? []).map((e, i) => clean(e, `Environment ${i + 1}`)),
    objects: (b.objects ?? []).map((e, i) => clean(e, `Object ${i + 1}`)),
    music: clean(b.music ?? { description: "", lyrics: "" }, "Music"),
    scenes: (b.scenes ?? []).map((s, i) => clean(s, `Scene ${i + 1}`)),
  };
  return { board: out, dropped };
}
