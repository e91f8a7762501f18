import { z } from "zod";
import { MAX_STORYBOARD_FILE_BYTES } from "@/lib/validation/story-files";
import { storyboardSchema, type Storyboard } from "@/lib/validation/storyboard";
import { DomainError } from "./errors";
import { ITEM_LISTS, newId, withIds } from "./model";

/**
 * The storyboard file: what "Download JSON" gives and "Import" takes (documented in README.md, "Storyboard files").
 *   { "format": "storyboard-studio/storyboard", "version": 1, "title": "…", "storyboard": { …with our item ids… } }
 * A later version gets a new number and a reader here; version 1 files stay readable.
 */
export const STORYBOARD_FILE_FORMAT = "storyboard-studio/storyboard";
export const STORYBOARD_FILE_VERSION = 1;
/** Larger than the largest storyboard we store (2 MB) plus its title. */
export { MAX_STORYBOARD_FILE_BYTES };

export type StoryboardFile = { format: typeof STORYBOARD_FILE_FORMAT; version: 1; title: string; storyboard: Storyboard };

const fileSchema = z.object({
  format: z.literal(STORYBOARD_FILE_FORMAT, { message: `This is not a storyboard file ("format" must be "${STORYBOARD_FILE_FORMAT}").` }),
  version: z.literal(STORYBOARD_FILE_VERSION, { message: `This storyboard file has a version this studio cannot read (it reads version ${STORYBOARD_FILE_VERSION}).` }),
  title: z.string().max(200, "The title is longer than 200 characters.").default(""),
  storyboard: storyboardSchema,
});

export function toStoryboardFile(title: string, storyboard: Storyboard): StoryboardFile {
  return { format: STORYBOARD_FILE_FORMAT, version: STORYBOARD_FILE_VERSION, title, storyboard };
}

/** A file name for a story's title: letters, digits, dashes. */
export function fileNameFor(title: string, ext: string): string {
  const base = title.replace(/[^\w\- ]+/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "storyboard";
  return `${base}.${ext}`;
}

/**
 * Reads a storyboard file's text. Throws a DomainError("validation") saying what is wrong (not JSON, not our format,
 * an unknown version, or the first problems in the storyboard with where they are). Items without an id get one.
 */
export function readStoryboardFile(text: string): { title: string; storyboard: Storyboard } {
  if (new TextEncoder().encode(text).length > MAX_STORYBOARD_FILE_BYTES) {
    throw new DomainError("validation", `The file is larger than ${MAX_STORYBOARD_FILE_BYTES / 1024 / 1024} MB.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DomainError("validation", "The file is not JSON. Choose a storyboard file downloaded from the studio.");
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new DomainError("validation", "The file is not a storyboard file (expected a JSON object).");
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const top = parsed.error.issues.find((i) => i.path.length === 1 && (i.path[0] === "format" || i.path[0] === "version"));
    if (top) throw new DomainError("validation", top.message);
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "storyboard"}: ${i.message}`);
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : "";
    throw new DomainError("validation", `The storyboard in this file is not valid: ${problems.join("; ")}${more}.`);
  }
  return { title: parsed.data.title.trim(), storyboard: withIds(parsed.data.storyboard) };
}

/** A copy of a storyboard whose scenes and elements all have new ids (a duplicated story's items are its own). */
export function withNewIds(board: Storyboard): Storyboard {
  const out: Record<string, unknown> = { ...board };
  for (const list of ITEM_LISTS) out[list] = board[list].map((item) => ({ ...item, id: newId() }));
  return out as Storyboard;
}
