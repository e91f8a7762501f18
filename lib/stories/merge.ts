import type { Storyboard } from "@/lib/validation/storyboard";
import { isItemId, ITEM_LISTS, type SentIds } from "./model";
import { stampImage } from "./image-freshness";

/**
 * Generated media (element images, scene images, narration, music) arrive in Vimmerse's copy of the storyboard.
 * These functions copy them into ours without touching any text the creator wrote. Items are matched by OUR id,
 * never by position or name: Vimmerse's items get the ids of what was sent (by position in what was sent, which
 * the paid step's attempt records), so a reorder, rename or removal made during the step cannot misplace media.
 */

export { allElementsHaveImages, allScenesHaveImages } from "./model";

const MEDIA_KEYS = ["image_url", "narration_url"] as const;
type Item = { id?: string; image_url?: string; narration_url?: string };

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

/**
 * Vimmerse's storyboard with our ids put back: item i of each list gets the id of item i of what was sent.
 * Items beyond what was sent (or sent without an id) get none, so they match nothing.
 * Without `sent`, the items' own ids are used (a storyboard of ours, e.g. a stored version).
 */
export function withSentIds(theirs: Partial<Storyboard>, sent?: SentIds | null): Partial<Storyboard> {
  if (!sent) return theirs;
  const out: Partial<Storyboard> = { ...theirs };
  for (const list of ITEM_LISTS) {
    const items = theirs[list];
    if (!Array.isArray(items)) continue;
    const ids = sent[list] ?? [];
    (out as Record<string, unknown>)[list] = items.map((item, i) => {
      const { id: _drop, ...rest } = (item ?? {}) as Item & Record<string, unknown>;
      void _drop;
      return isItemId(ids[i]) ? { ...rest, id: ids[i] } : rest;
    });
  }
  return out;
}

function byId<T extends Item>(items: readonly T[] | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) if (item && isItemId(item.id) && !map.has(item.id)) map.set(item.id, item);
  return map;
}

/**
 * Fills every EMPTY media field of `mine` from `theirs`, item by item id. Items of mine that were not sent (added
 * during the step) are untouched; items sent but since removed are dropped. Returns a new storyboard.
 */
export function fillMissingMedia(
  mine: Storyboard,
  theirs: Partial<Storyboard> | null | undefined,
  sent?: SentIds | null,
): Storyboard {
  if (!theirs) return mine;
  const source = withSentIds(theirs, sent);
  const out: Storyboard = structuredClone(mine);
  for (const list of ITEM_LISTS) {
    const match = byId<Item>(source[list] as Item[] | undefined);
    out[list] = (out[list] as Item[]).map((item) => {
      const found = isItemId(item.id) ? match.get(item.id) : undefined;
      if (!found) return item;
      let next = item;
      for (const key of MEDIA_KEYS) {
        if (list !== "scenes" && key === "narration_url") continue;
        if (empty(next[key]) && !empty(found[key])) {
          next = { ...next, [key]: found[key] };
          // The new image was made from the description Vimmerse had (what was sent), not from ours now.
          if (key === "image_url") next = stampImage(list, next, found);
        }
      }
      return next;
    }) as never;
  }
  if (theirs.music && empty(out.music.music_url) && !empty(theirs.music.music_url)) {
    out.music = { ...out.music, music_url: theirs.music.music_url };
  }
  return out;
}

/** Regenerating one scene (by id): its new image replaces the old one (the only case where a filled field changes). */
export function replaceSceneImage(
  mine: Storyboard,
  theirs: Partial<Storyboard> | null | undefined,
  sceneId: string,
  sent?: SentIds | null,
): Storyboard {
  if (!theirs) return mine;
  const made = byId<Item>(withSentIds(theirs, sent).scenes as Item[] | undefined).get(sceneId);
  const fresh = made?.image_url;
  const current = mine.scenes.find((s) => s.id === sceneId);
  if (!fresh || !current || current.image_url === fresh) return mine;
  return { ...mine, scenes: mine.scenes.map((s) => (s.id === sceneId ? stampImage("scenes", { ...s, image_url: fresh }, made) : s)) };
}
