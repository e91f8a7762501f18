import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What Vercel reads from the repository: vercel.json's cron must reach the sweep route (GET, bearer CRON_SECRET),
 * and every page or route that waits for Vimmerse must allow longer than one Vimmerse request (VIMMERSE_TIMEOUT_MS,
 * 60 s by default). The built manifest is checked in e2e/deploy.spec.ts; this catches a missing export early.
 */

const ROOT = path.resolve(__dirname, "../..");
const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");
const maxDuration = (rel: string) => Number(/export const maxDuration = (\d+);/.exec(read(rel))?.[1]);

/** Pages whose server actions call Vimmerse, and routes that call it while the request is open or after() it. */
const CALLS_VIMMERSE = [
  "app/stories/new/page.tsx",
  "app/stories/[id]/page.tsx",
  "app/api/stories/[id]/status/route.ts",
  "app/api/stories/[id]/video/route.ts",
  "app/api/webhooks/vimmerse/[storyId]/[secret]/route.ts",
  "app/api/cron/sweep/route.ts",
];

describe("vercel.json", () => {
  const config = JSON.parse(read("vercel.json")) as { crons?: { path: string; schedule: string }[] };

  it("schedules the sweep route, which exists and answers GET (what Vercel Cron sends)", () => {
    expect(config.crons).toEqual([expect.objectContaining({ path: "/api/cron/sweep" })]);
    for (const cron of config.crons ?? []) {
      const file = path.join("app", cron.path, "route.ts");
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
      expect(read(file)).toMatch(/export const GET = logged\(/);
      expect(read(file)).toMatch(/cronAuthorization\(req\.headers\.get\("authorization"\)\)/);
      // Five cron fields; Vercel rejects anything else at deploy time.
      expect(cron.schedule.trim().split(/\s+/)).toHaveLength(5);
    }
  });
});

describe("maxDuration", () => {
  it.each(CALLS_VIMMERSE)("%s allows longer than one Vimmerse request (60 s) and at most 300 s (Fluid compute)", (file) => {
    const seconds = maxDuration(file);
    expect(seconds).toBeGreaterThan(60);
    expect(seconds).toBeLessThanOrEqual(300);
  });
});

describe("request bodies", () => {
  it("the server-action body limit stays below Vercel's 4.5 MB request cap", () => {
    const limit = /bodySizeLimit:\s*"(\d+(?:\.\d+)?)mb"/i.exec(read("next.config.mjs"))?.[1];
    expect(Number(limit)).toBeGreaterThan(0);
    expect(Number(limit)).toBeLessThan(4.5);
  });
});
