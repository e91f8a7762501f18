import { isHttpUrl } from "./url";

/**
 * The storyboard's constants and plain checks, without zod (the schema is storyboard.ts, which re-exports these), so
 * code the browser runs at first paint (lib/stories/model.ts, the editor's mentions) does not bring zod with it.
 */

/** NUL characters cannot be stored (PostgreSQL text and jsonb refuse them): a field message instead of an error. */
export const NUL_MESSAGE = "Remove the invisible NUL character (\\0) from this text";

/** Our stable item id (a uuid; any short token of letters, digits, - and _ is accepted). Never sent to Vimmerse. */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Limits for what the editor does not know (fields Vimmerse adds are kept and sent back, within reason). */
export const MAX_STORYBOARD_BYTES = 2 * 1024 * 1024;
export const MAX_UNKNOWN_VALUE_BYTES = 64 * 1024;

/** An http(s) URL, or empty. Empty strings are normal in forms and are dropped before sending upstream. */
export function isOptionalUrl(v: unknown): boolean {
  return typeof v === "string" && (v.trim() === "" || isHttpUrl(v.trim()));
}

export const MAX_SCENES = 500;

export const ELEMENT_KINDS = ["characters", "environments", "objects"] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];
