import type { Storyboard } from "@/lib/validation/storyboard";
import { isItemId, ITEM_LISTS } from "./model";

/**
 * Three-way merge of storyboards, by item id: `base` is the version I loaded, `mine` what I have now, `theirs` what
 * is saved now. What I changed since base wins ("Overwrite with mine"); everything else is theirs, so another
 * person's edits to other items or other fields are kept.
 *
 * - a field: mine if I changed it since base, else theirs (so both sides' edits to different fields are kept);
 * - an item I added or they added: kept; an item I removed: removed; an item they removed: removed, unless I edited
 *   it (then my edit brings it back);
 * - order of a list: mine if I reordered it since base, else theirs; items only the other side has are inserted
 *   after their predecessor on that side.
 * Empty values ("", null, missing) count as equal, so an empty form field never erases a generated image.
 */

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

/** Deep equality ignoring key order and treating "", null and missing alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (blank(a) && blank(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

function mergeValue(base: unknown, mine: unknown, theirs: unknown): unknown {
  if (sameValue(mine, base)) return theirs;
  if (sameValue(theirs, base)) return mine;
  if (isRecord(base) && isRecord(mine) && isRecord(theirs)) return mergeRecord(base, mine, theirs);
  return mine;
}

function mergeRecord(base: Rec, mine: Rec, theirs: Rec): Rec {
  const out: Rec = {};
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])];
  for (const key of keys) {
    const value = mergeValue(base[key], mine[key], theirs[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

type Item = Rec & { id?: string };

function idMap(list: readonly Item[]): Map<string, Item> {
  const map = new Map<string, Item>();
  for (const item of list) if (isItemId(item?.id) && !map.has(item.id)) map.set(item.id, item);
  return map;
}

function ids(list: readonly Item[]): string[] {
  return list.map((i) => i?.id).filter(isItemId);
}

/** Whether the relative order of the items both lists hold differs. */
function reordered(from: string[], to: string[]): boolean {
  const common = new Set(from.filter((id) => to.includes(id)));
  const a = from.filter((id) => common.has(id));
  const b = to.filter((id) => common.has(id));
  return a.some((id, i) => id !== b[i]);
}

export function mergeItems(base: readonly Item[], mine: readonly Item[], theirs: readonly Item[]): Item[] {
  const b = idMap(base);
  const m = idMap(mine);
  const t = idMap(theirs);
  const merged = new Map<string, Item>();
  for (const id of new Set([...m.keys(), ...t.keys()])) {
    const [bi, mi, ti] = [b.get(id), m.get(id), t.get(id)];
    if (mi && ti) merged.set(id, bi ? mergeRecord(bi, mi, ti) : mi);
    else if (mi) {
      // Only mine: I added it, or they removed it (kept only if I edited it since base).
      if (!bi || !sameValue(mi, bi)) merged.set(id, mi);
    } else if (ti && !bi) {
      merged.set(id, ti); // they added it; an item I removed stays removed
    }
  }
  const [mineIds, theirIds] = [ids(mine), ids(theirs)];
  const [primary, secondary] = reordered(ids(base), mineIds) ? [mineIds, theirIds] : [theirIds, mineIds];
  const order = primary.filter((id) => merged.has(id));
  secondary.forEach((id, i) => {
    if (!merged.has(id) || order.includes(id)) return;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const k = order.indexOf(secondary[j]);
      if (k >= 0) {
        at = k + 1;
        break;
      }
    }
    order.splice(at, 0, id);
  });
  // Items without an id (should not exist after normalisation) are kept from mine, at the end.
  const anonymous = mine.filter((i) => !isItemId(i?.id));
  return [...order.map((id) => merged.get(id)!), ...anonymous];
}

export function threeWayMerge(base: Storyboard | null | undefined, mine: Storyboard, theirs: Storyboard): Storyboard {
  if (!base) return mine;
  const [b, m, t] = [base as unknown as Rec, mine as unknown as Rec, theirs as unknown as Rec];
  const out: Rec = {};
  for (const key of new Set([...Object.keys(m), ...Object.keys(t)])) {
    if ((ITEM_LISTS as readonly string[]).includes(key)) {
      out[key] = mergeItems((b[key] as Item[]) ?? [], (m[key] as Item[]) ?? [], (t[key] as Item[]) ?? []);
    } else {
      const value = mergeValue(b[key], m[key], t[key]);
      if (value !== undefined) out[key] = value;
    }
  }
  return out as unknown as Storyboard;
}
