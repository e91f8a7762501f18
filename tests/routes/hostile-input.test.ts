import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppEnv } from "../support/app-env";
import { ensureTestWorkspace } from "../support/actor";

// Route handlers are called directly: a signed-in owner of the stories under test (sessions: tests/auth, e2e).
vi.mock("@/lib/auth/actor", async () => (await import("../support/actor")).actorModule);

/**
 * Route handlers against hostile input (issue 6): a video_url pointing at an internal service, malformed ids,
 * and webhook bodies far larger than any real delivery.
 */

type Modules = {
  video: typeof import("@/app/api/stories/[id]/video/route");
  status: typeof import("@/app/api/stories/[id]/status/route");
  storyboard: typeof import("@/app/api/stories/[id]/storyboard/route");
  webhook: typeof import("@/app/api/webhooks/vimmerse/[storyId]/[secret]/route");
  demoMedia: typeof import("@/app/api/demo-media/[...path]/route");
  q: typeof import("@/lib/db/queries");
  getDb: typeof import("@/lib/db").getDb;
};
let m: Modules;
let env: Awaited<ReturnType<typeof startAppEnv>>;
let internal: http.Server;
let internalUrl = "";
let internalHits = 0;
let workspaceId = "";

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 60_000 });
  m = {
    video: await import("@/app/api/stories/[id]/video/route"),
    status: await import("@/app/api/stories/[id]/status/route"),
    storyboard: await import("@/app/api/stories/[id]/storyboard/route"),
    webhook: await import("@/app/api/webhooks/vimmerse/[storyId]/[secret]/route"),
    demoMedia: await import("@/app/api/demo-media/[...path]/route"),
    q: await import("@/lib/db/queries"),
    getDb: (await import("@/lib/db")).getDb,
  };
  await m.getDb(); // open and migrate the database here (hook timeout), not in the first test
  workspaceId = await ensureTestWorkspace();
  // An "internal service" on loopback whose log holds a key.
  internal = http.createServer((_req, res) => {
    internalHits++;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("VIMMERSE_API_KEY=sk-live-secret");
  });
  await new Promise<void>((r) => internal.listen(0, "127.0.0.1", r));
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/logs`;
});

afterAll(async () => {
  await new Promise<void>((r) => internal?.close(() => r()));
  await env?.stop();
});

const params = <T>(p: T) => ({ params: Promise.resolve(p) });

async function storyWithVideo(videoUrl: string) {
  const db = await m.getDb();
  const row = await m.q.createStory(db, { mode: "advanced", idea: "A fox", title: "Fox video", stage: "videos", status: "ready", workspaceId });
  await m.q.updateStory(db, row.id, { videoUrl });
  return (await m.q.getStory(db, row.id))!;
}

describe("GET /api/stories/:id/video (SSRF)", () => {
  it.each([
    ["loopback", () => internalUrl],
    ["metadata address", () => "http://169.254.169.254/latest/meta-data/iam"],
    ["private address", () => "http://10.0.0.1/admin"],
    ["javascript: URL", () => "javascript:alert(1)"],
    ["file: URL", () => "file:///etc/passwd"],
    ["simulator control API", () => `${env.sim.url}/__sim/config`],
  ])("refuses a video_url at a %s and never contacts it", async (_label, url) => {
    const before = internalHits;
    const row = await storyWithVideo(url());
    const res = await m.video.GET(new Request(`http://app/api/stories/${row.id}/video`), params({ id: row.id }));
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).not.toContain("sk-live-secret");
    expect(text).not.toContain("credits");
    expect(internalHits).toBe(before);
  });

  it("streams a video from the simulator's media in demo mode, with a readable file name", async () => {
    const row = await storyWithVideo(`${env.sim.url}/media/video/story-16x9.webm`);
    const res = await m.video.GET(new Request(`http://app/api/stories/${row.id}/video`), params({ id: row.id }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Fox-video.webm"');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });
});

describe("GET /api/demo-media: only the simulator's media", () => {
  it("serves a simulator video and nothing outside /media/", async () => {
    globalThis.__storyboardSimulator = { url: env.sim.url };
    try {
      const ok = await m.demoMedia.GET(new Request("http://app/api/demo-media/media/video/story-16x9.webm"), params({ path: ["media", "video", "story-16x9.webm"] }));
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
      for (const path of [["media", "..", "__sim", "config"], ["media", "%2e%2e", "__sim", "config"], ["__sim", "config"], ["media", "\u0000"]]) {
        const res = await m.demoMedia.GET(new Request("http://app/api/demo-media/x"), params({ path }));
        expect(res.status, path.join("/")).toBe(404);
        expect(await res.text()).not.toContain("credits");
      }
    } finally {
      globalThis.__storyboardSimulator = undefined;
    }
  });
});

describe("malformed ids answer 404, not 500", () => {
  it.each([
    ["NUL", "\u0000"],
    ["%00", "%00"],
    ["word", "abc"],
    ["path", "../../etc/passwd"],
    ["5000 chars", "x".repeat(5000)],
    ["almost a uuid", "00000000-0000-0000-0000-00000000000g"],
  ])("%s", async (_label, id) => {
    const req = new Request("http://app/x");
    expect((await m.video.GET(req, params({ id }))).status).toBe(404);
    expect((await m.status.GET(req, params({ id }))).status).toBe(404);
    expect((await m.storyboard.GET(req, params({ id }))).status).toBe(404);
  });
  it("an unknown well-formed id is 404 too", async () => {
    const id = crypto.randomUUID();
    expect((await m.status.GET(new Request("http://app/x"), params({ id }))).status).toBe(404);
  });
});

/** A body of `total` bytes streamed in 16 KB chunks; `pulled()` says how many bytes the reader took. */
function hugeBody(total: number) {
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

function webhookRequest(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) {
  return new Request("http://app/api/webhooks/vimmerse/x/y", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  } as RequestInit);
}

describe("POST webhook: secret first, body capped at 64 KB", () => {
  const FIFTY_MB = 50 * 1024 * 1024;

  it("refuses a 50 MB streamed body with 413 after reading at most the cap (+ one chunk)", async () => {
    const db = await m.getDb();
    const row = await m.q.createStory(db, { mode: "advanced", idea: "x", stage: "storyboard", status: "generating", workspaceId });
    const body = hugeBody(FIFTY_MB);
    const started = Date.now();
    const res = await m.webhook.POST(webhookRequest(body.stream), params({ storyId: row.id, secret: row.webhookSecret }));
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024 + 2 * 16 * 1024);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a declared Content-Length above the cap without reading anything", async () => {
    const db = await m.getDb();
    const row = await m.q.createStory(db, { mode: "advanced", idea: "x", stage: "storyboard", status: "generating", workspaceId });
    const body = hugeBody(FIFTY_MB);
    const res = await m.webhook.POST(
      webhookRequest(body.stream, { "content-length": String(400 * 1024 * 1024) }),
      params({ storyId: row.id, secret: row.webhookSecret }),
    );
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(16 * 1024);
  });

  it("answers a forged secret with 404 before reading the body", async () => {
    const db = await m.getDb();
    const row = await m.q.createStory(db, { mode: "advanced", idea: "x", stage: "storyboard", status: "generating", workspaceId });
    const body = hugeBody(FIFTY_MB);
    const res = await m.webhook.POST(webhookRequest(body.stream), params({ storyId: row.id, secret: "f".repeat(64) }));
    expect(res.status).toBe(404);
    expect(body.pulled()).toBeLessThanOrEqual(16 * 1024);
  });

  it("answers a malformed story id with 404", async () => {
    const res = await m.webhook.POST(webhookRequest("{}"), params({ storyId: "%00", secret: "x" }));
    expect(res.status).toBe(404);
  });
});
