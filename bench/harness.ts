import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Db } from "../lib/db/types";
import { stories, storyboardVersions } from "../lib/db/schema";
import type { Storyboard } from "../lib/validation/storyboard";

/**
 * Shared by the benches: servers, the bench's own database, a story at the simulator or stored with its first
 * version (seedStory), accounts, a storyboard.
 */

export const BENCH_PASSWORD = "bench-password-1";
export const BENCH_AUTH_SECRET = "bench-secret-bench-secret-bench-secret-0123";

export function logger(prefix: string) {
  return (msg: string) => void process.stdout.write(`[${prefix}] ${msg}\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type BenchDatabase = {
  /** PostgreSQL: the URL of the bench's own database. */
  databaseUrl?: string;
  /** PGlite: a data directory under `tmp`. */
  dataDir?: string;
  /** What the app servers need to open it. */
  env: Record<string, string>;
  /** PostgreSQL: drops the bench's database (after the servers stopped). */
  drop(): Promise<void>;
};

/** A new PostgreSQL database on `serverUrl` (dropped by drop()), or, without one, a PGlite directory under `tmp`. */
export async function benchDatabase(serverUrl: string | undefined, tmp: string, name: string): Promise<BenchDatabase> {
  if (!serverUrl) {
    const dataDir = path.join(tmp, "pglite");
    return { dataDir, env: { DATA_DIR: dataDir, DATABASE_URL: "" }, drop: async () => undefined };
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const dbName = `${name}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  return {
    databaseUrl,
    env: { DATABASE_URL: databaseUrl },
    async drop() {
      await sleep(1000);
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}

/** A story at the simulator (idea-2-video); returns its Vimmerse id. */
export async function simulatorStory(simUrl: string, idea = "A benchmark of patient viewers"): Promise<string> {
  const res = await fetch(`${simUrl}/story/idea-2-video`, {
    method: "POST",
    headers: { "X-Api-Key": "bench", "content-type": "application/json" },
    body: JSON.stringify({ idea, scene_count: 3 }),
  });
  return ((await res.json()) as { data: { id: string } }).data.id;
}

export async function waitFor(url: string, ms = 120_000): Promise<number> {
  const started = performance.now();
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return performance.now() - started;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `next start` of the app (dir ".") or of bench/bare-next, in a process group of its own. */
export function startNext(dir: string, port: number, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  return spawn(process.execPath, [...nodeArgs, next, "start", dir, "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: process.env.BENCH_VERBOSE ? "inherit" : "ignore",
    env: { ...process.env, ...env },
  });
}

export function stopAll(children: ChildProcess[]) {
  for (const child of children) {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Better Auth's own API (it refuses POSTs without an Origin header). Returns the session cookie header. */
export async function signUp(baseUrl: string, email: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, name, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-up ${email}: ${res.status} ${await res.text()}`);
  return cookieOf(res);
}

/** `clientIp`: each simulated person signs in from an address of their own (Better Auth limits sign-ins per IP). */
export async function signInCookie(baseUrl: string, email: string, clientIp?: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl, ...(clientIp ? { "x-forwarded-for": clientIp } : {}) },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  return cookieOf(res);
}

/** A storyboard of n scenes with elements, music and a title scene (no media yet). */
export function benchBoard(n: number): Storyboard {
  const el = (name: string) => ({ name, description: `Style:cinematic, ${name} in detail. `.repeat(4) });
  return {
    characters: ["Ada", "Bo", "Cy", "Di"].map(el),
    environments: ["Harbour", "Lighthouse"].map(el),
    objects: ["Lantern", "Map", "Compass"].map(el),
    music: { description: "Strings and piano, warm and slow.", lyrics: "La la la. ".repeat(20) },
    title_scene: { title: "Long Story", description: "Golden letters over the sea." },
    scenes: Array.from({ length: n }, (_, i) => ({
      name: `Scene ${i + 1}`,
      image_description: `lighting:golden hour, style:cinematic, **Ada** walks along the **Harbour**, shot ${i + 1}. `.repeat(3),
      video_description: "camera motion:dolly in, camera angle:eye level, waves roll in slowly.",
      narrator: `This is the narration of scene ${i + 1}, read slowly by the narrator.`,
    })),
  } as Storyboard;
}

/** The system's Chromium (Debian: /usr/bin/chromium), else Playwright's own browser. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p) => p && existsSync(p));
}

/** Stores a story and, when it has a storyboard, its version 1 (as the app stores a generated storyboard). */
export async function seedStory(db: Db, values: typeof stories.$inferInsert) {
  const [story] = await db.insert(stories).values(values).returning();
  if (values.storyboard) {
    await db.insert(storyboardVersions).values({ storyId: story.id, version: 1, storyboard: values.storyboard, source: "generated" });
  }
  return story;
}

/** Resident memory of a process group (a server started by startNext), in KB. */
export function groupRssKb(pid: number): number {
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(pid)]).toString();
  return out
    .split(/\s+/)
    .filter(Boolean)
    .reduce((sum, n) => sum + Number(n), 0);
}

/** CPU time (user + system) used so far by a process group, in ms: divided by requests served, a figure that does
 * not depend on how busy the machine is. */
export function groupCpuMs(pid: number): number {
  const pids = execFileSync("ps", ["-o", "pid=", "-g", String(pid)]).toString().split(/\s+/).filter(Boolean);
  let ticks = 0;
  for (const p of pids) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* exited meanwhile */
    }
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

const CLOCK_TICKS = Number((() => {
  try {
    return execFileSync("getconf", ["CLK_TCK"]).toString().trim();
  } catch {
    return "100";
  }
})()) || 100;
