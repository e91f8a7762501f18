import { diffWords } from "diff";
import type { Storyboard } from "../validation/storyboard";
import { ITEM_LISTS, type ItemList } from "./model";

/**
 * What changed between two versions of a storyboard, by item id (never by position): items added, removed, moved
 * (their relative order changed) and changed (field by field, with a word diff of the text, `diff` package).
 */
export type WordPart = { text: string; added?: boolean; removed?: boolean };
export type FieldChange = { field: string; before: string; after: string; words: WordPart[] };
export type ItemChange = { id: string; list: ItemList; name: string; from?: number; to?: number; fields: FieldChange[] };
export type VersionDiff = {
  added: ItemChange[];
  removed: ItemChange[];
  moved: ItemChange[];
  changed: ItemChange[];
  /** Music and title scene fields. */
  other: FieldChange[];
};

type Rec = Record<string, unknown>;
const text = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));

function fieldChanges(a: Rec, b: Rec): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (field === "id") continue;
    const [before, after] = [text(a[field]), text(b[field])];
    if (before === after) continue;
    out.push({ field, before, after, words: diffWords(before, after).map((p) => ({ text: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) })) });
  }
  return out;
}

function label(list: ItemList, item: Rec, index: number): string {
  const name = typeof item.name === "string" && item.name.trim() ? item.name.trim() : "";
  return name || `${list === "scenes" ? "Scene" : list.slice(0, -1)} ${index + 1}`;
}

/** The ids whose position among the items both versions hold differs (a longest common subsequence keeps the rest). */
function movedIds(before: string[], after: string[]): Set<string> {
  const common = new Set(before.filter((id) => after.includes(id)));
  const a = before.filter((id) => common.has(id));
  const b = after.filter((id) => common.has(id));
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      kept.add(a[i]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return new Set(a.filter((id) => !kept.has(id)));
}

export function diffVersions(older: Partial<Storyboard>, newer: Partial<Storyboard>): VersionDiff {
  const out: VersionDiff = { added: [], removed: [], moved: [], changed: [], other: [] };
  for (const list of ITEM_LISTS) {
    const a = ((older[list] ?? []) as Rec[]).filter((i) => typeof i?.id === "string");
    const b = ((newer[list] ?? []) as Rec[]).filter((i) => typeof i?.id === "string");
    const aById = new Map(a.map((item, i) => [item.id as string, { item, i }]));
    const bById = new Map(b.map((item, i) => [item.id as string, { item, i }]));
    const moved = movedIds(a.map((i) => i.id as string), b.map((i) => i.id as string));
    b.forEach((item, i) => {
      const id = item.id as string;
      const was = aById.get(id);
      if (!was) {
        out.added.push({ id, list, name: label(list, item, i), to: i, fields: [] });
        return;
      }
      const fields = fieldChanges(was.item, item);
      if (moved.has(id)) out.moved.push({ id, list, name: label(list, item, i), from: was.i, to: i, fields: [] });
      if (fields.length) out.changed.push({ id, list, name: label(list, item, i), from: was.i, to: i, fields });
    });
    a.forEach((item, i) => {
      if (!bById.has(item.id as string)) out.removed.push({ id: item.id as string, list, name: label(list, item, i), from: i, fields: [] });
    });
  }
  for (const key of ["music", "title_scene"] as const) {
    out.other.push(...fieldChanges((older[key] ?? {}) as Rec, (newer[key] ?? {}) as Rec).map((c) => ({ ...c, field: `${key === "music" ? "Music" : "Title scene"} ${c.field.replace(/_/g, " ")}` })));
  }
  return out;
}

/** "2 added, 1 removed, 3 changed" (or "No differences"). */
export function summarizeDiff(d: VersionDiff): string {
  const parts = [
    d.added.length && `${d.added.length} added`,
    d.removed.length && `${d.removed.length} removed`,
    d.moved.length && `${d.moved.length} moved`,
    d.changed.length + (d.other.length ? 1 : 0) && `${d.changed.length + (d.other.length ? 1 : 0)} changed`,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "No differences";
}

/** The items (by id; "music" / "title_scene" for those) one side changed, added, removed or moved since `base`. */
export function touchedItems(base: Partial<Storyboard>, side: Partial<Storyboard>): Set<string> {
  const d = diffVersions(base, side);
  const out = new Set([...d.added, ...d.removed, ...d.moved, ...d.changed].map((c) => c.id));
  for (const c of d.other) out.add(c.field.startsWith("Music") ? "music" : "title_scene");
  return out;
}

/**
 * Whether two saves made on the same base can be merged without asking: they touched different items (the
 * three-way merge by id then keeps both). Only edits of the same item need the person to choose.
 */
export function touchedApart(base: Partial<Storyboard>, mine: Partial<Storyboard>, theirs: Partial<Storyboard>): boolean {
  const a = touchedItems(base, mine);
  const b = touchedItems(base, theirs);
  return [...a].every((id) => !b.has(id));
}
