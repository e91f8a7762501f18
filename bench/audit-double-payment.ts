/**
 * Audit "paid twice after a timeout" (issue 6), rerunnable: POST /elements answered after 9 s while the app gives up
 * at 4 s (scaled down by --scale, default 0.25: 2.25 s vs 1 s), then an immediate retry and a retry after the grace
 * period (UNKNOWN_OUTCOME_GRACE_MS, default 2x the timeout). Counts the POSTs that reached Vimmerse (the simulator).
 *
 *   npx tsx --conditions=react-server bench/audit-double-payment.ts [--scale 0.25]
 *
 * Before issue 6: the immediate retry found nothing running upstream and sent again (2 jobs, 44 credits).
 * Now: the immediate retry is refused with the time it can be tried; the later one adopts the job. Exit 1 if > 1 POST.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSimulator } from "@/lib/simulator";

const scale = Number(parseArgs({ options: { scale: { type: "string", default: "0.25" } } }).values.scale);

async function main() {
  const sim = await startSimulator({ port: 0, timeScale: 0.02 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "audit-pay-"));
  const timeoutMs = Math.round(4_000 * scale);
  const answerMs = Math.round(9_000 * scale);
  Object.assign(process.env, {
    DATA_DIR: path.join(dir, "pglite"),
    VIMMERSE_BASE_URL: sim.url,
    STATUS_REFRESH_MS: "50",
    SWEEP_INTERVAL_MS: "0",
    VIMMERSE_TIMEOUT_MS: String(timeoutMs),
  });
  delete process.env.VIMMERSE_API_KEY;
  delete process.env.DATABASE_URL;
  const { getDb, closeDb } = await import("@/lib/db");
  const q = await import("@/lib/db/queries");
  const { runStep } = await import("@/lib/stories/steps");
  const { unknownOutcomeGraceMs } = await import("@/lib/config");
  const { vimmerse } = await import("@/lib/vimmerse/client");
  const db = await getDb();

  // The storyboard exists before the timeout is shortened for the paid step.
  process.env.VIMMERSE_TIMEOUT_MS = "30000";
  const created = await vimmerse().createStoryboard({ idea: "A lighthouse keeper adopts a seal", scene_count: 2 });
  let s = await vimmerse().getStory(created.id);
  while (s.status === "processing" || !s.storyboard?.scenes.length) {
    await new Promise((r) => setTimeout(r, 50));
    s = await vimmerse().getStory(created.id);
  }
  const row = await q.createStory(db, { mode: "advanced", storyboard: s.storyboard!, status: "ready", vimmerseId: created.id });
  process.env.VIMMERSE_TIMEOUT_MS = String(timeoutMs);

  await fetch(`${sim.url}/__sim/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ method: "POST", path: "/story/*/elements", delayMs: answerMs }),
  });
  const click = () =>
    runStep({
      step: "elements",
      storyId: row.id,
      requestId: crypto.randomUUID(),
      options: { option: "Seedream", aspectRatio: "16:9", enhanceImage: false },
    });
  const outcome = async (name: string) => {
    try {
      const r = await click();
      console.log(`${name}: ${r.alreadySent ? "adopted the running job (nothing sent)" : "sent"}`);
    } catch (e) {
      console.log(`${name}: ${(e as Error).message}`);
    }
  };

  console.log(`timeout ${timeoutMs} ms, late answer at ${answerMs} ms, grace ${unknownOutcomeGraceMs()} ms`);
  await outcome("first click");
  await outcome("immediate retry");
  await new Promise((r) => setTimeout(r, unknownOutcomeGraceMs() + 100));
  await outcome("retry after the grace period");

  const log = (await (await fetch(`${sim.url}/__sim/requests`)).json()) as { method: string; path: string }[];
  const posts = log.filter((r) => r.method === "POST" && r.path.endsWith("/elements")).length;
  console.log(`${posts === 1 ? "PASS" : "FAIL"} upstream POST /elements: ${posts} (one intention, one job)`);
  await closeDb();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(posts === 1 ? 0 : 1);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
