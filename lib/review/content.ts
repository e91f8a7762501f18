import type { Scene, Storyboard } from "../validation/storyboard";

/**
 * Review rules, each in ONE function (pure: the server, the pages and the tests share them).
 * - What a review is OF: `reviewContent` hashes the parts of an item a reviewer looks at (a scene's text and image;
 *   the "cast & sound" item: elements, music and title scene). An approval stores these hashes; when the item
 *   changes afterwards the approval is "out of date" and says which part changed.
 * - Which state an item is in (`itemReview`), the story's summary (`reviewSummary`) and the render gate's list of
 *   scenes still to approve (`unapprovedScenes`).
 * Items are known by id (scenes by their stable id; the cast item by CAST_ITEM_ID): reordering, renaming or removing
 * other scenes never moves a review or a comment.
 */

/** The one review item that is not a scene: elements (characters, environments, objects), music and title scene. */
export const CAST_ITEM_ID = "cast";
export const CAST_ITEM_LABEL = "Cast & sound";

export type ContentParts = Record<string, string>;
export type Decision = "approved" | "changes_requested";
export type ReviewStateName = "pending" | Decision;

/** Parts of a scene / the cast item, in the words the UI shows for "what changed". */
export const PART_LABELS: Record<string, string> = { text: "text", image: "image", sound: "music" };

/** cyrb53: a fast, stable 53-bit string hash (no crypto needed: it detects change, it guards no secret). */
export function hash(value: unknown): string {
  const str = JSON.stringify(value ?? null);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const trim = (v: unknown) => (typeof v === "string" ? v.trim() : "");

function sceneContent(scene: Partial<Scene>): ContentParts {
  // The name is a label (renaming a scene does not change what was approved); the rest is what becomes the video.
  return {
    text: hash([trim(scene.image_description), trim(scene.video_description), trim(scene.narrator)]),
    image: hash(trim(scene.image_url)),
  };
}

function castContent(board: Partial<Storyboard>): ContentParts {
  const elements = [...(board.characters ?? []), ...(board.environments ?? []), ...(board.objects ?? [])];
  return {
    text: hash([
      elements.map((e) => [trim(e.name), trim(e.description)]),
      [trim(board.music?.description), trim(board.music?.lyrics)],
      [trim(board.title_scene?.title), trim(board.title_scene?.description)],
    ]),
    image: hash(elements.map((e) => trim(e.image_url))),
    sound: hash(trim(board.music?.music_url)),
  };
}

/** THE content a review is of: the hashes of the item's parts, or null when the item is not in the storyboard. */
export function reviewContent(board: Partial<Storyboard> | null | undefined, itemId: string): ContentParts | null {
  if (!board) return null;
  if (itemId === CAST_ITEM_ID) return castContent(board);
  const scene = (board.scenes ?? []).find((s) => (s as { id?: string }).id === itemId);
  return scene ? sceneContent(scene) : null;
}

/** A stored decision (lib/db review_states). */
export type StoredReview = {
  itemId: string;
  decision: Decision;
  content: ContentParts;
  by: string;
  at: string;
};

export type ItemReview = {
  itemId: string;
  state: ReviewStateName;
  /** The decision was made on content that has changed since (it counts as pending). */
  outOfDate: boolean;
  /** Which parts changed since the decision ("text", "image", "music"). */
  changed: string[];
  by: string | null;
  at: string | null;
};

/** The item's review now: its last decision, and whether the item changed since. */
export function itemReview(board: Partial<Storyboard> | null | undefined, itemId: string, stored: StoredReview | undefined): ItemReview {
  if (!stored) return { itemId, state: "pending", outOfDate: false, changed: [], by: null, at: null };
  const now = reviewContent(board, itemId) ?? {};
  const changed = Object.keys({ ...stored.content, ...now })
    .filter((part) => stored.content[part] !== now[part])
    .map((part) => PART_LABELS[part] ?? part);
  return { itemId, state: stored.decision, outOfDate: changed.length > 0, changed, by: stored.by, at: stored.at };
}

/** "Approved" for the gate and the summary: approved and not out of date. */
export function isApproved(review: ItemReview): boolean {
  return review.state === "approved" && !review.outOfDate;
}

export type ReviewSummary = { scenes: number; approved: number; changesRequested: number; outOfDate: number; pending: number };

/** The story's summary over its scenes: "7 of 10 approved, 2 changes requested". */
export function reviewSummary(reviews: ItemReview[]): ReviewSummary {
  const scenes = reviews.filter((r) => r.itemId !== CAST_ITEM_ID);
  const approved = scenes.filter(isApproved).length;
  const changesRequested = scenes.filter((r) => r.state === "changes_requested").length;
  const outOfDate = scenes.filter((r) => r.outOfDate).length;
  return { scenes: scenes.length, approved, changesRequested, outOfDate, pending: scenes.length - approved - changesRequested };
}

export function summaryText(s: ReviewSummary): string {
  const parts = [`${s.approved} of ${s.scenes} approved`];
  if (s.changesRequested) parts.push(`${s.changesRequested} changes requested`);
  if (s.outOfDate) parts.push(`${s.outOfDate} out of date`);
  return parts.join(", ");
}

/** Every item of a storyboard in review order: its scenes, then the cast & sound item. */
export function reviewItemIds(board: Partial<Storyboard> | null | undefined): string[] {
  const scenes = (board?.scenes ?? []).map((s) => (s as { id?: string }).id).filter((id): id is string => !!id);
  return [...scenes, CAST_ITEM_ID];
}

export type UnapprovedScene = { id: string; number: number; name: string; reason: string };

/** The render gate: the scenes that are not (or no longer) approved, with why. Empty = the video may be made. */
export function unapprovedScenes(board: Partial<Storyboard> | null | undefined, reviews: Map<string, ItemReview>): UnapprovedScene[] {
  return (board?.scenes ?? []).flatMap((scene, i) => {
    const id = (scene as { id?: string }).id ?? "";
    const review = reviews.get(id) ?? itemReview(board, id, undefined);
    if (isApproved(review)) return [];
    const reason = review.outOfDate
      ? `approval out of date (${review.changed.join(" and ")} changed)`
      : review.state === "changes_requested"
        ? "changes requested"
        : "not approved yet";
    return [{ id, number: i + 1, name: scene.name?.trim() || `Scene ${i + 1}`, reason }];
  });
}

/** @name mentions in a comment: the members whose name follows an @ (longest names first, case-insensitive). */
export function mentionedMembers<T extends { name: string }>(body: string, members: T[]): T[] {
  const lower = body.toLowerCase();
  return [...members]
    .sort((a, b) => b.name.length - a.name.length)
    .filter((m) => m.name.trim() && lower.includes(`@${m.name.toLowerCase()}`));
}

/** A scene as the review board shows it (read-only): image, name, narration, descriptions. */
export type BoardScene = {
  id: string;
  number: number;
  name: string;
  narration: string;
  imageDescription: string;
  videoDescription: string;
  imageUrl: string | null;
};

export function boardScenes(board: Partial<Storyboard> | null | undefined): BoardScene[] {
  return (board?.scenes ?? []).map((s, i) => ({
    id: (s as { id?: string }).id ?? "",
    number: i + 1,
    name: s.name?.trim() || `Scene ${i + 1}`,
    narration: s.narrator ?? "",
    imageDescription: s.image_description ?? "",
    videoDescription: s.video_description ?? "",
    imageUrl: s.image_url?.trim() || null,
  }));
}
