/** What every storage backend does (lib/storage/index.ts picks one from the environment). */
export type StoredObject = { bytes: Uint8Array; contentType: string };

export interface Storage {
  readonly kind: "local" | "s3";
  /** Stores the bytes under a new random key. */
  put(bytes: Uint8Array, contentType: string): Promise<{ key: string }>;
  /** The object, or null when there is none (or the key is not one of ours). */
  get(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  /**
   * The absolute URL others (Vimmerse, browsers) fetch the object at, or null when this backend has no public
   * address of its own (local disk: the app serves it at /api/uploads/<key>).
   */
  publicUrl(key: string): string | null;
}
