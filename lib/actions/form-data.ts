import "server-only";
import type { z } from "zod";
import { checkUploads } from "@/lib/validation/uploads";
import { ActionFailure } from "./action";

/**
 * Forms with uploads send FormData: `payload` (the form's JSON, checked with its zod schema) and `image_files`
 * (checked for type and size again here, whatever the browser did).
 */
export function readPayload<S extends z.ZodType>(form: FormData, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(String(form.get("payload") ?? ""));
  } catch {
    throw new ActionFailure("validation", "The form could not be read. Reload the page and try again.");
  }
  return schema.parse(raw);
}

export function readImages(form: FormData): { name: string; type: string; data: Blob }[] {
  const files = form.getAll("image_files").filter((f): f is File => f instanceof File && f.size > 0);
  const problem = checkUploads(files);
  if (problem) throw new ActionFailure("validation", problem, { fieldErrors: { imageFiles: problem } });
  return files.map((f) => ({ name: f.name, type: f.type, data: f }));
}
