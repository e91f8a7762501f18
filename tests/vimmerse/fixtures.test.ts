import { describe, expect, it } from "vitest";
import { storyboardSchema } from "@/lib/validation/storyboard";
import { isVimmerseError } from "@/lib/vimmerse/errors";
import { ElementsInput } from "@/lib/vimmerse/inputs";
import { parseJsonLenient, parseOptionalStoryResponse, parseStoryResponse, type Story } from "@/lib/vimmerse/story";
import { client, fixture, json, text } from "./helpers";

const parse = (name: string): Story => parseStoryResponse(parseJsonLenient(fixture(name)));

const STORY_FIXTURES = [
  "doc-idea-2-video.jsonish",
  "doc-images-2-video.jsonish",
  "doc-create-story.jsonish",
  "doc-elements.jsonish",
  "doc-scenes.jsonish",
  "doc-videos.jsonish",
  "doc-get-story.jsonish",
  "openapi-idea-2-video.json",
  "openapi-url-2-video.json",
  "openapi-images-2-video.json",
  "openapi-create-story.json",
  "openapi-elements.json",
  "openapi-scenes.json",
  "openapi-videos.json",
  "openapi-get-story.json",
  "openapi-update-story.json",
];

describe("every documented success example parses", () => {
  it.each(STORY_FIXTURES)("%s", (name) => {
    const story = parse(name);
    expect(story.id).not.toBe("");
    expect(["new", "processing", "success", "fail"]).toContain(story.status);
    expect(story.progress_percentage).toBeGreaterThanOrEqual(0);
    expect(story.progress_percentage).toBeLessThanOrEqual(100);
    expect(Array.isArray(story.storyboard.characters)).toBe(true);
    expect(Array.isArray(story.storyboard.environments)).toBe(true);
    expect(Array.isArray(story.storyboard.objects)).toBe(true);
    expect(Array.isArray(story.storyboard.scenes)).toBe(true);
    expect(typeof story.storyboard.music.description).toBe("string");
    expect(typeof story.storyboard.music.lyrics).toBe("string");
    expect(Array.isArray(story.medias)).toBe(true);
    expect(typeof story.is_transition).toBe("boolean");
    // The normalised storyboard is valid for the editor and can be sent back to Vimmerse as is.
    expect(storyboardSchema.safeParse(story.storyboard).success).toBe(true);
    expect(ElementsInput.safeParse({ storyboard: story.storyboard }).success).toBe(true);
    // Serialisable (it goes to the database and the browser).
    expect(JSON.parse(JSON.stringify(story))).toEqual(story);
  });

  it("the doc examples keep their trailing commas (strict JSON.parse fails, lenient parse works)", () => {
    for (const name of ["doc-create-story.jsonish", "doc-elements.jsonish", "doc-scenes.jsonish", "doc-videos.jsonish"]) {
      expect(() => JSON.parse(fixture(name))).toThrow();
      expect(parseJsonLenient(fixture(name))).toHaveProperty("data");
    }
  });
});

describe("primary doc examples", () => {
  it("idea-2-video: a new story with an empty storyboard", () => {
    const story = parse("doc-idea-2-video.jsonish");
    expect(story).toMatchObject({
      id: "STORY_ID",
      title: "Example Story",
      idea: "Create a promotional video where cute animals play musical instruments.",
      status: "new",
      rawStatus: "new",
      progress_percentage: 0,
      used_credits: 0,
      is_transition: false,
      language: "English",
      visibility_status: "1",
      narration_url: "",
      video_url: "",
      created_at: "2025-09-02 16:27:11.885964+00:00",
      updated_at: "2025-09-02 16:27:11.885964+00:00",
    });
    expect(story.storyboard).toEqual({
      characters: [],
      environments: [],
      objects: [],
      music: { description: "", lyrics: "" },
      scenes: [],
    });
    expect(story.audio_option).toEqual({ has_bg_music: true, has_narration: true, native_audio: false, narrator: "Rachel" });
    expect(story.submit_params).toMatchObject({ aspect_ratio: "9:16", pipeline_preset: "Fast", extend_video: "No" });
    expect(story.pose_preset[0]).toMatchObject({ motion_type: "Auto", loop: 1, motion_length: 5 });
    // Unknown top-level fields are kept as sent.
    expect(story.email).toBe("USER_EMAIL");
    expect(story.customer_id).toBe("CUSTOMER_ID");
    expect(story.generate_type).toBe("GENERATE_VIDEO");
    expect(story.show_title).toBe(false);
    expect(story.version).toBe("2");
    expect(story.is_highlights).toBe("");
    expect(story.files).toEqual([]);
  });

  it("images-2-video: image prompts kept", () => {
    const story = parse("doc-images-2-video.jsonish");
    expect(story.id).toBe("STORY_ID");
    expect(story.idea).toBe("Make an advertisement video of this new home. Modern style.");
    expect(story.image_urls).toEqual([]);
    expect(story.image_prompts).toHaveLength(4);
    expect((story.image_prompts as string[])[0]).toContain("white rabbit playing a guitar");
  });

  it("POST /story: the storyboard with 4 characters, 2 environments, 4 objects, music and 4 scenes", () => {
    const story = parse("doc-create-story.jsonish");
    const board = story.storyboard;
    expect(board.characters.map((c) => c.name)).toEqual(["Melody", "Riff", "Harmony", "Jazz"]);
    expect(board.characters[0].description).toMatch(/^Style:Pixar-style 3D, Melody is a white rabbit/);
    expect(board.environments.map((e) => e.name)).toEqual(["Flower Field", "Playful Park"]);
    expect(board.objects.map((o) => o.name)).toEqual(["Guitar", "Drum", "Flute", "Keyboard"]);
    expect(board.music.description).toMatch(/^A whimsical, upbeat melody/);
    expect(board.music.lyrics).toMatch(/^In fields where dreams are spun/);
    expect(board.scenes).toHaveLength(4);
    expect(board.scenes[0]).toMatchObject({
      name: "Melody's Solo",
      narrator: "In the heart of the meadow, Melody's gentle strums bring the flowers to life.",
    });
    expect(board.scenes[0].image_description).toContain("**Melody**");
    expect(board.scenes[3].video_description).toMatch(/^camera motion:tilt up, camera angle:eye level/);
    expect(board.title_scene).toBeUndefined();
    expect("title_scene" in board).toBe(false);
    expect(story.title).toBe("");
    expect(story.scenes).toEqual([]);
    expect(story.submit_params).not.toHaveProperty("aspect_ratio");
  });

  it('elements: title_scene, is_transition "No" -> false, missing fields defaulted', () => {
    const story = parse("doc-elements.jsonish");
    expect(story.is_transition).toBe(false);
    expect(story.is_transition).not.toBe("No");
    expect(story.progress_percentage).toBe(10);
    expect(story.status).toBe("new");
    expect(story.language).toBe(""); // not in this example
    expect(story.used_credits).toBe(0); // not in this example
    expect(story.created_at).toBe("2025-07-01 17:11:25.974612+00:00");
    const board = story.storyboard;
    expect(board.title_scene?.title).toBe("The Honey of the Enchanted Forest");
    expect(board.title_scene?.description).toMatch(/^The title appears as golden letters/);
    expect(board.characters).toHaveLength(1);
    expect(board.characters[0].name).toBe("Bunny");
    expect(board.environments.map((e) => e.name)).toEqual(["Enchanted Forest", "Honeystream"]);
    expect(board.objects.map((o) => o.name)).toEqual(["Honeycomb"]);
    expect(board.scenes).toHaveLength(3);
    expect(board.scenes[0].name).toBeUndefined();
    expect(board.scenes[1].image_description).toContain("**Honeystream**");
    expect(board.music.lyrics).toMatch(/^In the forest, shadows dance/);
  });

  it("scenes: credits and the storyboard", () => {
    const story = parse("doc-scenes.jsonish");
    expect(story.used_credits).toBe(16);
    expect(story.updated_at).toBe("2025-09-02 17:26:03.533765+00:00");
    expect(story.storyboard.scenes.map((s) => s.name)).toEqual([
      "Melody's Solo",
      "Riff's Rhythm",
      "Harmony's Tune",
      "Jazz's Jam",
    ]);
    expect(story.storyboard.characters).toHaveLength(4);
  });

  it.each(["doc-videos.jsonish", "doc-get-story.jsonish"])("%s: processing, scenes and medias", (name) => {
    const story = parse(name);
    expect(story.status).toBe("processing");
    expect(story.used_credits).toBe(176);
    expect(story.pose_preset[0].motion_type).toBe("Pixverse");
    expect(story.scenes).toHaveLength(4);
    expect(story.scenes[0].prompt).toMatch(/^camera motion:dolly in/);
    expect(story.medias).toHaveLength(4);
    expect(story.medias[0]).toMatchObject({ media_id: "96aa0504-3ce5-4e13-89b8-9582316a2faa", item: "acdb-0000001" });
    expect(story.mediaViews).toHaveLength(4);
    expect(story.mediaViews[1]).toEqual({
      media_id: "07ce2fad-c57b-45a1-964f-8164e9d2edc2",
      item: "acdb-0000002",
      image_url: "",
      prompt: "camera motion:zoom in, camera angle:low angle, Riff's hands tap a joyous rhythm, syncing with the rustling leaves.",
      narration_url: "",
      video_url: "",
      status: "",
      error: "",
    });
    // Unknown top-level fields kept.
    expect(story.narrator).toBe("Rachel");
    expect(story.has_bg_music).toBe(true);
    expect(story.has_narration).toBe(true);
    expect(story.audio_option).toBeNull(); // not in these examples
  });

  it("concat: `{ }` is not a story; the optional parser gives null", () => {
    const body = parseJsonLenient(fixture("doc-concat.jsonish"));
    expect(body).toEqual({});
    let thrown: unknown;
    try {
      parseStoryResponse(body);
    } catch (e) {
      thrown = e;
    }
    expect(isVimmerseError(thrown) && thrown.kind).toBe("invalid_response");
    expect(parseOptionalStoryResponse(body)).toBeNull();
    expect(parseOptionalStoryResponse(fixture("doc-concat.jsonish"))).toBeNull();
  });

  it("webhook body: read as a bare story (batch_id is the story id)", () => {
    const story = parseStoryResponse(parseJsonLenient(fixture("doc-webhook.json")));
    expect(story.id).toBe("YOUR_STORY_ID");
    expect(story.status).toBe("success");
    expect(story.customer_id).toBe("YOUR_CUSTOMER_ID");
  });
});

describe("OpenAPI examples", () => {
  it.each([
    ["openapi-idea-2-video.json", "abc123-def456-ghi789", 300, 0, "new"],
    ["openapi-url-2-video.json", "xyz789-abc123-def456", 300, 0, "new"],
    ["openapi-images-2-video.json", "img123-vid456-story789", 700, 0, "new"],
    ["openapi-get-story.json", "img123-vid456-story789", 700, 50, "processing"],
  ] as const)("%s", (name, id, credits, progress, status) => {
    const story = parse(name);
    expect(story).toMatchObject({ id, used_credits: credits, progress_percentage: progress, status, is_transition: false });
    expect(story.created_at).toBe("2026-02-06 02:05:40.985431+00:00");
  });

  it("POST /story: is_highlights false kept, storyboard read", () => {
    const story = parse("openapi-create-story.json");
    expect(story.is_highlights).toBe(false);
    expect(story.title).toBe("Musical Animals Story");
    expect(story.storyboard.characters.map((c) => c.name)).toEqual(["Melody", "Riff"]);
    expect(story.storyboard.scenes[0].name).toBe("Melody's Solo");
    expect(story.storyboard.music).toEqual({ description: "", lyrics: "" });
  });

  it('elements: element images under "URL" become image_url', () => {
    const story = parse("openapi-elements.json");
    const board = story.storyboard;
    expect(board.characters[0]).toEqual({
      name: "Bunny",
      description: "A small, fluffy white rabbit",
      image_url: "https://example.com/character-bunny.png",
    });
    expect(board.environments[0].image_url).toBe("https://example.com/environment-forest.png");
    expect(board.objects[0].image_url).toBe("https://example.com/object-honeycomb.png");
    expect(board.characters[0]).not.toHaveProperty("URL");
    expect(board.scenes[0]).toMatchObject({
      image_description: "Bunny hopping through the forest",
      video_description: "",
      narrator: "In the heart of the enchanted forest...",
    });
    expect(story.status).toBe("processing");
  });

  it("scenes: audio_urls, music_url, scene image and narration", () => {
    const story = parse("openapi-scenes.json");
    expect(story.audio_urls).toEqual(["https://example.com/background-music.wav"]);
    expect(story.storyboard.music).toEqual({
      music_url: "https://example.com/background-music.wav",
      description: "A whimsical, upbeat melody",
      lyrics: "",
    });
    expect(story.storyboard.scenes[0]).toMatchObject({
      name: "Melody's Solo",
      image_url: "https://example.com/scene1.jpg",
      narration_url: "https://example.com/narration1.mp3",
    });
    expect(story.storyboard.characters).toEqual([]);
    expect(story.progress_percentage).toBe(50);
  });

  it.each(["openapi-videos.json", "openapi-update-story.json"])("%s: medias with images and narrations", (name) => {
    const story = parse(name);
    expect(story.audio_urls).toHaveLength(1);
    expect(story.audio_urls[0]).toMatch(/ou0jb2c\.wav$/);
    expect(story.storyboard.music.music_url).toMatch(/ou0jb2c\.wav$/);
    expect(story.storyboard.scenes[0].narration_url).toMatch(/z46ayv3\.mp3$/);
    expect(story.scenes[2].narration_url).toMatch(/l3x1op2\.mp3$/);
    expect(story.mediaViews[0]).toMatchObject({
      media_id: "96aa0504-3ce5-4e13-89b8-9582316a2faa",
      item: "acdb-0000001",
      image_url: expect.stringMatching(/rak4p71\.jpg$/),
      narration_url: expect.stringMatching(/z46ayv3\.mp3$/),
      prompt: expect.stringMatching(/^camera motion:dolly in/),
    });
    expect(story.failed_medias).toEqual([]);
  });

  it.each(["openapi-delete-story.json", "openapi-concat.json"])("%s: `{}`", (name) => {
    expect(parseOptionalStoryResponse(parseJsonLenient(fixture(name)))).toBeNull();
  });
});

describe("the client reads the fixtures off the wire", () => {
  it("getStory parses the doc's GET example with its trailing commas", async () => {
    const { vimmerse } = client(() => text(fixture("doc-get-story.jsonish"), 200, { "content-type": "application/json" }));
    const story = await vimmerse.getStory("STORY_ID");
    expect(story.status).toBe("processing");
    expect(story.storyboard.characters).toHaveLength(4);
  });

  it("concat tolerates the documented `{ }` answer and returns null", async () => {
    const { vimmerse } = client(() => text(fixture("doc-concat.jsonish")));
    await expect(vimmerse.concat("STORY_ID")).resolves.toBeNull();
  });

  it("concat and delete tolerate an empty 200 body", async () => {
    const { vimmerse } = client(() => new Response(null, { status: 200 }));
    await expect(vimmerse.concat("STORY_ID")).resolves.toBeNull();
    await expect(vimmerse.deleteStory("STORY_ID")).resolves.toBeNull();
  });

  it("concat returns the story when Vimmerse sends one", async () => {
    const { vimmerse } = client(() => json({ data: { id: "STORY_ID", status: "processing" } }));
    const story = await vimmerse.concat("STORY_ID");
    expect(story?.status).toBe("processing");
  });

  it("a story without an id gets the id of the path", async () => {
    const { vimmerse } = client(() => text(fixture("openapi-concat.json").replace("{}", '{"data": {"status": "new"}}')));
    const story = await vimmerse.generateVideos("abc-123");
    expect(story.id).toBe("abc-123");
  });
});
