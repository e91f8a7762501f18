import { createHash } from "node:crypto";
import { AwsClient } from "aws4fetch";
import { contentTypeOfKey, isStorageKey, newKey } from "./keys";
import type { Storage } from "./types";

export type S3Settings = {
  /** e.g. https://s3.eu-central-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://127.0.0.1:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where the objects are publicly readable (a CDN or the bucket's public address); default endpoint/bucket. */
  publicUrl?: string;
};

/**
 * S3-compatible object storage (AWS S3, Cloudflare R2, MinIO, Backblaze B2...), path-style addressing
 * (`endpoint/bucket/key`, which every one of them accepts), requests signed with SigV4 by aws4fetch.
 * Objects are written with an immutable Cache-Control; the bucket (or `publicUrl`) must allow public reads,
 * since Vimmerse fetches the images by URL.
 */
export function s3Storage(settings: S3Settings, fetchImpl: typeof fetch = fetch): Storage {
  const client = new AwsClient({
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: settings.region,
    service: "s3",
  });
  const base = `${settings.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(settings.bucket)}`;
  const objectUrl = (key: string) => `${base}/${key}`;
  // The payload's hash is signed too (aws4fetch would send UNSIGNED-PAYLOAD for S3): the bytes cannot be altered.
  const send = async (url: string, init: Omit<RequestInit, "body"> & { body?: Uint8Array }) => {
    const payloadHash = createHash("sha256").update(init.body ?? "").digest("hex");
    const headers = { ...(init.headers as Record<string, string> | undefined), "x-amz-content-sha256": payloadHash };
    return fetchImpl(await client.sign(url, { ...init, body: init.body as BodyInit | undefined, headers }));
  };
  return {
    kind: "s3",
    async put(bytes, contentType) {
      const key = newKey(contentType);
      const res = await send(objectUrl(key), {
        method: "PUT",
        body: bytes,
        headers: { "content-type": contentType, "cache-control": "public, max-age=31536000, immutable" },
      });
      if (!res.ok) throw new Error(`Object storage refused the upload (HTTP ${res.status}).`);
      return { key };
    },
    async get(key) {
      if (!isStorageKey(key)) return null;
      const res = await send(objectUrl(key), { method: "GET" });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`Object storage answered HTTP ${res.status}.`);
      return { bytes: new Uint8Array(await res.arrayBuffer()), contentType: contentTypeOfKey(key) };
    },
    async delete(key) {
      if (!isStorageKey(key)) return;
      const res = await send(objectUrl(key), { method: "DELETE" });
      if (!res.ok && res.status !== 404) throw new Error(`Object storage answered HTTP ${res.status}.`);
    },
    publicUrl: (key) => `${(settings.publicUrl?.replace(/\/+$/, "") || base)}/${key}`,
  };
}
