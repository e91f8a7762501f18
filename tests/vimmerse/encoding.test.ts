import { describe, expect, it } from "vitest";
import { WIRE_ENCODING, encodeRequest, endpointPath } from "@/lib/vimmerse/encoding";
import { IdeaToVideoInput } from "@/lib/vimmerse/inputs";
import type { Storyboard } from "@/lib/validation/storyboard";
import { API_KEY, BASE_URL, client, formOf } from "./helpers";

const FORM = "application/x-www-form-urlencoded";

const AUDIO = { has_bg_music: true, has_narration: true, native_audio: false, narrator: "Rachel" } as const;
const AUDIO_JSON = '{"has_bg_music":true,"has_narration":true,"native_audio":false,"narrator":"Rachel"}';

const FOUR_URLS = [
  "https://example.com/image1.png",
  "https://example.com/image2.png",
  "https://example.com/image3.png",
  "https://example.com/image4.png",
];

/** An editor storyboard; `age` stands for a field Vimmerse added that the editor keeps (loose objects). Items carry
 * our ids, which must never reach the wire. */
const BOARD = {
  characters: [{ id: "id-char-bunny", name: "Bunny", description: "A small rabbit", image_url: "https://example.com/bunny.png", age: 3 }],
  environments: [{ id: "id-env-forest", name: "Forest", description: "Sunny", image_url: "" }],
  objects: [],
  music: { description: "Whimsical", lyrics: "", music_url: "" },
  title_scene: { title: "Honey", description: "Golden letters" },
  scenes: [
    {
      id: "id-scene-one",
      name: "One",
      image_description: "**Bunny** in the **Forest**",
      video_description: "camera motion:dolly in, camera angle:eye level",
      narrator: "Once upon a time",
      image_url: "",
      narration_url: "https://example.com/n1.mp3",
    },
  ],
} as unknown as Storyboard;
/** What the wire carries: our ids and empty optional URLs removed, unknown fields kept. */
const WIRE_BOARD = {
  characters: [{ name: "Bunny", description: "A small rabbit", image_url: "https://example.com/bunny.png", age: 3 }],
  environments: [{ name: "Forest", description: "Sunny" }],
  objects: [],
  music: { description: "Whimsical", lyrics: "" },
  title_scene: { title: "Honey", description: "Golden letters" },
  scenes: [
    {
      name: "One",
      image_description: "**Bunny** in the **Forest**",
      video_description: "camera motion:dolly in, camera angle:eye level",
      narrator: "Once upon a time",
      narration_url: "https://example.com/n1.mp3",
    },
  ],
};

function fields(form: Map<string, FormDataEntryValue[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of form) out[k] = v.length === 1 ? String(v[0]) : v.map(String);
  return out;
}

function expectCommonHeaders(req: Request) {
  expect(req.headers.get("x-api-key")).toBe(API_KEY);
  expect(req.headers.get("accept")).toBe("application/json");
}

describe("the encoding table", () => {
  it("is form for every endpoint by default (the primary doc)", () => {
    expect(Object.values(WIRE_ENCODING).every((e) => e === "form")).toBe(true);
  });

  it("URL-encodes story ids into paths", () => {
    expect(endpointPath("generateVideos", "a/b c?d#e")).toBe("/story/a%2Fb%20c%3Fd%23e/videos");
    expect(endpointPath("getStory", "STORY_ID")).toBe("/story/STORY_ID");
    expect(endpointPath("createStoryboard")).toBe("/story");
  });

  it("encodeRequest: json for idea-2-video keeps nested values as objects", async () => {
    const params = IdeaToVideoInput.parse({ idea: "x", scene_count: 4, audio_option: AUDIO });
    const { body, contentType } = encodeRequest("ideaToVideo", params, "json");
    expect(contentType).toBe("application/json");
    expect(JSON.parse(body as string)).toEqual({ idea: "x", scene_count: 4, audio_option: AUDIO });
  });

  it("encodeRequest: concat without URLs is an empty body without content type", () => {
    expect(encodeRequest("concat", {})).toEqual({ body: undefined });
    expect(encodeRequest("concat", undefined)).toEqual({ body: undefined });
  });
});

describe("POST /story/idea-2-video", () => {
  it("sends the documented example as form fields", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.ideaToVideo({
      idea: "Create a promotional video where cute animals play musical instruments.",
      title: "Example Story",
      aspect_ratio: "9:16",
      scene_count: 3,
      audio_option: AUDIO,
      elements: {
        objects: [{ name: "logo", description: "logo of vimmerse", image_url: "https://www.vimmerse.net/Vimmerse-logo.png" }],
      },
      language: "English",
    });
    expect(calls).toHaveLength(1);
    const req = calls[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`${BASE_URL}/story/idea-2-video`);
    expectCommonHeaders(req);
    expect(req.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    expect(fields(await formOf(req))).toEqual({
      idea: "Create a promotional video where cute animals play musical instruments.",
      title: "Example Story",
      aspect_ratio: "9:16",
      scene_count: "3",
      audio_option: AUDIO_JSON,
      elements:
        '{"objects":[{"name":"logo","description":"logo of vimmerse","image_url":"https://www.vimmerse.net/Vimmerse-logo.png"}]}',
      language: "English",
    });
  });

  it("does not send fields the caller did not set", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.ideaToVideo({ idea: "Just an idea", webhook_url: "" });
    expect(await calls[0].text()).toBe("idea=Just+an+idea");
  });

  it("sends JSON when the endpoint is switched to json", async () => {
    const { vimmerse, calls } = client(undefined, { encodings: { ideaToVideo: "json" } });
    await vimmerse.ideaToVideo({
      idea: "Winter commercial",
      aspect_ratio: "9:16",
      scene_count: 5,
      audio_option: { has_bg_music: true, has_narration: true, native_audio: true },
      elements: { objects: [{ name: "Jar", description: "A jar" }] },
      is_transition: false,
      webhook_url: "https://app.example.com/api/webhook",
    });
    const req = calls[0];
    expect(req.headers.get("content-type")).toBe("application/json");
    expectCommonHeaders(req);
    expect(await req.json()).toEqual({
      idea: "Winter commercial",
      aspect_ratio: "9:16",
      scene_count: 5,
      audio_option: { has_bg_music: true, has_narration: false, native_audio: true },
      elements: { objects: [{ name: "Jar", description: "A jar" }] },
      is_transition: false,
      webhook_url: "https://app.example.com/api/webhook",
    });
  });
});

describe("POST /story/images-2-video", () => {
  it("repeats image_urls and encodes numbers and booleans as strings", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.imagesToVideo({
      idea: "Create a promotional video showcasing these beautiful landscapes with a cinematic style.",
      title: "Landscape Video",
      aspect_ratio: "16:9",
      image_urls: FOUR_URLS,
      motion_type: "KlingAI",
      duration: 5,
      loop: 1,
      is_transition: false,
      visibility_status: "1",
      audio_option: AUDIO,
    });
    const req = calls[0];
    expect(req.method).toBe("POST");
    expect(new URL(req.url).pathname).toBe("/story/images-2-video");
    expect(req.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    const form = await formOf(req);
    expect(form.get("image_urls")).toEqual(FOUR_URLS);
    expect(fields(form)).toEqual({
      idea: "Create a promotional video showcasing these beautiful landscapes with a cinematic style.",
      title: "Landscape Video",
      aspect_ratio: "16:9",
      image_urls: FOUR_URLS,
      motion_type: "KlingAI",
      duration: "5",
      loop: "1",
      is_transition: "false",
      visibility_status: "1",
      audio_option: AUDIO_JSON,
    });
  });

  it("uploads files as multipart image_files parts; urls are then not sent", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.imagesToVideo({
      idea: "Two pictures",
      image_urls: FOUR_URLS,
      image_files: [
        { name: "one.png", type: "image/png", data: new Blob([new Uint8Array([137, 80, 78, 71])]) },
        { name: "two.jpg", type: "image/jpeg", data: new Blob(["jpeg-bytes"], { type: "image/jpeg" }) },
      ],
      audio_option: AUDIO,
      is_transition: true,
    });
    const req = calls[0];
    expect(req.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expectCommonHeaders(req);
    const form = await formOf(req);
    expect(form.has("image_urls")).toBe(false);
    const files = form.get("image_files") as File[];
    expect(files).toHaveLength(2);
    expect(files.map((f) => f.name)).toEqual(["one.png", "two.jpg"]);
    expect(files.map((f) => f.type)).toEqual(["image/png", "image/jpeg"]);
    expect(new Uint8Array(await files[0].arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    expect(await files[1].text()).toBe("jpeg-bytes");
    expect(form.get("idea")).toEqual(["Two pictures"]);
    expect(form.get("audio_option")).toEqual([AUDIO_JSON]);
    expect(form.get("is_transition")).toEqual(["true"]);
  });

  it("switched to json: urls in a JSON array; files still go multipart", async () => {
    const { vimmerse, calls } = client(undefined, { encodings: { imagesToVideo: "json" } });
    await vimmerse.imagesToVideo({ image_urls: FOUR_URLS.slice(0, 2), scene_duration: 10, video_tool: "KlingAI" });
    expect(calls[0].headers.get("content-type")).toBe("application/json");
    expect(await calls[0].json()).toEqual({ image_urls: FOUR_URLS.slice(0, 2), scene_duration: 10, video_tool: "KlingAI" });

    await vimmerse.imagesToVideo({ image_files: [{ name: "a.png", type: "image/png", data: new Blob(["a"]) }] });
    expect(calls[1].headers.get("content-type")).toMatch(/^multipart\/form-data/);
  });
});

describe("POST /story", () => {
  it("sends audio_option as a JSON string field", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.createStoryboard({
      idea: "Create a promotional video where cute animals play musical instruments.",
      scene_count: 3,
      title: "Example Story",
      language: "English",
      audio_option: AUDIO,
    });
    const req = calls[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`${BASE_URL}/story`);
    expect(req.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    expectCommonHeaders(req);
    expect(fields(await formOf(req))).toEqual({
      idea: "Create a promotional video where cute animals play musical instruments.",
      scene_count: "3",
      title: "Example Story",
      language: "English",
      audio_option: AUDIO_JSON,
    });
  });

  it("repeats image_urls 4 times; idea is always sent", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.createStoryboard({ image_urls: FOUR_URLS, language: "Brazilian Portuguese" });
    const form = await formOf(calls[0]);
    expect(form.get("image_urls")).toEqual(FOUR_URLS);
    expect(form.get("idea")).toEqual([""]);
    expect(form.get("language")).toEqual(["Brazilian Portuguese"]);
  });

  it("with files: multipart, one image_files part per file, no image_urls", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.createStoryboard({
      idea: "Animals",
      image_urls: FOUR_URLS,
      image_files: [
        { name: "a.webp", type: "image/webp", data: new Blob(["a"]) },
        { name: "b.webp", type: "image/webp", data: new Blob(["b"]) },
        { name: "c.webp", type: "image/webp", data: new Blob(["c"]) },
      ],
      elements: { characters: [{ name: "Hero", description: "brave", image_url: "" }] },
    });
    const req = calls[0];
    expect(req.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formOf(req);
    expect((form.get("image_files") as File[]).map((f) => f.name)).toEqual(["a.webp", "b.webp", "c.webp"]);
    expect(form.has("image_urls")).toBe(false);
    expect(form.get("elements")).toEqual(['{"characters":[{"name":"Hero","description":"brave"}]}']);
  });
});

describe("POST /story/{id}/elements", () => {
  it("sends the storyboard as a JSON string and the scalar fields as strings", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.generateElements("STORY 1/2", {
      option: "Seedream",
      aspect_ratio: "16:9",
      seed: 4669,
      enhance_image: true,
      storyboard: BOARD,
    });
    const req = calls[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`${BASE_URL}/story/STORY%201%2F2/elements`);
    expect(req.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    expectCommonHeaders(req);
    const f = fields(await formOf(req));
    expect(Object.keys(f).sort()).toEqual(["aspect_ratio", "enhance_image", "option", "seed", "storyboard"]);
    expect(f).toMatchObject({ option: "Seedream", aspect_ratio: "16:9", seed: "4669", enhance_image: "true" });
    expect(JSON.parse(f.storyboard as string)).toEqual(WIRE_BOARD);
  });

  it("with no input: an empty POST", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.generateElements("abc");
    expect(calls[0].headers.get("content-type")).toBeNull();
    expect(await calls[0].text()).toBe("");
  });
});

describe("POST /story/{id}/scenes", () => {
  it("sends the documented fields; native_audio forces has_narration false", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.generateScenes("abc", {
      aspect_ratio: "16:9",
      seed: 4669,
      option: "Seedream",
      storyboard: BOARD,
      generate_elements: false,
      enhance_image: false,
      narrator: "Aria",
      audio_option: { has_bg_music: false, has_narration: true, native_audio: true },
    });
    const req = calls[0];
    expect(new URL(req.url).pathname).toBe("/story/abc/scenes");
    const f = fields(await formOf(req));
    expect(f).toMatchObject({
      aspect_ratio: "16:9",
      seed: "4669",
      option: "Seedream",
      generate_elements: "false",
      enhance_image: "false",
      narrator: "Aria",
      audio_option: '{"has_bg_music":false,"has_narration":false,"native_audio":true}',
    });
    expect(JSON.parse(f.storyboard as string)).toEqual(WIRE_BOARD);
  });

  it("never sends our item ids, in form or JSON encoding", async () => {
    for (const encoding of ["form", "json"] as const) {
      const { vimmerse, calls } = client(undefined, { encodings: { generateScenes: encoding, generateElements: encoding, generateVideos: encoding } });
      await vimmerse.generateScenes("abc", { storyboard: BOARD });
      await vimmerse.generateElements("abc", { storyboard: BOARD });
      await vimmerse.generateVideos("abc", { storyboard: BOARD });
      for (const call of calls) {
        const body = decodeURIComponent(await call.text());
        expect(body).toContain("Bunny");
        expect(body).not.toMatch(/id-(char|env|scene)-/);
        expect(body).not.toMatch(/"id"\s*:/);
      }
    }
  });
});

describe("POST /story/{id}/videos", () => {
  it("sends duration, loop, scenes and storyboard", async () => {
    const { vimmerse, calls } = client();
    const scenes = [
      { prompt: "camera motion:dolly in", image_url: "https://example.com/1.jpg", narration_url: "https://example.com/1.mp3" },
      { prompt: "camera motion:zoom in", image_url: "" },
    ];
    await vimmerse.generateVideos("abc", {
      title: "Example story video from vimmerse",
      motion_type: "KlingAI",
      duration: 5,
      loop: 1,
      is_transition: true,
      storyboard: BOARD,
      scenes,
      webhook_url: "https://app.example.com/api/vimmerse/webhook",
    });
    const req = calls[0];
    expect(req.method).toBe("POST");
    expect(new URL(req.url).pathname).toBe("/story/abc/videos");
    expect(req.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    const f = fields(await formOf(req));
    expect(f).toMatchObject({
      title: "Example story video from vimmerse",
      motion_type: "KlingAI",
      duration: "5",
      loop: "1",
      is_transition: "true",
      webhook_url: "https://app.example.com/api/vimmerse/webhook",
    });
    expect(JSON.parse(f.scenes as string)).toEqual([
      { prompt: "camera motion:dolly in", image_url: "https://example.com/1.jpg", narration_url: "https://example.com/1.mp3" },
      { prompt: "camera motion:zoom in" },
    ]);
    expect(JSON.parse(f.storyboard as string)).toEqual(WIRE_BOARD);
  });

  it("the doc's minimal example: title and motion_type only", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.generateVideos("abc", { title: "Example story from vimmerse", motion_type: "KlingAI" });
    expect(await calls[0].text()).toBe("title=Example+story+from+vimmerse&motion_type=KlingAI");
  });
});

describe("GET, concat, PUT, DELETE", () => {
  it("GET /story/{id}: no body, no content type", async () => {
    const { vimmerse, calls } = client(undefined, { baseUrl: `${BASE_URL}//` });
    await vimmerse.getStory("STORY_ID");
    const req = calls[0];
    expect(req.method).toBe("GET");
    expect(req.url).toBe(`${BASE_URL}/story/STORY_ID`);
    expectCommonHeaders(req);
    expect(req.headers.get("content-type")).toBeNull();
    expect(req.body).toBeNull();
  });

  it("concat: an empty POST by default", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.concat("STORY_ID");
    const req = calls[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`${BASE_URL}/story/STORY_ID/concat`);
    expectCommonHeaders(req);
    expect(req.headers.get("content-type")).toBeNull();
    expect(await req.text()).toBe("");
  });

  it("concat with URLs: repeated form fields", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.concat("STORY_ID", {
      concat_video_urls: ["https://example.com/v1.mp4", "https://example.com/v2.mp4"],
      audio_urls: ["https://example.com/music.mp3"],
    });
    const req = calls[0];
    expect(req.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    const form = await formOf(req);
    expect(form.get("concat_video_urls")).toEqual(["https://example.com/v1.mp4", "https://example.com/v2.mp4"]);
    expect(form.get("audio_urls")).toEqual(["https://example.com/music.mp3"]);
  });

  it("PUT /story/{id}: form fields", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.updateStory("STORY_ID", { title: "New title", visibility_status: "2" });
    const req = calls[0];
    expect(req.method).toBe("PUT");
    expect(req.url).toBe(`${BASE_URL}/story/STORY_ID`);
    expect(req.headers.get("content-type")).toMatch(new RegExp(`^${FORM}`));
    expect(fields(await formOf(req))).toEqual({ title: "New title", visibility_status: "2" });
  });

  it("DELETE /story/{id}", async () => {
    const { vimmerse, calls } = client(() => new Response("{}", { status: 200 }));
    await expect(vimmerse.deleteStory("STORY_ID")).resolves.toBeNull();
    expect(calls[0].method).toBe("DELETE");
    expect(calls[0].url).toBe(`${BASE_URL}/story/STORY_ID`);
    expectCommonHeaders(calls[0]);
  });

  it("does not follow redirects (the key header would travel along)", async () => {
    const { vimmerse, calls } = client();
    await vimmerse.getStory("x");
    expect(calls[0].redirect).toBe("manual");
  });
});
