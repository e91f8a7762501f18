import type { RunningSimulator } from "@/lib/simulator";

/** Helpers for the lifecycle tests: stories in a given state against a running simulator, and its control API. */

export async function sim(s: RunningSimulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${s.url}/__sim${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

export async function fault(s: RunningSimulator, spec: Record<string, unknown>) {
  return sim(s, "POST", "/faults", spec);
}

/** Requests the simulator received, e.g. countRequests(s, "POST", /\/elements$/). */
export async function countRequests(s: RunningSimulator, method: string, path: RegExp): Promise<number> {
  const log = (await sim(s, "GET", "/requests")) as { method: string; path: string }[];
  return log.filter((r) => r.method === method && path.test(r.path)).length;
}

export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let v = await fn();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    v = await fn();
  }
  return v;
}

/** A story whose storyboard Vimmerse (the simulator) has written, stored as version 1, status ready. */
export async function readyStory(title = "Lifecycle") {
  const { getDb } = await import("@/lib/db");
  const q = await import("@/lib/db/queries");
  const { vimmerse } = await import("@/lib/vimmerse/client");
  const created = await vimmerse().createStoryboard({ idea: "A lighthouse keeper adopts a seal", scene_count: 2 });
  const upstream = await until(
    () => vimmerse().getStory(created.id),
    (s) => s.status !== "processing" && (s.storyboard?.scenes.length ?? 0) > 0,
  );
  const db = await getDb();
  return q.createStory(db, {
    mode: "advanced",
    title,
    idea: "A lighthouse keeper adopts a seal",
    storyboard: upstream.storyboard!,
    status: "ready",
    stage: "storyboard",
    vimmerseId: created.id,
  });
}
