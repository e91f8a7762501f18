import { hash } from "@/lib/review/content";
import type { ItemList } from "./model";

/**
 * "Image may be out of date": THE rule, in one place (pure; the editor, the board and merge.ts share it).
 *
 * When an item's image is made (generated media arrive: lib/stories/merge.ts; or the creator uploads one) we store
 * on the item, in IMAGE_STAMP, a hash of the description the image was made from: a scene's `image_description`,
 * an element's `description`. The image may be out of date when the item has an image and a stamp and the
 * description now hashes differently. No stamp (a pasted URL, a storyboard from before this rule): no hint, since
 * we cannot know. Whitespace at the ends does not count as a change. The stamp is ours: never sent to Vimmerse.
 */
export const IMAGE_STAMP = "image_made_from" as const;

type Stampable = { image_url?: string; description?: string; image_description?: string; [IMAGE_STAMP]?: string; [other: string]: unknown };

/** The text an item's image is made from. */
export function imageSourceText(list: ItemList, item: Stampable | null | undefined): string {
  const text = list === "scenes" ? item?.image_description : item?.description;
  return typeof text === "string" ? text.trim() : "";
}

/** The stamp of a description (what IMAGE_STAMP holds). */
export function descriptionStamp(text: string): string {
  return hash(text.trim());
}

/** True when the item's image was made from a description other than its current one. */
export function imageMayBeOutOfDate(list: ItemList, item: Stampable | null | undefined): boolean {
  const stamp = item?.[IMAGE_STAMP];
  if (!item || typeof item.image_url !== "string" || !item.image_url.trim()) return false;
  if (typeof stamp !== "string" || !stamp) return false;
  return stamp !== descriptionStamp(imageSourceText(list, item));
}

/** The item with its image stamped as made from `from` (default: its own current description). */
export function stampImage<T extends Stampable>(list: ItemList, item: T, from: Stampable = item): T {
  return { ...item, [IMAGE_STAMP]: descriptionStamp(imageSourceText(list, from)) };
}

/** Removes the stamp (what is sent upstream). */
export function withoutStamp<T extends object>(item: T): T {
  if (!(IMAGE_STAMP in item)) return item;
  const { [IMAGE_STAMP]: _drop, ...rest } = item as T & Stampable;
  void _drop;
  return rest as T;
}
