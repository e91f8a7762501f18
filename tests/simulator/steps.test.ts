import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "@/lib/simulator";
import { client, control, startTestSimulator, waitFor, waitForStatus, type Client } from "./helpers";

let sim: RunningSimulator;
let api: Client;

beforeAll(async () => {
  sim = await startTestSimulator({ timeScale: 0.05 });
  api = client(sim);
});
afterAll(() => sim.close());
beforeEach(() => control(sim, "POST", "/reset"));

const IDEA = "Create a promotional video where cute animals play musical instruments.";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function storyboardReady(fields: Record<string, unknown> = {}): Promise<any> {
  const r = await api.form("/story", { idea: IDEA, scene_count: 3, ...fields });
  expect(r.status).toBe(200);
  return waitForStatus(api, r.body.data.id, "new");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function scenesReady(fields: Record<string, unknown> = {}): Promise<any> {
  const s = await storyboardReady(fields);
  const r = await api.form(`/story/${s.id}/scenes`, { aspect_ratio: "16:9", option: "Seedream", seed: "4669" });
  expect(r.status).toBe(200);
  return waitForStatus(api, s.id, "new");
}

describe("POST /story/{id}/elements (step 1.5)", () => {
  it("gives an image to every element without one and keeps those that have one", async () => {
    const s = await storyboardReady();
    const sb = structuredClone(s.storyboard);
    sb.characters[0].image_url = "https://example.com/mine.png";
    const r = await api.form(`/story/${s.id}/elements`, { aspect_ratio: "1:1", option: "FluxTurbo", seed: 4669, storyboard: sb });
    expect(r.status).toBe(200);
    expect(r.body.data.status).toBe("processing");
    const done = await waitForStatus(api, s.id, "new");
    expect(done.progress_percentage).toBe(100);
    expect(done.storyboard.characters[0].image_url).toBe("https://example.com/mine.png");
    const generated = [...done.storyboard.characters.slice(1), ...done.storyboard.environments, ...done.storyboard.objects];
    expect(generated.length).toBeGreaterThan(0);
    for (const el of generated) expect(el.image_url).toMatch(new RegExp(`^${sim.url}/media/images/[\\w]+\\.svg\\?ar=1%3A1&`));
    expect(done.storyboard.music.music_url).toMatch(/\/media\/audio\/music-\w+\.wav$/);
    // scenes are untouched by this step
    for (const sc of done.storyboard.scenes) expect(sc.image_url).toBeUndefined();
    expect(done.used_credits).toBeGreaterThan(s.used_credits);
  });

  it("does not add music when the story's background music is off", async () => {
    const s = await storyboardReady({ audio_option: { has_bg_music: false, has_narration: true } });
    await api.form(`/story/${s.id}/elements`, {});
    const done = await waitForStatus(api, s.id, "new");
    expect(done.storyboard.music.music_url).toBeUndefined();
  });
});

describe("POST /story/{id}/scenes (step 2)", () => {
  it("fills scene images, narrations and music", async () => {
    const done = await scenesReady();
    for (const sc of done.storyboard.scenes) {
      expect(sc.image_url).toMatch(/\/media\/images\/\w+\.svg\?/);
      expect(sc.narration_url).toMatch(/\/media\/audio\/narration-\w+\.wav$/);
    }
    expect(done.storyboard.music.music_url).toMatch(/\/media\/audio\/music-\w+\.wav$/);
    expect(done.audio_urls).toEqual([done.storyboard.music.music_url]);
  });

  it("fills only what is missing: regenerating one scene keeps the others", async () => {
    const first = await scenesReady();
    const sb = structuredClone(first.storyboard);
    const before = sb.scenes.map((sc: { image_url: string }) => sc.image_url);
    delete sb.scenes[1].image_url;
    sb.scenes[1].image_description += " Now at night.";
    const r = await api.form(`/story/${first.id}/scenes`, { storyboard: JSON.stringify(sb) });
    expect(r.status).toBe(200);
    const done = await waitForStatus(api, first.id, "new");
    const after = done.storyboard.scenes.map((sc: { image_url: string }) => sc.image_url);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).toBeTruthy();
    expect(after[1]).not.toBe(before[1]);
    expect(done.storyboard.scenes[1].narration_url).toBe(first.storyboard.scenes[1].narration_url);
    expect(done.storyboard.scenes[1].image_description).toMatch(/Now at night\.$/);
  });

  it("no narrations when audio_option turns narration off (native audio)", async () => {
    const s = await storyboardReady();
    await api.form(`/story/${s.id}/scenes`, { audio_option: { native_audio: true, has_narration: true } });
    const done = await waitForStatus(api, s.id, "new");
    expect(done.audio_option).toMatchObject({ native_audio: true, has_narration: false });
    for (const sc of done.storyboard.scenes) expect(sc.narration_url).toBeUndefined();
  });

  it("400 when there is no storyboard to work on", async () => {
    const s = await storyboardReady();
    const r = await api.form(`/story/${s.id}/scenes`, { storyboard: { characters: [], environments: [], objects: [], scenes: [] } });
    expect(r).toMatchObject({ status: 400, body: { message: "BAD_REQUEST" } });
  });
});

describe("POST /story/{id}/videos (step 3) and concat", () => {
  it("moves medias to finished_medias over time, then composes the video", async () => {
    const s = await scenesReady();
    await control(sim, "DELETE", "/requests");
    const r = await api.form(`/story/${s.id}/videos`, { title: "Example story from vimmerse", motion_type: "KlingAI", duration: 6, loop: 2, is_transition: "Yes" });
    expect(r.status).toBe(200);
    const started = r.body.data;
    expect(started.status).toBe("processing");
    expect(started.medias).toHaveLength(3);
    for (const m of started.medias) {
      expect(m).toMatchObject({ media_id: expect.any(String), item: expect.stringMatching(/^\w{4}-\d{7}$/), status: "processing" });
      expect(m.source).toEqual({ image_url: expect.any(String), prompt: expect.stringMatching(/^camera motion:/), narration_url: expect.any(String) });
    }
    expect(started.scenes).toHaveLength(3);
    expect(started.title).toBe("Example story from vimmerse");
    expect(started.is_transition).toBe(true);
    expect(started.pose_preset[0]).toMatchObject({ motion_type: "KlingAI", motion_length: 6, loop: 2 });
    expect(started.video_url).toBe("");

    // Scene videos finish one by one while the story is still processing.
    const partial = await waitFor(async () => {
      const d = (await api.get(`/story/${s.id}`)).body.data;
      return d.status === "processing" && d.finished_medias.length > 0 ? d : undefined;
    }, "a first finished scene video");
    expect(partial.video_url).toBe("");

    const done = await waitForStatus(api, s.id, "success");
    expect(done.progress_percentage).toBe(100);
    expect(done.video_url).toMatch(new RegExp(`^${sim.url}/media/video/[\\w-]+\\.webm$`));
    expect(done.finished_medias).toHaveLength(3);
    expect(done.failed_medias).toHaveLength(0);
    for (const m of done.finished_medias) {
      expect(m.status).toBe("success");
      expect(m.video_url).toMatch(/\.webm$/);
      expect(m.duration).toBeGreaterThan(0);
    }
    expect(done.medias.every((m: { status: string }) => m.status === "success")).toBe(true);

    const log = (await control(sim, "GET", "/requests")).body;
    expect(log.filter((e: { method: string; path: string }) => e.method === "POST" && e.path === `/story/${s.id}/videos`)).toHaveLength(1);

    // concat re-composes: processing, then a new, distinct video_url
    const c = await api.raw("POST", `/story/${s.id}/concat`);
    expect(c.status).toBe(200);
    expect(c.body.data.status).toBe("processing");
    const composed = await waitForStatus(api, s.id, "success");
    expect(composed.video_url).toMatch(/\.webm$/);
    expect(composed.video_url).not.toBe(done.video_url);
  });

  it("uses a posted storyboard and scenes; 400 when a scene has no image", async () => {
    const s = await storyboardReady();
    const noImages = await api.form(`/story/${s.id}/videos`, {});
    expect(noImages).toMatchObject({ status: 400, body: { message: "BAD_REQUEST" } });
    const scenes = [
      { image_url: "https://example.com/a.png", prompt: "camera motion:zoom in, camera angle:eye level, A." },
      { image_url: "https://example.com/b.png", prompt: "camera motion:tilt up, camera angle:low angle, B." },
    ];
    const r = await api.json(`/story/${s.id}/videos`, { scenes, motion_type: "Auto" });
    expect(r.status).toBe(200);
    expect(r.body.data.medias.map((m: { source: { image_url: string } }) => m.source.image_url)).toEqual(["https://example.com/a.png", "https://example.com/b.png"]);
    const done = await waitForStatus(api, s.id, "success");
    expect(done.finished_medias).toHaveLength(2);
  });

  it("failScenes: those scenes end in failed_medias with a reason; failStory: the step ends in fail", async () => {
    const s = await scenesReady();
    const f = await control(sim, "POST", "/faults", { method: "POST", path: "/story/*/videos", failScenes: [1] });
    expect(f.body.id).toBeTruthy();
    await api.form(`/story/${s.id}/videos`, {});
    const done = await waitForStatus(api, s.id, ["success", "fail"]);
    expect(done.status).toBe("success");
    expect(done.failed_medias).toHaveLength(1);
    expect(done.failed_medias[0]).toMatchObject({ item: expect.stringMatching(/-0000002$/), status: "fail", reason: expect.any(String) });
    expect(done.finished_medias).toHaveLength(2);
    expect(done.message).toMatch(/1 of 3/);

    await control(sim, "POST", "/faults", { path: "/story/*/videos", failStory: true });
    await api.form(`/story/${s.id}/videos`, {});
    const failed = await waitForStatus(api, s.id, ["success", "fail"]);
    expect(failed.status).toBe("fail");
    expect(failed.message).toBeTruthy();
    expect(failed.video_url).toBe("");

    await control(sim, "POST", "/faults", { path: "/story/*/videos", failScenes: [0, 1, 2] });
    await api.form(`/story/${s.id}/videos`, {});
    const allFailed = await waitForStatus(api, s.id, ["success", "fail"]);
    expect(allFailed.status).toBe("fail");
    expect(allFailed.failed_medias).toHaveLength(3);
  });

  it("concat needs scene videos (400) and accepts concat_video_urls / audio_urls", async () => {
    const s = await storyboardReady();
    expect((await api.raw("POST", `/story/${s.id}/concat`)).status).toBe(400);
    const r = await api.form(`/story/${s.id}/concat`, { concat_video_urls: ["https://example.com/1.mp4", "https://example.com/2.mp4"], audio_urls: ["https://example.com/m.mp3"] });
    expect(r.status).toBe(200);
    const done = await waitForStatus(api, s.id, "success");
    expect(done.video_url).toMatch(/\.webm$/);
    expect(done.audio_urls).toEqual(["https://example.com/m.mp3"]);
  });
});

describe("automatic endpoints", () => {
  it("idea-2-video (JSON body) runs storyboard, elements, scenes and videos to success", async () => {
    const r = await api.json("/story/idea-2-video", {
      idea: "Create a promotional video where cute animals play musical instruments.",
      title: "Example Story",
      aspect_ratio: "9:16",
      scene_count: 4,
      audio_option: { has_bg_music: true, has_narration: true, native_audio: false, narrator: "Aria" },
      elements: { objects: [{ name: "logo", description: "logo of vimmerse", image_url: "https://www.vimmerse.net/Vimmerse-logo.png" }] },
      language: "English",
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ status: "processing", title: "Example Story", narrator: "Aria" });
    expect(r.body.data.progress_percentage).toBeLessThan(5);
    const done = await waitForStatus(api, r.body.data.id, ["success", "fail"], 30_000);
    expect(done.status).toBe("success");
    expect(done.storyboard.scenes).toHaveLength(4);
    expect(done.storyboard.objects[0].image_url).toBe("https://www.vimmerse.net/Vimmerse-logo.png");
    expect(done.storyboard.characters.every((c: { image_url?: string }) => !!c.image_url)).toBe(true);
    expect(done.storyboard.scenes.every((sc: { image_url?: string; narration_url?: string }) => sc.image_url && sc.narration_url)).toBe(true);
    expect(done.finished_medias).toHaveLength(4);
    expect(done.video_url).toMatch(/-9x16\.webm$/);
    expect(done.submit_params.aspect_ratio).toBe("9:16");
  });

  it("images-2-video (form) uses the images as scenes", async () => {
    const urls = ["https://example.com/landscape1.png", "https://example.com/landscape2.png"];
    const r = await api.form("/story/images-2-video", {
      idea: "Create a promotional video showcasing these beautiful landscapes with a cinematic style.",
      title: "Landscape Video",
      image_urls: urls,
      motion_type: "KlingAI",
      has_narration: "False",
      audio_option: JSON.stringify({ has_bg_music: true }),
    });
    expect(r.status).toBe(200);
    const done = await waitForStatus(api, r.body.data.id, "success", 30_000);
    expect(done.image_urls).toEqual(urls);
    expect(done.storyboard.scenes.map((sc: { image_url: string }) => sc.image_url)).toEqual(urls);
    expect(done.audio_option.has_narration).toBe(false);
    expect(done.storyboard.scenes.every((sc: { narration_url?: string }) => !sc.narration_url)).toBe(true);
    expect(done.finished_medias.map((m: { source: { image_url: string } }) => m.source.image_url)).toEqual(urls);
    expect(done.pose_preset[0].motion_type).toBe("KlingAI");
    expect(done.image_prompts).toHaveLength(2);
  });
});

describe("webhooks", () => {
  it("POSTs {customer_id, batch_id, status} when a step ends, retries once on failure, and can be re-sent", async () => {
    const received: Array<{ body: unknown; at: number }> = [];
    let failFirst = true;
    const hook = http.createServer((req, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        received.push({ body: JSON.parse(data), at: Date.now() });
        res.writeHead(failFirst ? 500 : 200).end();
        failFirst = false;
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhook_callback`;
    try {
      const r = await api.json("/story/idea-2-video", { idea: "A robot explores space", scene_count: 2, webhook_url: hookUrl });
      const id = r.body.data.id;
      // nobody polls: the simulator's own timer ends the job and calls the webhook (then retries the 500)
      await waitFor(async () => received.length >= 2, "webhook delivery and retry", 30_000);
      expect(received[0].body).toEqual({ customer_id: r.body.data.customer_id, batch_id: id, status: "success" });
      expect(received[1].body).toEqual(received[0].body);
      expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(50);
      expect((await api.get(`/story/${id}`)).body.data.status).toBe("success");

      const again = await control(sim, "POST", `/stories/${id}/webhook`);
      expect(again.body.ok).toBe(true);
      expect(received).toHaveLength(3);
      const deliveries = (await control(sim, "GET", "/webhooks")).body;
      expect(deliveries.map((d: { status: number }) => d.status)).toEqual([500, 200, 200]);
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it("reports a failed step as status fail", async () => {
    const received: unknown[] = [];
    const hook = http.createServer((req, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        received.push(JSON.parse(data));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    try {
      const s = await scenesReady();
      await control(sim, "POST", "/faults", { path: "/story/*/videos", failStory: true });
      await api.form(`/story/${s.id}/videos`, { webhook_url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/x` });
      await waitFor(async () => received.length === 1, "webhook");
      expect(received[0]).toMatchObject({ batch_id: s.id, status: "fail" });
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });
  it("a WEBHOOK fault loses the delivery of the matching URL only (never sent, never retried, logged as lost)", async () => {
    const received: string[] = [];
    const hook = http.createServer((req, res) => {
      received.push(req.url ?? "");
      req.resume();
      req.on("end", () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
    try {
      const bad = await control(sim, "POST", "/faults", { method: "WEBHOOK", status: 500 });
      expect(bad.status).toBe(400);
      await control(sim, "POST", "/faults", { method: "WEBHOOK", path: "/hooks/lost/*", drop: true, times: 0 });
      // An ordinary request to the API is not affected by a WEBHOOK fault.
      const lost = await api.json("/story/idea-2-video", { idea: "A lost letter", scene_count: 2, webhook_url: `${base}/hooks/lost/secret` });
      expect(lost.status).toBe(200);
      const kept = await api.json("/story/idea-2-video", { idea: "A found letter", scene_count: 2, webhook_url: `${base}/hooks/kept/secret` });
      await waitFor(async () => received.length === 1, "the other story's webhook", 30_000);
      await waitFor(async () => (await control(sim, "GET", "/webhooks")).body.length === 2, "both deliveries logged", 30_000);
      expect(received).toEqual(["/hooks/kept/secret"]);
      const deliveries = (await control(sim, "GET", "/webhooks")).body as { url: string; ok: boolean; lost?: boolean }[];
      expect(deliveries.find((d) => d.url.includes("/lost/"))).toMatchObject({ ok: false, lost: true });
      expect(deliveries.find((d) => d.url.includes("/kept/"))).toMatchObject({ ok: true });
      expect((await api.get(`/story/${lost.body.data.id}`)).body.data.status).toBe("success");
      expect((await api.get(`/story/${kept.body.data.id}`)).body.data.status).toBe("success");
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });
});

describe("control API", () => {
  it("lists stories, fast-forwards a step and changes the time scale", async () => {
    const r = await api.form("/story", { idea: IDEA });
    const id = r.body.data.id;
    await control(sim, "POST", "/config", { timeScale: 100 });
    expect((await api.get(`/story/${id}`)).body.data.status).toBe("processing");
    const list = (await control(sim, "GET", "/stories")).body;
    expect(list).toEqual([expect.objectContaining({ id, status: "processing", step: "storyboard" })]);
    const completed = await control(sim, "POST", `/stories/${id}/complete`);
    expect(completed.body.data.status).toBe("new");
    expect((await control(sim, "POST", "/config", { timeScale: 0.05 })).body.timeScale).toBe(0.05);
    expect((await control(sim, "GET", "/health")).body).toEqual({ ok: true });
  });
});
