import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppEnv } from "../support/app-env";
import { ensureTestWorkspace } from "../support/actor";

// Route handlers are called directly: a signed-in owner of the stories under test (roles: tests/auth matrix).
vi.mock("@/lib/auth/actor", async () => (await import("../support/actor")).actorModule);

/**
 * Uploading an element or scene image (POST /api/stories/:id/uploads) and serving it (GET /api/uploads/:key):
 * the URL it answers, the type from the bytes, limits, keys that name nothing else, and the headers.
 */

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);

type Modules = {
  upload: typeof import("@/app/api/stories/[id]/uploads/route");
  file: typeof import("@/app/api/uploads/[key]/route");
  settings: typeof import("@/app/api/uploads/route");
  q: typeof import("@/lib/db/queries");
  getDb: typeof import("@/lib/db").getDb;
  fetchMedia: typeof import("@/lib/net/media").fetchMedia;
};
let m: Modules;
let env: Awaited<ReturnType<typeof startAppEnv>>;
let storyId = "";

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 60_000 });
  delete process.env.APP_PUBLIC_URL;
  delete process.env.S3_BUCKET;
  m = {
    upload: await import("@/app/api/stories/[id]/uploads/route"),
    file: await import("@/app/api/uploads/[key]/route"),
    settings: await import("@/app/api/uploads/route"),
    q: await import("@/lib/db/queries"),
    getDb: (await import("@/lib/db")).getDb,
    fetchMedia: (await import("@/lib/net/media")).fetchMedia,
  };
  const db = await m.getDb();
  const workspaceId = await ensureTestWorkspace();
  storyId = (await m.q.createStory(db, { mode: "advanced", idea: "A fox", title: "Fox", status: "ready", workspaceId })).id;
}, 60_000);

afterAll(async () => {
  delete process.env.APP_PUBLIC_URL;
  await env?.stop();
});

const params = <T>(p: T) => ({ params: Promise.resolve(p) });
const post = (id: string, body: BodyInit, headers: Record<string, string> = {}) =>
  m.upload.POST(new Request(`http://localhost:3000/api/stories/${id}/uploads`, { method: "POST", body, headers }), params({ id }));
const get = (key: string) => m.file.GET(new Request(`http://localhost:3000/api/uploads/${encodeURIComponent(key)}`), params({ key }));

describe("POST /api/stories/:id/uploads", () => {
  it("stores the image and answers its absolute URL at APP_PUBLIC_URL; GET serves it typed, immutable, nosniff", async () => {
    process.env.APP_PUBLIC_URL = "https://studio.example.com/";
    const res = await post(storyId, PNG, { "content-type": "text/plain" }); // the declared type does not count
    expect(res.status).toBe(201);
    const body = (await res.json()) as { key: string; url: string; contentType: string; visibleToVimmerse: boolean };
    expect(body.url).toBe(`https://studio.example.com/api/uploads/${body.key}`);
    expect(body).toMatchObject({ contentType: "image/png", visibleToVimmerse: true });
    const served = await get(body.key);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    delete process.env.APP_PUBLIC_URL;
  });

  it("a JPEG is typed as a JPEG from its bytes", async () => {
    const body = (await (await post(storyId, JPEG, { "content-type": "image/png" })).json()) as { key: string };
    expect(body.key).toMatch(/\.jpg$/);
    expect((await get(body.key)).headers.get("content-type")).toBe("image/jpeg");
  });

  it("refuses what is not a PNG, JPEG or WebP image (an SVG, HTML) with a message, storing nothing", async () => {
    for (const text of ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<html>hi</html>"]) {
      const res = await post(storyId, text, { "content-type": "image/png" });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toBe("This file is not a PNG, JPEG or WebP image.");
    }
    expect((await post(storyId, new Uint8Array(0))).status).toBe(400);
  });

  it("refuses a body above the limit (413) before reading it all", async () => {
    const big = new Uint8Array(3 * 1024 * 1024 + 1);
    big.set(PNG);
    const res = await post(storyId, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/larger than 3 MB/);
  });

  it("a story that does not exist, or of another workspace, is not found", async () => {
    expect((await post("00000000-0000-4000-8000-000000000000", PNG)).status).toBe(404);
    const other = await m.q.createStory(await m.getDb(), { mode: "advanced", idea: "x", title: "x", status: "ready", workspaceId: null as unknown as string });
    expect((await post(other.id, PNG)).status).toBe(404);
  });

  it("without a public address (local storage, no APP_PUBLIC_URL, a real key) the answer says Vimmerse cannot see it", async () => {
    process.env.VIMMERSE_API_KEY = "live-key";
    try {
      const body = (await (await post(storyId, PNG)).json()) as { url: string; visibleToVimmerse: boolean; hint?: string };
      expect(body.url).toMatch(/^http:\/\/localhost:3000\/api\/uploads\/[0-9a-f]{32}\.png$/);
      expect(body.visibleToVimmerse).toBe(false);
      expect(body.hint).toMatch(/Vimmerse cannot see this image yet.*APP_PUBLIC_URL/);
      const settings = (await (await m.settings.GET(new Request("http://localhost:3000/api/uploads"), undefined)).json()) as { visibleToVimmerse: boolean };
      expect(settings.visibleToVimmerse).toBe(false);
    } finally {
      delete process.env.VIMMERSE_API_KEY;
    }
  });
});

describe("GET /api/uploads/:key", () => {
  it("names nothing but an upload: traversal, other names and unknown keys are 404", async () => {
    for (const key of ["../pglite/PG_VERSION", "..", "%2e%2e%2fauth-secret", "auth-secret", "a".repeat(32) + ".svg", "a".repeat(32) + ".png", "A".repeat(32) + ".PNG"]) {
      const res = await get(key);
      expect(res.status, key).toBe(404);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("server-side fetches of an uploaded image (the PDF)", () => {
  it("read it from storage, even at a loopback address the safe fetch refuses", async () => {
    const body = (await (await post(storyId, PNG)).json()) as { url: string };
    const res = await m.fetchMedia(body.url);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
  });
});
