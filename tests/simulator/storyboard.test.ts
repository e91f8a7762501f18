import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "@/lib/simulator";
import { KEY, PNG_1x1, STORY_FIELDS, client, control, startTestSimulator, waitFor, waitForStatus, type Client } from "./helpers";

let sim: RunningSimulator;
let api: Client;

beforeAll(async () => {
  sim = await startTestSimulator({ timeScale: 0.1 });
  api = client(sim);
});
afterAll(() => sim.close());
beforeEach(() => control(sim, "POST", "/reset"));

const IDEA = "Create a promotional video where cute animals play musical instruments.";

describe("POST /story (step 1, storyboard)", () => {
  it("accepts form fields and answers {data: Story} in processing, with every documented field", async () => {
    const r = await api.form("/story", {
      idea: IDEA,
      scene_count: 4,
      title: "Example Story",
      language: "English",
      audio_option: '{"has_bg_music": True, "has_narration": True, "native_audio": False, "narrator": "Rachel"}',
    });
    expect(r.status).toBe(200);
    const s = r.body.data;
    for (const field of STORY_FIELDS) expect(s, field).toHaveProperty(field);
    expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(s.status).toBe("processing");
    expect(s.progress_percentage).toBeLessThan(20);
    expect(s.idea).toBe(IDEA);
    expect(s.title).toBe("Example Story");
    expect(s.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(s.audio_option).toEqual({ has_bg_music: true, has_narration: true, native_audio: false, narrator: "Rachel" });
    expect(s.submit_params.aspect_ratio).toBe("16:9");
    expect(s.pose_preset[0]).toMatchObject({ motion_type: "Auto", loop: 1 });
  });

  it("shows progress rising while processing, then the storyboard with the requested scene count", async () => {
    const created = await api.form("/story", { idea: IDEA, scene_count: 4 });
    const id = created.body.data.id;
    const seen: number[] = [];
    const done = await waitFor(async () => {
      const s = (await api.get(`/story/${id}`)).body.data;
      if (s.status === "processing") {
        seen.push(s.progress_percentage);
        expect(s.storyboard).toEqual({});
      }
      return s.status === "new" ? s : undefined;
    }, "storyboard");
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(Math.max(...seen)).toBeGreaterThan(0);
    expect(done.progress_percentage).toBe(100);

    const sb = done.storyboard;
    expect(sb.scenes).toHaveLength(4);
    expect(sb.characters.length).toBeGreaterThanOrEqual(2);
    expect(sb.environments.length).toBeGreaterThanOrEqual(1);
    expect(sb.objects.length).toBeGreaterThanOrEqual(1);
    expect(sb.music.description).toBeTruthy();
    expect(sb.music.lyrics).toBeTruthy();
    expect(sb.title_scene.title).toBeTruthy();
    for (const el of [...sb.characters, ...sb.environments, ...sb.objects]) {
      expect(el.description.startsWith("Style:")).toBe(true);
      // every element is mentioned as **Name** somewhere
      expect(sb.scenes.some((sc: { image_description: string }) => sc.image_description.includes(`**${el.name}**`)), el.name).toBe(true);
    }
    for (const sc of sb.scenes) {
      expect(sc.name).toBeTruthy();
      expect(sc.image_description).toMatch(/^lighting:.+, style:/);
      expect(sc.video_description).toMatch(/^camera motion:.+, camera angle:/);
      expect(sc.narrator.length).toBeGreaterThan(10);
      expect(sc.image_url).toBeUndefined();
    }
    // musical animals: instruments among the objects
    expect(sb.objects.map((o: { name: string }) => o.name).join(" ")).toMatch(/Guitar|Drum|Flute|Piano|Violin|Trumpet|Saxophone|Harp|Ukulele|Xylophone|Banjo|Accordion|Tambourine|Trombone|Clarinet/);
  });

  it("keeps initial elements verbatim (with image_url) and mentions them in scenes", async () => {
    const elements = {
      objects: [{ name: "logo", description: "logo of vimmerse", image_url: "https://www.vimmerse.net/Vimmerse-logo.png" }],
      characters: [{ name: "Captain Nova", description: "A brave fox pilot", image_url: "https://example.com/nova.png", extra: 1 }],
    };
    const created = await api.form("/story", { idea: "A fox pilot flies over the city", scene_count: 3, elements });
    const s = await waitForStatus(api, created.body.data.id, "new");
    expect(s.storyboard.objects[0]).toEqual(elements.objects[0]);
    expect(s.storyboard.characters[0]).toEqual(elements.characters[0]);
    const text = s.storyboard.scenes.map((sc: { image_description: string }) => sc.image_description).join("\n");
    expect(text).toContain("**logo**");
    expect(text).toContain("**Captain Nova**");
  });

  it("with image_urls, makes one scene per image, each with that image", async () => {
    const urls = ["https://example.com/1.png", "https://example.com/2.png", "https://example.com/3.png", "https://example.com/4.png", "https://example.com/5.png"];
    const created = await api.form("/story", { idea: IDEA, title: "Example Story", image_urls: urls, scene_count: 2 });
    expect(created.status).toBe(200);
    const s = await waitForStatus(api, created.body.data.id, "new");
    expect(s.storyboard.scenes.map((sc: { image_url: string }) => sc.image_url)).toEqual(urls);
    expect(s.image_urls).toEqual(urls);
    expect(s.image_prompts).toHaveLength(5);
  });

  it("accepts multipart with image_files (files win over urls) and serves the uploads back", async () => {
    const form = new FormData();
    form.append("idea", "Make a stunning video of these photos");
    form.append("image_urls", "https://example.com/ignored.png");
    form.append("image_files", new Blob([PNG_1x1], { type: "image/png" }), "one.png");
    form.append("image_files", new Blob([PNG_1x1], { type: "image/png" }), "two.png");
    const created = await api.multipart("/story", form);
    expect(created.status).toBe(200);
    const s = await waitForStatus(api, created.body.data.id, "new");
    const images: string[] = s.storyboard.scenes.map((sc: { image_url: string }) => sc.image_url);
    expect(images).toHaveLength(2);
    for (const url of images) {
      expect(url.startsWith(`${sim.url}/media/uploads/`)).toBe(true);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG_1x1)).toBe(true);
    }
    const log = (await control(sim, "GET", "/requests")).body;
    expect(log.find((e: { method: string; path: string }) => e.method === "POST" && e.path === "/story").files).toEqual([
      { field: "image_files", name: "one.png", type: "image/png", size: PNG_1x1.length },
      { field: "image_files", name: "two.png", type: "image/png", size: PNG_1x1.length },
    ]);
  });

  it("refuses uploads that are not images with 400 BAD_REQUEST", async () => {
    const form = new FormData();
    form.append("idea", "photos");
    form.append("image_files", new Blob(["hello, not an image"], { type: "text/plain" }), "notes.txt");
    const r = await api.multipart("/story", form);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: "BAD_REQUEST" });
  });

  it("accepts a JSON body with nested objects", async () => {
    const r = await api.json("/story", {
      idea: "A chef bakes a cake in a cozy kitchen",
      scene_count: 2,
      language: "Spanish",
      audio_option: { has_bg_music: false, has_narration: "True", native_audio: "No" },
      elements: { objects: [{ name: "Cake", description: "Style:cartoon, a big cake" }] },
    });
    expect(r.status).toBe(200);
    expect(r.body.data.audio_option).toMatchObject({ has_bg_music: false, has_narration: true, native_audio: false });
    const s = await waitForStatus(api, r.body.data.id, "new");
    expect(s.language).toBe("Spanish");
    expect(s.storyboard.scenes).toHaveLength(2);
    expect(s.storyboard.objects[0]).toEqual({ name: "Cake", description: "Style:cartoon, a big cake" });
  });

  it("writes narration and lyrics in the requested language", async () => {
    const texts: Record<string, string> = {};
    for (const language of ["English", "Spanish", "French", "German"]) {
      const r = await api.form("/story", { idea: "A little fox explores the forest", scene_count: 3, language });
      const s = await waitForStatus(api, r.body.data.id, "new");
      texts[language] = s.storyboard.scenes.map((sc: { narrator: string }) => sc.narrator).join(" ") + " " + s.storyboard.music.lyrics;
    }
    expect(texts.English).toMatch(/\b(the|and|with|in)\b/);
    expect(texts.Spanish).toMatch(/\b(el|la|de|en|y|con)\b/);
    expect(texts.French).toMatch(/\b(le|la|de|et|dans|avec)\b|d'/);
    expect(texts.German).toMatch(/\b(die|der|und|mit|in)\b/);
    expect(new Set(Object.values(texts)).size).toBe(4);
  });

  it("is deterministic for the same idea", async () => {
    const a = await api.form("/story", { idea: "Two penguins surf at the beach", scene_count: 3 });
    const b = await api.form("/story", { idea: "Two penguins surf at the beach", scene_count: 3 });
    const sa = await waitForStatus(api, a.body.data.id, "new");
    const sb = await waitForStatus(api, b.body.data.id, "new");
    expect(sa.storyboard).toEqual(sb.storyboard);
    expect(JSON.stringify(sa.storyboard)).toMatch(/penguin/i);
    expect(sa.storyboard.environments.map((e: { name: string }) => e.name)).toContain("Sunny Beach");
  });

  it("continues an existing story with story_id (regenerates its storyboard)", async () => {
    const a = await api.form("/story", { idea: "A knight and a dragon", scene_count: 2 });
    const first = await waitForStatus(api, a.body.data.id, "new");
    const b = await api.form("/story", { story_id: first.id, idea: "A robot explores space", scene_count: 3 });
    expect(b.status).toBe(200);
    expect(b.body.data.id).toBe(first.id);
    const second = await waitForStatus(api, first.id, "new");
    expect(second.storyboard.scenes).toHaveLength(3);
    expect(second.idea).toBe("A robot explores space");
    expect((await api.form("/story", { story_id: "00000000-0000-0000-0000-000000000000", idea: "x" })).status).toBe(404);
  });
});

describe("validation and errors", () => {
  it("422 for a missing idea, like FastAPI", async () => {
    const r = await api.form("/story", { scene_count: 3 });
    expect(r.status).toBe(422);
    expect(r.body.detail[0]).toMatchObject({ loc: ["body", "idea"], msg: "Field required", type: "missing" });
    const auto = await api.json("/story/idea-2-video", { title: "no idea" });
    expect(auto.status).toBe(422);
    expect(auto.body.detail[0]).toMatchObject({ loc: ["body", "idea"], type: "missing" });
  });

  it("422 for out-of-range numbers, unknown enumerations and malformed nested JSON", async () => {
    const r = await api.form("/story/images-2-video", {
      image_urls: ["https://example.com/a.png"],
      duration: 11,
      loop: 0,
      aspect_ratio: "21:9",
      motion_type: "Warp",
      narrator: "Nobody",
      audio_option: "{not json",
    });
    expect(r.status).toBe(422);
    const byField = Object.fromEntries(r.body.detail.map((d: { loc: string[] }) => [d.loc.slice(1).join("."), d]));
    expect(byField.duration).toMatchObject({ loc: ["body", "duration"], msg: "Input should be less than or equal to 10", type: "less_than_equal" });
    expect(byField.loop).toMatchObject({ msg: "Input should be greater than or equal to 1", type: "greater_than_equal" });
    expect(byField.aspect_ratio.type).toBe("enum");
    expect(byField.motion_type.type).toBe("enum");
    expect(byField.narrator.type).toBe("enum");
    expect(byField.audio_option.type).toBe("json_invalid");
    expect((await api.form("/story", { idea: "x", scene_count: 0 })).body.detail[0]).toMatchObject({ loc: ["body", "scene_count"], type: "greater_than_equal" });
    expect((await api.form("/story", { idea: "x", scene_count: "many" })).body.detail[0]).toMatchObject({ type: "int_parsing" });
  });

  it("422 for images-2-video with neither files nor urls", async () => {
    const r = await api.form("/story/images-2-video", { idea: "photos" });
    expect(r.status).toBe(422);
    expect(r.body.detail[0]).toMatchObject({ loc: ["body", "image_urls"], type: "too_short" });
  });

  it("422 for a malformed JSON body", async () => {
    const r = await api.raw("POST", "/story", "{oops", { "Content-Type": "application/json" });
    expect(r.status).toBe(422);
    expect(r.body.detail[0].type).toBe("json_invalid");
  });

  it("401 without an API key; 404 for unknown stories and paths", async () => {
    const anonymous = client(sim, null);
    expect(await anonymous.form("/story", { idea: "x" })).toMatchObject({ status: 401, body: { message: "UNAUTHORIZED" } });
    expect(await api.get("/story/6f1c9a52-0000-4000-8000-000000000000")).toMatchObject({ status: 404, body: { message: "NOT_FOUND" } });
    expect(await api.form("/story/nope/scenes", {})).toMatchObject({ status: 404, body: { message: "NOT_FOUND" } });
    expect(await api.get("/nothing/here")).toMatchObject({ status: 404, body: { message: "NOT_FOUND" } });
  });

  it("401 for a wrong key when the simulator is started with apiKey", async () => {
    const strict = await startTestSimulator({ apiKey: "secret" });
    try {
      expect((await client(strict, "wrong").form("/story", { idea: "x" })).status).toBe(401);
      expect((await client(strict, "secret").form("/story", { idea: "x" })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it("402 INSUFFICIENT_CREDIT when the balance is below the step's cost", async () => {
    await control(sim, "POST", "/config", { credits: 1 });
    const r = await api.form("/story", { idea: IDEA });
    expect(r).toMatchObject({ status: 402, body: { message: "INSUFFICIENT_CREDIT" } });
    await control(sim, "POST", "/config", { credits: 100 });
    const ok = await api.form("/story", { idea: IDEA });
    expect(ok.status).toBe(200);
    expect(ok.body.data.used_credits).toBeGreaterThan(0);
    expect((await control(sim, "GET", "/config")).body.credits).toBe(100 - ok.body.data.used_credits);
  });

  it("400 for a step posted while the story is still processing", async () => {
    const created = await api.form("/story", { idea: IDEA });
    const again = await api.form(`/story/${created.body.data.id}/scenes`, {});
    expect(again).toMatchObject({ status: 400, body: { message: "BAD_REQUEST" } });
  });

  it("PUT updates title/description/visibility; DELETE removes the story", async () => {
    const created = await api.form("/story", { idea: IDEA });
    const id = created.body.data.id;
    const put = await api.form(`/story/${id}`, { title: "New title", description: "About", visibility_status: "2" }, "PUT");
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ title: "New title", description: "About", visibility_status: "2" });
    expect((await api.form(`/story/${id}`, { visibility_status: "7" }, "PUT")).status).toBe(422);
    expect((await api.del(`/story/${id}`)).status).toBe(200);
    expect((await api.get(`/story/${id}`)).status).toBe(404);
  });

  it("logs every API request with its fields and key", async () => {
    await control(sim, "DELETE", "/requests");
    await api.form("/story", { idea: "logged idea", image_urls: ["https://a/1.png", "https://a/2.png"] });
    const log = (await control(sim, "GET", "/requests")).body;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      method: "POST",
      path: "/story",
      contentType: expect.stringContaining("application/x-www-form-urlencoded"),
      apiKey: KEY,
      fields: { idea: "logged idea", image_urls: ["https://a/1.png", "https://a/2.png"] },
      files: [],
      status: 200,
    });
  });
});
