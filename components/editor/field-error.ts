import type { FieldErrors, FieldValues } from "react-hook-form";

/** The message at a dotted path of react-hook-form's errors, e.g. "scenes.3.narrator". */
export function fieldError<T extends FieldValues>(errors: FieldErrors<T>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : undefined;
}
