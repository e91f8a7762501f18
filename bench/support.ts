import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { waitFor } from "./harness";

/** Shared by the audit scripts: the production server (`npm run build` first) in a process group of its own. */

export function log(msg: string) {
  process.stdout.write(`[audit] ${msg}\n`);
}

export type RunningApp = { url: string; child: ChildProcess; stop(): void; rssKb(): number };

export async function startApp(port: number, env: Record<string, string>): Promise<RunningApp> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first: the audit uses the production server.");
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`);
  return {
    url,
    child,
    stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
    },
    /** Resident memory of the server's whole process group, in KB. */
    rssKb() {
      const out = execFileSync("ps", ["-o", "rss=", "-g", String(child.pid)]).toString();
      return out
        .split(/\s+/)
        .filter(Boolean)
        .reduce((sum, n) => sum + Number(n), 0);
    },
  };
}
