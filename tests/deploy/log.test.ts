import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { log, requestIdFrom } from "@/lib/log";
import { logged } from "@/lib/route";

/** What an operator's log collector receives: one JSON object per line, with the request's id, route, status, ms. */

let out: string[];
let err: string[];

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  vi.stubEnv("LOG_FORMAT", "json");
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

it("writes JSON lines with time, level, msg and the given fields; errors go to stderr with their cause", () => {
  log.info("hello", { requestId: "r1", route: "/x" });
  log.error("boom", { err: new Error("outer", { cause: Object.assign(new Error("inner"), { code: "ECONNREFUSED" }) }) });
  const [info] = parsed(out);
  expect(info).toMatchObject({ level: "info", msg: "hello", requestId: "r1", route: "/x" });
  expect(new Date(String(info.time)).getTime()).toBeGreaterThan(0);
  const [error] = parsed(err);
  expect(error).toMatchObject({ level: "error", msg: "boom", err: { message: "outer", cause: { message: "inner", code: "ECONNREFUSED" } } });
});

it("is JSON by default in production and readable text in development", () => {
  vi.stubEnv("LOG_FORMAT", "");
  vi.stubEnv("NODE_ENV", "production");
  log.info("prod");
  vi.stubEnv("NODE_ENV", "development");
  log.info("dev", { status: 200 });
  expect(JSON.parse(out[0])).toMatchObject({ msg: "prod" });
  expect(out[1]).toBe("INFO  dev status=200\n");
});

it("keeps a sane x-request-id and replaces a missing or hostile one", () => {
  expect(requestIdFrom(new Headers({ "x-request-id": "abc-123" }))).toBe("abc-123");
  expect(requestIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestIdFrom(new Headers({ "x-request-id": "a b<script>" }))).toMatch(/^[0-9a-f-]{36}$/);
});

it("logs one line per request, echoes the request id, and turns a throw into a plain 500", async () => {
  const ok = logged("/api/ok", async () => Response.json({ fine: true }, { status: 201 }));
  const res = await ok(new Request("http://x/api/ok", { headers: { "x-request-id": "req-7" } }), {});
  expect(res.status).toBe(201);
  expect(res.headers.get("x-request-id")).toBe("req-7");
  expect(parsed(out)[0]).toMatchObject({ msg: "request", requestId: "req-7", route: "/api/ok", status: 201, method: "GET" });
  expect(typeof parsed(out)[0].ms).toBe("number");

  const broken = logged("/api/broken", async () => {
    throw new Error("secret stack detail");
  });
  const failed = await broken(new Request("http://x/api/broken", { method: "POST" }), {});
  expect(failed.status).toBe(500);
  const body = (await failed.json()) as { message: string; requestId: string };
  expect(JSON.stringify(body)).not.toContain("secret stack detail");
  expect(parsed(err)[0]).toMatchObject({ level: "error", route: "/api/broken", status: 500, requestId: body.requestId });
});

it("logs probes (quiet routes) only when they fail", async () => {
  const probe = logged("/api/health", async () => new Response("ok"), { quiet: true });
  await probe(new Request("http://x/api/health"), {});
  expect(out).toEqual([]);
  const down = logged("/api/health", async () => new Response("down", { status: 503 }), { quiet: true });
  await down(new Request("http://x/api/health"), {});
  expect(parsed(err)[0]).toMatchObject({ status: 503, level: "error" });
});
