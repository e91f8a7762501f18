import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { databaseUrl, isDemoMode, vimmerseConnection } from "@/lib/config";
import { isShuttingDown } from "@/lib/shutdown";

/**
 * What /api/health reports to load balancers and probes, cheaply:
 * - the database: one `select 1` per call (it is what every page needs);
 * - Vimmerse: one unauthenticated-cost GET at most every VIMMERSE_PROBE_TTL_MS (10 s), shared by all callers.
 * `ok` follows the database only: without it nothing works (503). Vimmerse down is "degraded": the studio still
 * serves and edits storyboards, so the answer stays 200 with `vimmerse.ok: false`.
 */

export type Probe = { ok: boolean; ms: number; error?: string };

export type Health = {
  ok: boolean;
  /** Shutting down: finishing in-flight requests; probes should stop sending traffic here. */
  draining: boolean;
  database: Probe & { kind: "postgres" | "pglite" };
  vimmerse: Probe & { mode: "demo" | "live"; checkedAt: string };
};

const VIMMERSE_PROBE_TTL_MS = 10_000;
const PROBE_TIMEOUT_MS = 3_000;

declare global {
  var __storyboardVimmerseProbe: { at: number; result: Promise<Probe> } | undefined;
}

async function timed(run: () => Promise<unknown>): Promise<Probe> {
  const started = performance.now();
  try {
    await run();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { ok: false, ms: Math.round(performance.now() - started), error: error.slice(0, 200) };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref()),
  ]);
}

/**
 * Reachability, not correctness: any HTTP answer from the API host (even 401/404) means it is up; only a network
 * error or a 5xx counts as down. Sends no key and costs no credits.
 */
async function probeVimmerse(): Promise<Probe> {
  const { baseUrl } = vimmerseConnection();
  return timed(async () => {
    const res = await fetch(`${baseUrl}/`, { method: "GET", redirect: "manual", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
  });
}

function cachedVimmerseProbe(now = Date.now()): { at: number; result: Promise<Probe> } {
  const cached = globalThis.__storyboardVimmerseProbe;
  if (cached && now - cached.at < VIMMERSE_PROBE_TTL_MS) return cached;
  const fresh = { at: now, result: probeVimmerse() };
  globalThis.__storyboardVimmerseProbe = fresh;
  return fresh;
}

export async function checkHealth(): Promise<Health> {
  const probe = cachedVimmerseProbe();
  const [database, vimmerse] = await Promise.all([
    // Opening (first use: PGlite start and migrations) is not timed out, only the query on an open database.
    timed(async () => withTimeout((await getDb()).execute(sql`select 1`), PROBE_TIMEOUT_MS, "the database")),
    probe.result,
  ]);
  return {
    ok: database.ok,
    draining: isShuttingDown(),
    database: { kind: databaseUrl() ? "postgres" : "pglite", ...database },
    vimmerse: { mode: isDemoMode() ? "demo" : "live", ...vimmerse, checkedAt: new Date(probe.at).toISOString() },
  };
}
