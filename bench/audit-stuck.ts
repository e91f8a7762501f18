/**
 * Audit "no story stuck busy" (issue 6), rerunnable: each stuck case of the audit against a simulator with fault
 * injection and a throw-away embedded database, printing the state and message each one ends in.
 *
 *   npx tsx --conditions=react-server bench/audit-stuck.ts
 *
 * (a) killed during a paid POST: the send is left "submitting" -> the sweep marks it unknown (no restart);
 * (b) concat answered with an empty body and no new video -> "Re-composing 99 %" -> failed past its maximum time;
 * (c) permanent 401 on GET -> failures counted and shown, then failed with the reason.
 * A case passes when it ends in a state that is not busy and has a message.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { startSimulator } from "@/lib/simulator";

async function main() {
  const sim = await startSimulator({ port: 0, timeScale: 0.02 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "audit-stuck-"));
  Object.assign(process.env, { DATA_DIR: path.join(dir, "pglite"), VIMMERSE_BASE_URL: sim.url, STATUS_REFRESH_MS: "50", SWEEP_INTERVAL_MS: "0" });
  delete process.env.VIMMERSE_API_KEY;
  delete process.env.DATABASE_URL;
  const { getDb, closeDb } = await import("@/lib/db");
  const q = await import("@/lib/db/queries");
  const { stepAttempts } = await import("@/lib/db/schema");
  const { runSweep } = await import("@/lib/stories/sweep");
  const { runStep } = await import("@/lib/stories/steps");
  const { refreshStory } = await import("@/lib/stories/service");
  const { STAGE_MAX_MS, isActive, PERMANENT_REFRESH_FAILURE_LIMIT } = await import("@/lib/stories/stages");
  const { vimmerse } = await import("@/lib/vimmerse/client");
  const db = await getDb();
  const fault = (spec: object) =>
    fetch(`${sim.url}/__sim/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(spec) });
  const clearFaults = () => fetch(`${sim.url}/__sim/faults`, { method: "DELETE" });

  async function readyStory() {
    const created = await vimmerse().createStoryboard({ idea: "A lighthouse keeper adopts a seal", scene_count: 2 });
    let s = await vimmerse().getStory(created.id);
    while (s.status === "processing" || !s.storyboard?.scenes.length) {
      await new Promise((r) => setTimeout(r, 50));
      s = await vimmerse().getStory(created.id);
    }
    return q.createStory(db, { mode: "advanced", title: "audit", storyboard: s.storyboard!, status: "ready", vimmerseId: created.id });
  }

  const results: { case: string; status: string; message: string; ok: boolean }[] = [];
  const record = async (name: string, id: string) => {
    const row = (await q.getStory(db, id))!;
    const message = row.error?.message ?? "";
    results.push({ case: name, status: `${row.stage}/${row.status}`, message, ok: !isActive(row.status) && message.length > 0 });
  };

  // (a) A send whose process was killed: "sending" attempt older than the timeout, no answer ever recorded.
  const a = await q.createStory(db, { mode: "advanced", idea: "killed", status: "submitting" });
  const { attempt } = await q.beginAttempt(db, { storyId: a.id, step: "storyboard", idempotencyKey: `audit-a-${a.id}` });
  await db.update(stepAttempts).set({ createdAt: new Date(Date.now() - 10 * 60_000) }).where(eq(stepAttempts.id, attempt.id));
  await runSweep();
  await record("(a) killed during a paid POST", a.id);

  // (b) concat accepted with an empty body, no new video ever.
  const b = await readyStory();
  await q.updateStory(db, b.id, { videoUrl: "https://media.example/old.webm", stage: "videos", status: "done" });
  await fault({ method: "POST", path: "/story/*/concat", status: 200, body: {} });
  await runStep({ step: "concat", storyId: b.id, requestId: crypto.randomUUID(), options: {} });
  await runSweep();
  const b1 = (await q.getStory(db, b.id))!;
  console.log(`(b) after the concat: ${b1.stage}/${b1.status} ${b1.progress} %`);
  await runSweep({ now: new Date(Date.now() + STAGE_MAX_MS.concat + 60_000) });
  await record("(b) concat with an empty body", b.id);
  await clearFaults();

  // (c) permanent 401 on GET.
  const c = await readyStory();
  await q.updateStory(db, c.id, { stage: "elements", status: "generating", stageStartedAt: new Date() });
  await fault({ method: "GET", path: "/story/*", status: 401, times: 0 });
  for (let i = 0; i < PERMANENT_REFRESH_FAILURE_LIMIT; i++) await refreshStory(c.id, { force: true });
  await record("(c) permanent 401 on GET", c.id);
  await clearFaults();

  for (const r of results) console.log(`${r.ok ? "PASS" : "FAIL"} ${r.case}: ${r.status} - ${r.message}`);
  await closeDb();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
