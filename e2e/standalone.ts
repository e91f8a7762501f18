import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { SIM_URL } from "./support";

/**
 * A server of its own per test, started from `.next/standalone` exactly as the image starts it (start.sh:
 * migrations, then `node server.js`), on a fresh data directory, against the e2e simulator, with only the
 * environment an image (or a Vercel project) would set. Used by e2e/deploy.spec.ts and e2e/vercel.spec.ts (specs
 * run one at a time, so they share the port APP_PORT + 2).
 */

export const PORT = Number(process.env.E2E_APP_PORT ?? 3100) + 2;
export const BASE = `http://127.0.0.1:${PORT}`;
export const ROOT = path.resolve(__dirname, "..");

export type Server = {
  child: ChildProcess;
  dataDir: string;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Completes `.next/standalone` (static files, migrate.mjs, start.sh); `next build` must have run. */
export function prepareStandalone() {
  execFileSync(process.execPath, [path.join(ROOT, "scripts/standalone/prepare.mjs")], { cwd: ROOT, stdio: "pipe" });
}

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "standalone-e2e-"));
}

export function removeDir(dir: string | undefined) {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Starts the server on `dataDir` (kept across restarts) and waits for /api/health to answer 200. */
export async function startStandalone(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  // Only what an image would set (no dev tooling, no key: demo mode against the e2e simulator).
  const childEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    PORT: String(PORT),
    HOSTNAME: "127.0.0.1",
    DATA_DIR: dataDir,
    VIMMERSE_BASE_URL: SIM_URL,
    VIMMERSE_TIMEOUT_MS: "15000",
    NEXT_TELEMETRY_DISABLED: "1",
    // Production needs the accounts' secret (an image sets it); a cookie prefix of its own on this shared host.
    BETTER_AUTH_SECRET: "e2e-standalone-secret-0123456789abcdefghijkl",
    AUTH_COOKIE_PREFIX: "e2e-standalone",
    ...env,
  } as unknown as NodeJS.ProcessEnv;
  const child = spawn("sh", [path.join(ROOT, ".next/standalone/start.sh")], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${lines.join("\n")}`);
        return fetch(`${BASE}/api/health`).then((r) => r.status, () => 0);
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
  return { child, dataDir, lines, exited };
}

/** Stops a server that is still running, at once (SIGKILL). */
export async function killStandalone(server: Server | undefined) {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
}

/** The JSON log records the server wrote (other lines, e.g. Next's banner, are skipped). */
export function records(s: Server): Record<string, unknown>[] {
  return s.lines.flatMap((line) => {
    try {
      const v = JSON.parse(line) as unknown;
      return v && typeof v === "object" ? [v as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}
