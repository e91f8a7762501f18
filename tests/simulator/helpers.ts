import { startSimulator, type RunningSimulator, type SimulatorOptions } from "@/lib/simulator";

/** Test helpers: a simulator on an ephemeral port, a tiny client, and polling with a deadline. */

export const KEY = "test-key";

export async function startTestSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, timeScale: 0.05, ...opts });
}

export type Res<T = any> = { status: number; body: T; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

export function client(sim: { url: string }, apiKey: string | null = KEY) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(apiKey === null ? {} : { "X-Api-Key": apiKey }), ...extra });
  async function call(method: string, path: string, body?: BodyInit, extra: Record<string, string> = {}): Promise<Res> {
    const res = await fetch(`${sim.url}${path}`, { method, headers: headers(extra), body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  return {
    get: (path: string) => call("GET", path),
    del: (path: string) => call("DELETE", path),
    /** Form-encoded POST (the documented encoding). Arrays become repeated fields, objects JSON strings. */
    form: (path: string, fields: Record<string, unknown> = {}, method = "POST") => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) {
        if (Array.isArray(v)) for (const x of v) params.append(k, String(x));
        else if (v !== undefined) params.append(k, typeof v === "object" ? JSON.stringify(v) : String(v));
      }
      return call(method, path, params);
    },
    json: (path: string, body: unknown, method = "POST") => call(method, path, JSON.stringify(body), { "Content-Type": "application/json" }),
    multipart: (path: string, form: FormData) => call("POST", path, form),
    raw: call,
  };
}

export type Client = ReturnType<typeof client>;

export async function control(sim: { url: string }, method: string, path: string, body?: unknown): Promise<Res> {
  const res = await fetch(`${sim.url}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits until GET /story/{id} reports `status` (and returns the story). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitForStatus(api: Client, id: string, status: string | string[], timeoutMs = 15_000): Promise<any> {
  const wanted = Array.isArray(status) ? status : [status];
  return waitFor(
    async () => {
      const r = await api.get(`/story/${id}`);
      return r.status === 200 && wanted.includes(r.body.data.status) ? r.body.data : undefined;
    },
    `story ${id} to reach ${wanted.join("/")}`,
    timeoutMs,
  );
}

/** A minimal valid PNG (1x1, transparent). */
export const PNG_1x1 = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5b0000000049454e44ae426082",
  "hex",
);

export const STORY_FIELDS = [
  "id", "email", "manager_id", "customer_id", "is_highlights", "title", "description", "visibility_status", "idea",
  "storyboard", "scenes", "story_version", "message", "note", "feedback", "is_transition", "files", "medias",
  "finished_medias", "failed_medias", "image_urls", "image_prompts", "pose_preset", "submit_params",
  "progress_percentage", "status", "generate_type", "audio_option", "language", "narration_url", "used_credits",
  "version", "created_at", "updated_at", "show_title", "video_url", "audio_urls", "narrator",
];
