import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localStorage } from "@/lib/storage/local";
import { s3Storage } from "@/lib/storage/s3";
import { isStorageKey } from "@/lib/storage/keys";

/**
 * THE storage module (lib/storage): local disk, and S3-compatible object storage against a tiny fake S3 server
 * that checks every request's SigV4 signature itself (computed here from the AWS documentation, independently of
 * the aws4fetch library the module signs with) and keeps the objects in memory.
 */

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe("local storage", () => {
  let dir = "";
  beforeAll(() => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), "storage-")), "uploads"); // created on first put
  });
  afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it("stores bytes under a new random key, reads and deletes them", async () => {
    const store = localStorage(dir);
    const a = await store.put(PNG, "image/png");
    const b = await store.put(PNG, "image/png");
    expect(isStorageKey(a.key)).toBe(true);
    expect(a.key).toMatch(/\.png$/);
    expect(a.key).not.toBe(b.key);
    expect(await store.get(a.key)).toEqual({ bytes: PNG, contentType: "image/png" });
    expect(readdirSync(dir).sort()).toEqual([a.key, b.key].sort()); // no temporary files left
    await store.delete(a.key);
    expect(await store.get(a.key)).toBeNull();
    expect(store.publicUrl(b.key)).toBeNull(); // served by the app's route
  });

  it("names nothing outside its directory: keys that are not ours are never looked up", async () => {
    const store = localStorage(dir);
    for (const key of ["../pglite", "..%2Fsecret", "/etc/passwd", "a".repeat(32) + ".png/../x", "A".repeat(32) + ".png", "x.svg", ""]) {
      expect(await store.get(key)).toBeNull();
    }
    await expect(store.put(PNG, "text/html")).rejects.toThrow(/Unsupported/);
  });
});

// --- A fake S3 that verifies SigV4 -------------------------------------------------------------------------------

const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "eu-central-1" };
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** Recomputes the request's SigV4 signature from the AWS documentation; returns a reason when it does not match. */
function verifySigV4(req: http.IncomingMessage, body: Buffer): string | null {
  const auth = req.headers.authorization ?? "";
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return `malformed Authorization: ${auth}`;
  const [, keyId, date, region, signedHeaders, signature] = m;
  if (keyId !== CREDS.accessKeyId) return "unknown access key";
  if (region !== CREDS.region) return "wrong region";
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  if (!amzDate.startsWith(date)) return "x-amz-date does not match the credential scope";
  const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
  if (payloadHash !== sha256(body)) return "x-amz-content-sha256 is not the body's hash";
  const names = signedHeaders.split(";");
  for (const required of ["host", "x-amz-date", "x-amz-content-sha256"]) if (!names.includes(required)) return `${required} not signed`;
  const url = new URL(req.url ?? "/", "http://x");
  const canonicalQuery = [...url.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).sort().join("&");
  const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const canonicalRequest = [req.method, url.pathname, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join("\n");
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const kSigning = hmac(hmac(hmac(hmac(`AWS4${CREDS.secretAccessKey}`, date), region), "s3"), "aws4_request");
  return createHmac("sha256", kSigning).update(toSign).digest("hex") === signature ? null : "signature mismatch";
}

type Seen = { method: string; path: string; contentType?: string; cacheControl?: string; problem: string | null };

describe("S3-compatible storage (fake S3 checking signatures)", () => {
  let server: http.Server;
  let endpoint = "";
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const problem = verifySigV4(req, body);
        const p = new URL(req.url ?? "/", "http://x").pathname;
        seen.push({ method: req.method!, path: p, contentType: req.headers["content-type"], cacheControl: req.headers["cache-control"], problem });
        if (problem) {
          res.writeHead(403, { "content-type": "application/xml" }).end(`<Error><Code>SignatureDoesNotMatch</Code><Message>${problem}</Message></Error>`);
          return;
        }
        if (req.method === "PUT") {
          objects.set(p, { body, type: String(req.headers["content-type"]) });
          res.writeHead(200, { etag: `"${sha256(body).slice(0, 32)}"` }).end();
        } else if (req.method === "GET") {
          const o = objects.get(p);
          if (!o) res.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
          else res.writeHead(200, { "content-type": o.type }).end(o.body);
        } else if (req.method === "DELETE") {
          objects.delete(p);
          res.writeHead(204).end();
        } else res.writeHead(405).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("PUTs signed, with the type and an immutable cache header; GETs and DELETEs signed", async () => {
    const store = s3Storage({ endpoint, bucket: "studio-uploads", ...CREDS });
    const { key } = await store.put(PNG, "image/png");
    expect(isStorageKey(key)).toBe(true);
    const put = seen.at(-1)!;
    expect(put).toMatchObject({ method: "PUT", path: `/studio-uploads/${key}`, contentType: "image/png", problem: null });
    expect(put.cacheControl).toMatch(/immutable/);
    expect(await store.get(key)).toEqual({ bytes: PNG, contentType: "image/png" });
    expect(seen.at(-1)).toMatchObject({ method: "GET", problem: null });
    await store.delete(key);
    expect(seen.at(-1)).toMatchObject({ method: "DELETE", problem: null });
    expect(await store.get(key)).toBeNull();
    expect(seen.every((s) => s.problem === null)).toBe(true);
  });

  it("gives the public URL (S3_PUBLIC_URL, else endpoint/bucket)", () => {
    expect(s3Storage({ endpoint, bucket: "b", ...CREDS }).publicUrl("k.png")).toBe(`${endpoint}/b/k.png`);
    expect(s3Storage({ endpoint, bucket: "b", ...CREDS, publicUrl: "https://cdn.example.com/img/" }).publicUrl("k.png")).toBe("https://cdn.example.com/img/k.png");
  });

  it("a wrong secret is refused by the server and reported, not stored", async () => {
    const store = s3Storage({ endpoint, bucket: "b", ...CREDS, secretAccessKey: "wrong" });
    await expect(store.put(PNG, "image/png")).rejects.toThrow(/refused the upload \(HTTP 403\)/);
    expect(seen.at(-1)?.problem).toBe("signature mismatch");
  });
});
