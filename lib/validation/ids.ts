import * as z from "zod/mini";

/**
 * Our ids (stories, attempts) are uuids. Every route, page and action checks the shape with this one function
 * before anything else, so a malformed id (`%00`, `../x`, 10 KB of text) is simply "not found", never a 500.
 */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: unknown): value is string {
  return typeof value === "string" && UUID_SHAPE.test(value);
}

/** The id field of action inputs (same rule). */
export const idField = z.string().check(z.refine(isId, "This story does not exist."));
