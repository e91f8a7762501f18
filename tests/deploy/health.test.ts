import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { startAppEnv } from "../support/app-env";

/** /api/health for probes: database and Vimmerse reachability, cheap, 503 only when the database is down. */

let env: Awaited<ReturnType<typeof startAppEnv>>;

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 1000 });
  await (await import("@/lib/db")).getDb(); // first use: PGlite start and migrations
});

afterAll(async () => {
  await env?.stop();
});

afterEach(() => {
  globalThis.__storyboardVimmerseProbe = undefined;
  vi.unstubAllEnvs();
});

async function health() {
  const { GET } = await import("@/app/api/health/route");
  const res = await GET(new Request("http://app/api/health"), {});
  return { status: res.status, body: (await res.json()) as Record<string, Record<string, unknown>> };
}

it("reports the database and the simulator as reachable, with timings", async () => {
  const { status, body } = await health();
  expect(status).toBe(200);
  expect(body).toMatchObject({ ok: true, database: { kind: "pglite", ok: true }, vimmerse: { ok: true, mode: "demo" } });
  expect(typeof body.database.ms).toBe("number");
  expect(typeof body.vimmerse.ms).toBe("number");
});

it("Vimmerse down is degraded, not down: 200 with vimmerse.ok false; the probe is cached for 10 s", async () => {
  let hits = 0;
  const broken: Server = createServer((_req, res) => {
    hits++;
    res.writeHead(502).end();
  });
  await new Promise<void>((r) => broken.listen(0, "127.0.0.1", r));
  vi.stubEnv("VIMMERSE_BASE_URL", `http://127.0.0.1:${(broken.address() as AddressInfo).port}`);
  try {
    const first = await health();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, vimmerse: { ok: false, error: "HTTP 502" }, database: { ok: true } });
    for (let i = 0; i < 5; i++) await health();
    expect(hits).toBe(1);
  } finally {
    await new Promise((r) => broken.close(r));
  }
});

it("the database down is 503", async () => {
  const { closeDb } = await import("@/lib/db");
  await closeDb();
  vi.stubEnv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
  try {
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, database: { kind: "postgres", ok: false } });
  } finally {
    await closeDb();
  }
});
