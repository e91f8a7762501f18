import type { Storyboard } from "@/lib/validation/storyboard";
import { ELEMENT_KINDS } from "@/lib/validation/storyboard";

/**
 * Generated media (element images, scene images, narration, music) arrive in Vimmerse's copy of the storyboard.
 * These functions copy them into ours without touching any text the creator wrote.
 */

const MEDIA_KEYS = ["image_url", "narration_url"] as const;

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

/** Fills every EMPTY media field of `mine` from `theirs` (same kind and position). Returns a new storyboard. */
export function fillMissingMedia(mine: Storyboard, theirs: Partial<Storyboard> | null | undefined): Storyboard {
  if (!theirs) return mine;
  const out: Storyboard = structuredClone(mine);
  for (const kind of ELEMENT_KINDS) {
    const source = theirs[kind] ?? [];
    out[kind] = out[kind].map((el, i) => {
      const match = source.find((s) => s?.name && s.name === el.name) ?? source[i];
      return empty(el.image_url) && match && !empty(match.image_url) ? { ...el, image_url: match.image_url } : el;
    });
  }
  // Scenes are matched by name when names are unique on both sides (an unsaved reorder must not move an image to
  // another scene), else by position.
  const scenes = theirs.scenes ?? [];
  const uniqueNames = (list: { name?: string }[]) => new Set(list.map((x) => x.name ?? "")).size === list.length && list.every((x) => x.name);
  const byName = uniqueNames(scenes) && uniqueNames(out.scenes);
  out.scenes = out.scenes.map((scene, i) => {
    const match = byName ? scenes.find((t) => t.name === scene.name) : scenes[i];
    if (!match) return scene;
    const next = { ...scene };
    for (const key of MEDIA_KEYS) {
      if (empty(next[key]) && !empty(match[key])) next[key] = match[key];
    }
    return next;
  });
  if (theirs.music && empty(out.music.music_url) && !empty(theirs.music.music_url)) {
    out.music = { ...out.music, music_url: theirs.music.music_url };
  }
  return out;
}

/** Regenerating one scene: its new image replaces the old one (the only case where a filled field changes). */
export function replaceSceneImage(mine: Storyboard, theirs: Partial<Storyboard> | null | undefined, index: number): Storyboard {
  const fresh = theirs?.scenes?.[index]?.image_url;
  if (!fresh || !mine.scenes[index] || mine.scenes[index].image_url === fresh) return mine;
  return { ...mine, scenes: mine.scenes.map((s, i) => (i === index ? { ...s, image_url: fresh } : s)) };
}

export function allElementsHaveImages(board: Partial<Storyboard> | null | undefined): boolean {
  if (!board) return false;
  return ELEMENT_KINDS.every((k) => (board[k] ?? []).every((e) => !empty(e?.image_url)));
}

export function allScenesHaveImages(board: Partial<Storyboard> | null | undefined): boolean {
  const scenes = board?.scenes ?? [];
  return scenes.length > 0 && scenes.every((s) => !empty(s?.image_url));
}
