import { hash } from "@/lib/review/content";
import type { ItemList } from "./model";

/**
 * "Image may be out of date": THE rule, in one place (pure; the editor, the board and merge.ts share it).
 *
 * When an item's image is made (generated media arrive: lib/stories/merge.ts; or the creator uploads one) we store
 * on the item, in IMAGE_STAMP, `<hash of that image's URL>:<hash of the description it was made from>` (a scene's
 * `image_description`, an element's `description`). The image may be out of date when the stamp is of the item's
 * current image and the description now hashes differently. No stamp, or a stamp of another image (a URL pasted
 * since, a storyboard from before this rule): no hint, since we cannot know. Whitespace at the ends does not count
 * as a change. The stamp is ours: never sent to Vimmerse.
 */
export const IMAGE_STAMP = "image_made_from" as const;

type Stampable = { image_url?: string; description?: string; image_description?: string; [IMAGE_STAMP]?: string; [other: string]: unknown };

/** The text an item's image is made from. */
export function imageSourceText(list: ItemList, item: Stampable | null | undefined): string {
  const text = list === "scenes" ? item?.image_description : item?.description;
  return typeof text === "string" ? text.trim() : "";
}

/** What IMAGE_STAMP holds for the image at `imageUrl` made from `text`. */
export function imageStamp(imageUrl: string, text: string): string {
  return `${hash(imageUrl.trim())}:${hash(text.trim())}`;
}

/** True when the item's image was made from a description other than its current one. */
export function imageMayBeOutOfDate(list: ItemList, item: Stampable | null | undefined): boolean {
  const stamp = item?.[IMAGE_STAMP];
  const url = typeof item?.image_url === "string" ? item.image_url.trim() : "";
  if (!item || !url || typeof stamp !== "string") return false;
  const [image, text] = stamp.split(":");
  if (!text || image !== hash(url)) return false; // not a stamp of this image: we cannot know
  return text !== hash(imageSourceText(list, item));
}

/** The item with its (current) image stamped as made from the description of `from` (default: its own). */
export function stampImage<T extends Stampable>(list: ItemList, item: T, from: Stampable = item): T {
  return { ...item, [IMAGE_STAMP]: imageStamp(typeof item.image_url === "string" ? item.image_url : "", imageSourceText(list, from)) };
}

/** Removes the stamp (what is sent upstream). */
export function withoutStamp<T extends object>(item: T): T {
  if (!(IMAGE_STAMP in item)) return item;
  const { [IMAGE_STAMP]: _drop, ...rest } = item as T & Stampable;
  void _drop;
  return rest as T;
}
