import { findMentions, mentionKey } from "@/lib/stories/mentions";

// What a field's mention highlight and a scene's mention list are computed from (pure: typing skips the re-render
// and the DOM writes when these do not change).

/**
 * The part of a field's text the highlight needs: up to the end of the word holding the last mention (the words after
 * it cannot move a mark; the mention's own word can, by wrapping). "" when the text mentions nothing.
 */
export function highlightedPart(text: string | undefined): string {
  if (!text) return "";
  const last = findMentions(text).at(-1);
  if (!last) return "";
  const space = text.slice(last.end).search(/\s/);
  return space < 0 ? text : text.slice(0, last.end + space);
}

/** The keys of the names some texts mention, sorted, joined by "\n". */
export function mentionedKeys(texts: readonly (string | undefined)[]): string {
  return [...new Set(texts.flatMap((t) => findMentions(t).map((m) => mentionKey(m.name))))].sort().join("\n");
}
