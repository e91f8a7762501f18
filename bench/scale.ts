/**
 * Scale benchmark (issue 11): PostgreSQL, two app instances, 1,000 stories in one workspace, 50 signed-in users for
 * T seconds, each polling their rendering story every 2 s (the browser's interval), saving their storyboard every
 * ~10 s (the editor's server action) and opening the dashboard every ~15 s. Reports errors and p50/p99 per route,
 * the upstream GETs against the lease bound, and how the dashboard's time grows from 100 to 1,000 to 10,000 stories.
 *
 *   npm run build
 *   npx tsx bench/scale.ts --database postgres://postgres@127.0.0.1:5432/test
 *
 * Options: --users (50) --stories (1000) --seconds (60) --sizes (100,1000,10000) --port (3990; second = port+1)
 *          --sim-port (4990). The bench creates and drops a database of its own. Stories and users are seeded
 *          directly through lib/db (fast); every user signs in through Better Auth's API (with an Origin header).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { startSimulator } from "../lib/simulator";
import { openDatabase } from "../lib/db/open";
import * as schema from "../lib/db/schema";
import {
  BENCH_AUTH_SECRET,
  BENCH_PASSWORD,
  benchBoard,
  benchDatabase,
  logger,
  percentile,
  signInCookie,
  signUp,
  simulatorStory,
  sleep,
  startNext,
  stopAll,
  waitFor,
} from "./harness";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "50" },
    stories: { type: "string", default: "1000" },
    seconds: { type: "string", default: "60" },
    sizes: { type: "string", default: "100,1000,10000" },
    port: { type: "string", default: "3990" },
    "sim-port": { type: "string", default: "4990" },
    database: { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
  },
});
const users = Number(values.users);
const storyCount = Number(values.stories);
const seconds = Number(values.seconds);
const sizes = values.sizes!.split(",").map(Number);
const port = Number(values.port);

const log = logger("scale");

/** The server action id of an exported action (the editor calls it the same way). */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
  if (!found) throw new Error(`server action ${name} not found in the build`);
  return found[0];
}

async function main() {
  const bdb = await benchDatabase(values.database, "", "bench_scale");
  const databaseUrl = bdb.databaseUrl!;
  const sim = await startSimulator({ port: Number(values["sim-port"]), timeScale: 400 });
  const { db, close } = await openDatabase({ url: databaseUrl, migrate: true });
  const children: ReturnType<typeof startNext>[] = [];
  try {
    const env = {
      DATABASE_URL: databaseUrl,
      VIMMERSE_BASE_URL: sim.url,
      VIMMERSE_API_KEY: "",
      BETTER_AUTH_SECRET: BENCH_AUTH_SECRET,
      STATUS_REFRESH_MS: "3000",
      SWEEP_INTERVAL_MS: "0",
      LOG_LEVEL: "warn",
    };
    const urls = [0, 1].map((i) => `http://127.0.0.1:${port + i}`);
    for (const [i] of urls.entries()) children.push(startNext(".", port + i, env));
    await Promise.all(urls.map((x) => waitFor(`${x}/api/health`)));

    // The owner signs up (first account: the workspace); the others are seeded as editors and sign in.
    await signUp(urls[0], "owner@scale.test", "Olivia Owner");
    const [owner] = await db.select().from(schema.user).where(eq(schema.user.email, "owner@scale.test"));
    const [membership] = await db.select().from(schema.member).where(eq(schema.member.userId, owner.id));
    const workspaceId = membership.organizationId;
    const hash = await hashPassword(BENCH_PASSWORD);
    const emails = ["owner@scale.test"];
    for (let i = 1; i < users; i++) {
      const id = crypto.randomUUID();
      const email = `editor${i}@scale.test`;
      emails.push(email);
      await db.insert(schema.user).values({ id, name: `Editor ${i}`, email, emailVerified: true });
      await db.insert(schema.account).values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash });
      await db.insert(schema.member).values({ id: crypto.randomUUID(), organizationId: workspaceId, userId: id, role: "editor" });
    }
    const cookies: string[] = [];
    for (let i = 0; i < users; i += 5) {
      cookies.push(...(await Promise.all(emails.slice(i, i + 5).map((e, k) => signInCookie(urls[(i + k) % 2], e, `10.1.${Math.floor((i + k) / 250)}.${((i + k) % 250) + 1}`)))));
    }
    log(`${users} users signed in`);

    // Stories: each user's own rendering story (one upstream story each), the rest ready storyboards.
    const board = benchBoard(12);
    const own: { id: string; vimmerseId: string }[] = [];
    for (let i = 0; i < users; i++) {
      const vimmerseId = await simulatorStory(sim.url, `Scale story ${i}`);
      const [row] = await db
        .insert(schema.stories)
        .values({ mode: "advanced", stage: "videos", status: "generating", vimmerseId, title: `User ${i}'s story`, idea: "scale", storyboard: board, version: 1, sceneCount: 12, workspaceId })
        .returning({ id: schema.stories.id });
      await db.insert(schema.storyboardVersions).values({ storyId: row.id, version: 1, storyboard: board, source: "generated" });
      own.push({ id: row.id, vimmerseId });
    }
    let seeded = users;
    async function seedTo(n: number) {
      while (seeded < n) {
        const batch = Math.min(500, n - seeded);
        await db.insert(schema.stories).values(
          Array.from({ length: batch }, (_, k) => ({
            mode: "advanced" as const,
            stage: "storyboard" as const,
            status: "ready" as const,
            title: `Seeded story ${seeded + k}`,
            idea: "A seeded idea for the scale benchmark",
            storyboard: board,
            version: 1,
            sceneCount: 12,
            workspaceId,
          })),
        );
        seeded += batch;
      }
    }

    async function dashboard(url: string, cookie: string): Promise<number> {
      const t0 = performance.now();
      const res = await fetch(`${url}/`, { headers: { cookie } });
      const html = await res.text();
      if (!res.ok || !html.includes('aria-label="Stories"')) throw new Error(`dashboard ${res.status}`);
      return performance.now() - t0;
    }

    // Dashboard growth: sequential opens at each size (after a warm-up); the sizes above --stories after the load.
    const growth: { size: number; p50: number; p99: number }[] = [];
    async function measureAt(size: number) {
      await seedTo(size);
      for (let i = 0; i < 3; i++) await dashboard(urls[0], cookies[0]);
      const times = [];
      for (let i = 0; i < 20; i++) times.push(await dashboard(urls[i % 2], cookies[0]));
      times.sort((a, b) => a - b);
      growth.push({ size, p50: percentile(times, 50), p99: percentile(times, 99) });
      log(`dashboard at ${size} stories: p50 ${percentile(times, 50).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
    }
    for (const size of sizes.filter((n) => n <= storyCount)) await measureAt(size);
    await seedTo(storyCount);

    // The load: 50 users over both instances.
    const saveId = actionId("saveStoryboard");
    const lat: Record<string, number[]> = { status: [], save: [], dashboard: [] };
    const errors: Record<string, number> = { status: 0, save: 0, dashboard: 0 };
    await fetch(`${sim.url}/__sim/requests`, { method: "DELETE" });
    const stopAt = Date.now() + seconds * 1000;
    log(`${users} users for ${seconds} s over 2 instances, ${storyCount} stories`);
    await Promise.all(
      own.map(async (story, i) => {
        const url = urls[i % 2];
        const cookie = cookies[i];
        let version = 1;
        let etag: string | null = null;
        await sleep((i * 2000) / users);
        let tick = 0;
        while (Date.now() < stopAt) {
          let t0 = performance.now();
          try {
            const res: Response = await fetch(`${url}/api/stories/${story.id}/status`, { headers: { cookie, ...(etag ? { "if-none-match": etag } : {}) } });
            await res.arrayBuffer();
            if (res.status !== 200 && res.status !== 304) errors.status++;
            etag = res.headers.get("etag") ?? etag;
          } catch {
            errors.status++;
          }
          lat.status.push(performance.now() - t0);
          if (tick % 5 === i % 5) {
            t0 = performance.now();
            try {
              const res = await fetch(`${url}/stories/${story.id}`, {
                method: "POST",
                headers: { cookie, "next-action": saveId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: url },
                body: JSON.stringify([{ storyId: story.id, baseVersion: version, storyboard: { ...board, music: { ...board.music, description: `Edit ${tick} by user ${i}` } } }]),
              });
              const text = await res.text();
              const saved = /"ok":true,"data":\{"version":(\d+)/.exec(text);
              if (!res.ok || !saved) errors.save++;
              else version = Number(saved[1]);
            } catch {
              errors.save++;
            }
            lat.save.push(performance.now() - t0);
          }
          if (tick % 7 === i % 7) {
            try {
              lat.dashboard.push(await dashboard(url, cookie));
            } catch {
              errors.dashboard++;
            }
          }
          tick++;
          await sleep(2000);
        }
      }),
    );
    const requests = (await (await fetch(`${sim.url}/__sim/requests`)).json()) as { method: string; path: string }[];
    for (const size of sizes.filter((n) => n > storyCount)) await measureAt(size);
    const upstreamGets = requests.filter((r) => r.method === "GET" && r.path.startsWith("/story/")).length;
    const bound = users * (Math.ceil((seconds * 1000) / 3000) + 1);

    const date = new Date().toISOString().slice(0, 10);
    const row = (name: string) => {
      const s = lat[name].sort((a, b) => a - b);
      log(`${name}: ${s.length} requests, ${errors[name]} errors, p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms`);
      return `| ${date} | ${name} | ${s.length} | ${errors[name]} | ${percentile(s, 50).toFixed(1)} | ${percentile(s, 99).toFixed(1)} |`;
    };
    const rows = ["status", "save", "dashboard"].map(row);
    log(`upstream GETs ${upstreamGets} (bound ${bound}: one per story per 3 s)`);
    process.stdout.write(`\n${rows.join("\n")}\n\n`);
    process.stdout.write(growth.map((g) => `| ${date} | ${g.size} | ${g.p50.toFixed(1)} | ${g.p99.toFixed(1)} |`).join("\n") + "\n");
    if (Object.values(errors).some((n) => n > 0) || upstreamGets > bound) process.exitCode = 1;
  } finally {
    stopAll(children);
    await close();
    await sim.close();
    await bdb.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
