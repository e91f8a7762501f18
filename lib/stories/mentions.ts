// Relative imports: pure, shared by the editor (browser), the server and tests.
import type { Storyboard } from "../validation/storyboard";
import { ELEMENT_KINDS } from "../validation/storyboard-rules";

/**
 * The mention rules, in ONE place. Scenes name the story's elements as `**Name**` (what Vimmerse reads to keep a
 * character, place or object consistent). Names compare trimmed and case-insensitively.
 */

/** The scene fields where mentions count. */
export const MENTION_FIELDS = ["image_description", "video_description", "narrator"] as const;
export type MentionField = (typeof MENTION_FIELDS)[number];

export type Mention = { name: string; start: number; end: number };

const MENTION = /\*\*([^*\s](?:[^*\n]{0,118}[^*\s])?)\*\*/g;

export function mentionKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Every `**Name**` in a text, with where it is (start inclusive, end exclusive, markers included). */
export function findMentions(text: string | null | undefined): Mention[] {
  if (!text) return [];
  const out: Mention[] = [];
  for (const m of text.matchAll(MENTION)) {
    const name = m[1].trim();
    if (name) out.push({ name, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A text cut into plain runs and mentions (for highlighting). */
export function mentionSegments(text: string): { text: string; mention?: string }[] {
  const out: { text: string; mention?: string }[] = [];
  let at = 0;
  for (const m of findMentions(text)) {
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: text.slice(m.start, m.end), mention: m.name });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** The names of the story's elements (characters, environments, objects), as written. */
export function elementNames(board: Partial<Storyboard>): string[] {
  return ELEMENT_KINDS.flatMap((k) => (board[k] ?? []).map((e) => e?.name?.trim() ?? "")).filter(Boolean);
}

/** Replaces every `**from**` (any case) in a text with `**to**`. */
export function renameInText(text: string, from: string, to: string): string {
  const key = mentionKey(from);
  if (!text || !key) return text;
  return text.replace(MENTION, (whole, name: string) => (mentionKey(name) === key ? `**${to.trim()}**` : whole));
}

/** The scene fields a rename changes: [scene index, field, new text]. Empty when nothing mentions `from`. */
export function renameMentions(board: Partial<Storyboard>, from: string, to: string): { index: number; field: MentionField; text: string }[] {
  const out: { index: number; field: MentionField; text: string }[] = [];
  if (!mentionKey(from) || !to.trim() || from.trim() === to.trim()) return out;
  (board.scenes ?? []).forEach((scene, index) => {
    for (const field of MENTION_FIELDS) {
      const text = scene?.[field] ?? "";
      const next = renameInText(text, from, to);
      if (next !== text) out.push({ index, field, text: next });
    }
  });
  return out;
}

/** Where an element appears: the scenes (1-based positions) that mention its name. */
export function scenesMentioning(board: Partial<Storyboard>, name: string): number[] {
  const key = mentionKey(name);
  if (!key) return [];
  return (board.scenes ?? []).flatMap((scene, i) =>
    MENTION_FIELDS.some((f) => findMentions(scene?.[f]).some((m) => mentionKey(m.name) === key)) ? [i + 1] : [],
  );
}

/** Mentions of names no element has, per scene (0-based index), each name once per scene. */
export function unknownMentions(board: Partial<Storyboard>): { index: number; id?: string; names: string[] }[] {
  const known = new Set(elementNames(board).map(mentionKey));
  return (board.scenes ?? []).flatMap((scene, index) => {
    const names = unknownInScene(scene, known);
    return names.length ? [{ index, id: scene?.id, names }] : [];
  });
}

/** The names one scene mentions that no element has (`known`: the keys of the element names). */
export function unknownInScene(scene: Partial<Record<MentionField, string>> | null | undefined, known: Set<string>): string[] {
  const seen = new Map<string, string>();
  for (const f of MENTION_FIELDS) {
    for (const m of findMentions(scene?.[f])) if (!known.has(mentionKey(m.name)) && !seen.has(mentionKey(m.name))) seen.set(mentionKey(m.name), m.name);
  }
  return [...seen.values()];
}

/** The mention list offered after `@`: element names starting with (then containing) what was typed. */
export function suggestNames(names: string[], typed: string): string[] {
  const q = mentionKey(typed);
  const unique = [...new Set(names)];
  return [...unique.filter((n) => mentionKey(n).startsWith(q)), ...unique.filter((n) => !mentionKey(n).startsWith(q) && mentionKey(n).includes(q))];
}
