import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { startAppEnv } from "../support/app-env";

/**
 * Once SIGTERM arrived: background work stops, no new paid request is recorded or sent, and a paid send still
 * waiting after SHUTDOWN_TIMEOUT_MS is aborted (the step then records "unknown"; e2e/deploy.spec.ts shows it).
 */

let env: Awaited<ReturnType<typeof startAppEnv>>;

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 1000 });
  await (await import("@/lib/db")).getDb();
});

afterAll(async () => {
  await env?.stop();
});

it("stops background work, refuses new paid work without recording it, and aborts slow sends after the timeout", async () => {
  vi.stubEnv("SHUTDOWN_TIMEOUT_MS", "50");
  const { beginShutdown, onShutdown, paidSendSignal } = await import("@/lib/shutdown");
  const { createStoryFromForm } = await import("@/lib/stories/create");
  const { newStoryDefaults } = await import("@/lib/validation/new-story");
  const { getDb } = await import("@/lib/db");
  const { getStory } = await import("@/lib/db/queries");

  const interval = setInterval(() => {}, 1000);
  let stopped = false;
  onShutdown("test interval", () => {
    clearInterval(interval);
    stopped = true;
  });
  const signal = paidSendSignal();
  await beginShutdown("SIGTERM");
  expect(stopped).toBe(true);
  expect(signal.aborted).toBe(false);

  const input = { ...newStoryDefaults(), idea: "A fox learns to knit" };
  await expect(createStoryFromForm(input, [])).rejects.toMatchObject({ code: "busy", message: /restarting/ });
  expect(await getStory(await getDb(), input.requestId)).toBeNull();
  const sent = (await fetch(`${env.sim.url}/__sim/requests`).then((r) => r.json())) as unknown[] | { requests: unknown[] };
  expect(Array.isArray(sent) ? sent : sent.requests).toEqual([]);

  // A polling page gets its answer, then its keep-alive connection is closed (it cannot keep the process alive).
  const { logged } = await import("@/lib/route");
  const res = await logged("/api/poll", async () => Response.json({ ok: true }))(new Request("http://app/api/poll"), {});
  expect(res.status).toBe(200);
  expect(res.headers.get("connection")).toBe("close");

  await vi.waitFor(() => expect(signal.aborted).toBe(true));
  vi.unstubAllEnvs();
});
