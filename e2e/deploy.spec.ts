import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { countRequests, sim } from "./support";
import { firstRunSignUp } from "./accounts";
import {
  BASE,
  killStandalone,
  prepareStandalone,
  records,
  removeDir,
  ROOT,
  startStandalone as start,
  tempDir,
  type Server,
} from "./standalone";
import { execForm, last, parseDockerfile } from "../tests/support/dockerfile";

/**
 * The Node / Docker deploy path: `.next/standalone` started exactly as the image starts it (start.sh: migrations,
 * then `node server.js`), on a fresh data directory, against the e2e simulator. Then SIGTERM, also in the middle
 * of a paid request. Needs `next build` first (as every e2e spec); the folder is completed here by prepare.mjs.
 */

test.describe.configure({ mode: "serial" });

test.beforeAll(() => prepareStandalone());

let server: Server | undefined;
let tmp: string | undefined;

test.beforeEach(async () => {
  await sim.clearFaults();
  tmp = tempDir();
});

test.afterEach(async () => {
  await killStandalone(server);
  server = undefined;
  await sim.clearFaults();
  removeDir(tmp);
});

async function startStandalone(env: Record<string, string> = {}): Promise<Server> {
  server = await start(path.join(tmp!, "pglite"), env);
  return server;
}

/** Reads the stopped server's database (one PGlite directory is never opened by two processes at once). */
async function readAttempts(dataDir: string) {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dataDir);
  try {
    const attempts = await db.query<{ step: string; state: string }>("select step, state from step_attempts");
    const stories = await db.query<{ status: string }>("select status from stories");
    return { attempts: attempts.rows, stories: stories.rows };
  } finally {
    await db.close();
  }
}

/** Sends the New story form; resolves with the server action's HTTP response. */
async function submitStory(page: Page, idea: string) {
  await page.goto(`${BASE}/stories/new`);
  await page.getByLabel("Idea").fill(idea);
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/stories/new",
    { timeout: 30_000 },
  );
  await page.getByRole("button", { name: "Write storyboard" }).click();
  return response;
}

test("the standalone server starts as the image starts it: migrations, health, a page, JSON logs, SIGTERM", async ({ page }) => {
  const s = await startStandalone();
  expect(s.lines.join("\n")).toMatch(/Applied \d+ migration\(s\)/);

  const health = await fetch(`${BASE}/api/health`, { headers: { "x-request-id": "probe-1" } });
  expect(health.status).toBe(200);
  expect(health.headers.get("x-request-id")).toBe("probe-1");
  const body = (await health.json()) as Record<string, Record<string, unknown>> & { ok: boolean };
  expect(body.ok).toBe(true);
  expect(body.database).toMatchObject({ kind: "pglite", ok: true });
  expect(body.vimmerse).toMatchObject({ ok: true, mode: "demo" });
  expect(typeof body.database.ms).toBe("number");

  // A fresh install: the first visitor creates the owner account and lands on the dashboard.
  await firstRunSignUp(page, BASE);
  await expect(page.getByText("Demo mode")).toBeVisible();

  // A route handler logs one JSON line per request with the caller's request id, route, status and duration.
  // (as the signed-in owner: the browser's session)
  const missing = await page.request.get(`${BASE}/api/stories/00000000-0000-4000-8000-000000000000/storyboard`, {
    headers: { "x-request-id": "trace-abc" },
  });
  expect(missing.status()).toBe(404);
  await expect
    .poll(() => records(s).find((r) => r.requestId === "trace-abc"))
    .toMatchObject({ level: "info", route: "/api/stories/[id]/storyboard", status: 404, msg: "request" });
  expect(typeof records(s).find((r) => r.requestId === "trace-abc")?.ms).toBe("number");

  s.child.kill("SIGTERM");
  const exit = await s.exited;
  // Next's own handler exits with 128 + 15 after draining; no crash, no kill.
  expect(exit).toEqual({ code: 143, signal: null });
  expect(records(s).some((r) => r.msg === "shutting down: finishing in-flight requests")).toBe(true);
});

test("SIGTERM during a paid step: the request completes and the step is recorded succeeded", async ({ page }) => {
  const s = await startStandalone();
  await firstRunSignUp(page, BASE);
  await sim.fault({ method: "POST", path: "/story", delayMs: 3_000, times: 1 });
  const before = await countRequests("POST", /^\/story$/);
  const response = submitStory(page, "A lighthouse keeper adopts a storm");
  await expect.poll(() => countRequests("POST", /^\/story$/)).toBe(before + 1);

  const signalled = Date.now();
  s.child.kill("SIGTERM"); // while Vimmerse (the simulator) is still answering
  expect((await response).status()).toBe(200);
  expect(await s.exited).toEqual({ code: 143, signal: null });
  // Prompt, although the story page polls its status: answers during shutdown close their connection.
  const stoppedIn = Date.now() - signalled;
  test.info().annotations.push({ type: "shutdown ms", description: String(stoppedIn) });
  expect(stoppedIn).toBeLessThan(20_000);

  const { attempts, stories } = await readAttempts(s.dataDir);
  expect(attempts).toEqual([{ step: "storyboard", state: "succeeded" }]);
  expect(["generating", "ready"]).toContain(stories[0]?.status);
});

test("SIGTERM during a paid step that outlasts the grace period: recorded unknown, never left sending", async ({ page }) => {
  // Vimmerse would answer after 30 s and the client would wait 60 s; the shutdown gives it 0.5 s.
  const s = await startStandalone({ SHUTDOWN_TIMEOUT_MS: "500", VIMMERSE_TIMEOUT_MS: "60000" });
  await firstRunSignUp(page, BASE);
  await sim.fault({ method: "POST", path: "/story", delayMs: 30_000, times: 1 });
  const before = await countRequests("POST", /^\/story$/);
  const response = submitStory(page, "A clockmaker races the dawn");
  await expect.poll(() => countRequests("POST", /^\/story$/)).toBe(before + 1);

  const signalled = Date.now();
  s.child.kill("SIGTERM");
  expect((await response).status()).toBe(200);
  expect(await s.exited).toEqual({ code: 143, signal: null });
  // Stopped long before the slow answer. (The rest of the time is Node closing idle keep-alive connections, 5 s.)
  const stoppedIn = Date.now() - signalled;
  test.info().annotations.push({ type: "shutdown ms", description: String(stoppedIn) });
  expect(stoppedIn).toBeLessThan(15_000);

  const { attempts, stories } = await readAttempts(s.dataDir);
  expect(attempts).toEqual([{ step: "storyboard", state: "unknown" }]);
  expect(stories).toEqual([{ status: "failed" }]);
});

test("Vercel: maxDuration in the build output, and without a key or a database the app says what to set", async ({ page }) => {
  // What Vercel reads from the build: every route or page that waits for Vimmerse may outlast its default limit.
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, ".next/server/functions-config-manifest.json"), "utf8"),
  ) as { functions: Record<string, { maxDuration?: number }> };
  for (const route of [
    "/stories/new",
    "/stories/[id]",
    "/api/stories/[id]/status",
    "/api/webhooks/vimmerse/[storyId]/[secret]",
    "/api/cron/sweep",
  ]) {
    expect(manifest.functions[route]?.maxDuration, route).toBeGreaterThanOrEqual(60);
  }

  const s = await startStandalone({ VERCEL: "1" });
  expect(records(s)).toContainEqual(
    expect.objectContaining({ level: "error", msg: expect.stringMatching(/not configured: VIMMERSE_API_KEY is not set/) }),
  );
  expect(records(s)).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/DATABASE_URL is not set/) }));
  await page.goto(BASE);
  const alert = page.getByRole("alert").filter({ hasText: "This deployment is not configured yet." });
  await expect(alert).toContainText("Set VIMMERSE_API_KEY in the Vercel project's Environment Variables");
  await expect(alert).toContainText("Set DATABASE_URL to a PostgreSQL connection string");
});

test("the Dockerfile wraps this standalone folder: its CMD, start script, user and health check", () => {
  // The image cannot be built here; what it would run can be checked against the folder the tests above started.
  const runner = parseDockerfile(path.join(ROOT, "Dockerfile")).at(-1)!;
  const out = path.join(ROOT, ".next/standalone");
  const cmd = execForm(last(runner, "CMD")!);
  expect(cmd).toEqual(["./start.sh"]);
  accessSync(path.join(out, cmd[0]), constants.X_OK); // executable, as the exec-form CMD needs
  const script = readFileSync(path.join(out, cmd[0]), "utf8");
  for (const [, file] of script.matchAll(/^(?:exec )?node (\S+)$/gm)) expect(existsSync(path.join(out, file)), file).toBe(true);
  expect(existsSync(path.join(out, "lib/db/migrations/meta/_journal.json"))).toBe(true); // traced for migrate.mjs
  expect(existsSync(path.join(out, ".next/static"))).toBe(true);
  expect(["root", "0", undefined]).not.toContain(last(runner, "USER"));
  expect(execForm(last(runner, "HEALTHCHECK")!).join(" ")).toContain("/api/health");
});
