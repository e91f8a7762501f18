import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";

/**
 * Server-side code under test talks to a real simulator over HTTP and keeps its data in an embedded database of
 * its own (a temporary directory), exactly as the app does in demo mode.
 */
export async function startAppEnv(opts: { refreshMs: number; timeScale?: number }) {
  const sim: RunningSimulator = await startSimulator({ port: 0, timeScale: opts.timeScale ?? 0.02 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "app-env-"));
  process.env.DATA_DIR = path.join(dir, "pglite");
  process.env.VIMMERSE_BASE_URL = sim.url;
  process.env.STATUS_REFRESH_MS = String(opts.refreshMs);
  delete process.env.VIMMERSE_API_KEY;
  delete process.env.DATABASE_URL;
  return {
    sim,
    async stop() {
      await (await import("@/lib/db")).closeDb();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
