import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { contentTypeOfKey, isStorageKey, newKey } from "./keys";
import type { Storage } from "./types";

/**
 * Uploads on local disk, one file per key in `dir` (created on first use). Written to a temporary name and
 * renamed, so a reader never sees half a file. Served by app/api/uploads/[key].
 */
export function localStorage(dir: string): Storage {
  const root = path.resolve(/*turbopackIgnore: true*/ dir);
  const fileOf = (key: string) => path.join(/*turbopackIgnore: true*/ root, key);
  return {
    kind: "local",
    async put(bytes, contentType) {
      const key = newKey(contentType);
      await mkdir(root, { recursive: true });
      const tmp = fileOf(`.${key}.tmp`);
      await writeFile(tmp, bytes);
      await rename(tmp, fileOf(key));
      return { key };
    },
    async get(key) {
      if (!isStorageKey(key)) return null;
      try {
        return { bytes: new Uint8Array(await readFile(fileOf(key))), contentType: contentTypeOfKey(key) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async delete(key) {
      if (!isStorageKey(key)) return;
      await rm(fileOf(key), { force: true });
    },
    publicUrl: () => null,
  };
}
