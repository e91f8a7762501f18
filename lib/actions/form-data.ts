import "server-only";
import * as z from "zod/v4/core";
import { checkUploadBytes } from "@/lib/validation/uploads";
import { ActionFailure } from "./action";

/**
 * Forms with uploads send FormData: `payload` (the form's JSON, checked with its zod schema) and `image_files`
 * (checked for type and size again here, whatever the browser did).
 */
export function readPayload<S extends z.$ZodType>(form: FormData, schema: S): z.output<S> {
  let raw: unknown;
  try {
    if (!(form instanceof FormData)) throw new Error("not a form");
    const payload = form.get("payload");
    if (typeof payload !== "string") throw new Error("no payload");
    raw = JSON.parse(payload);
  } catch {
    throw new ActionFailure("validation", "The form could not be read. Reload the page and try again.");
  }
  return z.parse(schema, raw);
}

/** The uploaded images, each typed from its bytes (PNG/JPEG/WebP magic numbers), never from the declared type. */
export async function readImages(form: FormData): Promise<{ name: string; type: string; data: Blob }[]> {
  const files = form.getAll("image_files").filter((f): f is File => f instanceof File && f.size > 0);
  const checked = await checkUploadBytes(files);
  if (!checked.ok) throw new ActionFailure("validation", checked.message, { fieldErrors: { imageFiles: checked.message } });
  return checked.files.map(({ file, type }) => ({ name: file.name, type, data: file }));
}
