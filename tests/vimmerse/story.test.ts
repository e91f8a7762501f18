import { describe, expect, it } from "vitest";
import { isVimmerseError } from "@/lib/vimmerse/errors";
import {
  normalizeStatus,
  normalizeStoryboard,
  parseJsonLenient,
  parseOptionalStoryResponse,
  parseStoryResponse,
} from "@/lib/vimmerse/story";

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isVimmerseError(e) ? e.kind : "other";
  }
  return undefined;
}

describe("parseJsonLenient", () => {
  it("parses plain JSON", () => {
    expect(parseJsonLenient('{"a": [1, 2]}')).toEqual({ a: [1, 2] });
  });

  it("removes trailing commas before } and ]", () => {
    expect(parseJsonLenient('{"a": [1, 2, ], "b": {"c": 1,\n},\n}')).toEqual({ a: [1, 2], b: { c: 1 } });
  });

  it("leaves commas inside strings alone", () => {
    expect(parseJsonLenient('{"a": "x,}", "b": "y,]",}')).toEqual({ a: "x,}", b: "y,]" });
    expect(parseJsonLenient('{"a": "quote \\" ,}",}')).toEqual({ a: 'quote " ,}' });
  });

  it("throws invalid_response for what is not JSON", () => {
    expect(kindOf(() => parseJsonLenient("<html></html>"))).toBe("invalid_response");
    expect(kindOf(() => parseJsonLenient(""))).toBe("invalid_response");
  });
});

describe("normalizeStatus", () => {
  it.each([
    ["new", "new"],
    ["NEW", "new"],
    ["pending", "new"],
    ["processing", "processing"],
    ["Processing", "processing"],
    ["in progress", "processing"],
    ["success", "success"],
    ["SUCCESS", "success"],
    ["done", "success"],
    ["finished", "success"],
    ["completed", "success"],
    ["fail", "fail"],
    ["failed", "fail"],
    ["FAILED", "fail"],
    ["error", "fail"],
    ["render_error", "fail"],
    ["something-else", "processing"],
    ["", "new"],
    [undefined, "new"],
    [42, "processing"],
  ] as const)("%s -> %s", (raw, expected) => {
    expect(normalizeStatus(raw)).toBe(expected);
  });

  it("keeps the raw status", () => {
    expect(parseStoryResponse({ data: { id: "a", status: "Rendering" } })).toMatchObject({
      status: "processing",
      rawStatus: "Rendering",
    });
    expect(parseStoryResponse({ data: { id: "a", story_status: "NEW" } })).toMatchObject({ status: "new", rawStatus: "NEW" });
  });
});

describe("parseStoryResponse is lenient", () => {
  it("never throws for wrong types of optional fields", () => {
    const story = parseStoryResponse({
      data: {
        id: 123,
        title: 42,
        idea: null,
        status: ["x"],
        progress_percentage: "45",
        used_credits: "12",
        storyboard: "garbage",
        scenes: [null, 1, "text", { prompt: "ok" }],
        medias: { not: "a list" },
        finished_medias: "x",
        failed_medias: null,
        audio_option: "not json",
        is_transition: "Yes",
        audio_urls: "https://e.com/a.mp3",
        created_at: null,
        submit_params: [],
        pose_preset: "x",
        video_url: 7,
      },
    });
    expect(story).toMatchObject({
      id: "123",
      title: "42",
      idea: "",
      status: "new",
      progress_percentage: 45,
      used_credits: 12,
      scenes: [{ prompt: "ok" }],
      medias: [],
      finished_medias: [],
      failed_medias: [],
      mediaViews: [],
      audio_option: null,
      is_transition: true,
      audio_urls: ["https://e.com/a.mp3"],
      created_at: "",
      submit_params: {},
      pose_preset: [],
      video_url: "7",
    });
    expect(story.storyboard).toEqual({
      characters: [],
      environments: [],
      objects: [],
      music: { description: "", lyrics: "" },
      scenes: [],
    });
  });

  it("clamps progress to 0..100", () => {
    const p = (v: unknown) => parseStoryResponse({ data: { id: "a", progress_percentage: v } }).progress_percentage;
    expect(p(150)).toBe(100);
    expect(p(-5)).toBe(0);
    expect(p("80%")).toBe(80);
    expect(p("abc")).toBe(0);
    expect(p(undefined)).toBe(0);
    expect(p(Number.NaN)).toBe(0);
  });

  it.each([
    [true, true],
    [false, false],
    ["Yes", true],
    ["No", false],
    ["true", true],
    ["false", false],
    ["", false],
    [undefined, false],
  ] as const)("is_transition %s -> %s", (raw, expected) => {
    expect(parseStoryResponse({ data: { id: "a", is_transition: raw } }).is_transition).toBe(expected);
  });

  it("id fallbacks: story_id, batch_id", () => {
    expect(parseStoryResponse({ data: { story_id: "s1" } }).id).toBe("s1");
    expect(parseStoryResponse({ data: { batch_id: "b1" } }).id).toBe("b1");
    expect(parseStoryResponse({ data: {} }).id).toBe("");
  });

  it("accepts a bare story with an id, and raw text", () => {
    expect(parseStoryResponse({ id: "bare", status: "success" })).toMatchObject({ id: "bare", status: "success" });
    expect(parseStoryResponse('{"data": {"id": "t",},}').id).toBe("t");
  });

  it("keeps unknown top-level fields and normalises audio_option", () => {
    const story = parseStoryResponse({
      data: {
        id: "a",
        brand_new_field: { deep: [1] },
        audio_option: '{"has_bg_music": false, "native_audio": true, "has_narration": true, "narrator": "Aria"}',
      },
    });
    expect(story.brand_new_field).toEqual({ deep: [1] });
    expect(story.audio_option).toEqual({ has_bg_music: false, has_narration: false, native_audio: true, narrator: "Aria" });
  });

  it("throws invalid_response only for a body that is not a story", () => {
    expect(kindOf(() => parseStoryResponse(null))).toBe("invalid_response");
    expect(kindOf(() => parseStoryResponse([]))).toBe("invalid_response");
    expect(kindOf(() => parseStoryResponse(42))).toBe("invalid_response");
    expect(kindOf(() => parseStoryResponse({}))).toBe("invalid_response");
    expect(kindOf(() => parseStoryResponse({ data: [] }))).toBe("invalid_response");
    expect(kindOf(() => parseStoryResponse({ data: "x" }))).toBe("invalid_response");
    expect(kindOf(() => parseStoryResponse("not json"))).toBe("invalid_response");
  });

  it("parseOptionalStoryResponse: null for empty answers", () => {
    expect(parseOptionalStoryResponse("")).toBeNull();
    expect(parseOptionalStoryResponse("{ }")).toBeNull();
    expect(parseOptionalStoryResponse({ message: "ok" })).toBeNull();
    expect(parseOptionalStoryResponse({ data: { id: "x" } })?.id).toBe("x");
  });
});

describe("normalizeStoryboard", () => {
  it("moves URL / url to image_url, keeps unknown fields everywhere", () => {
    const board = normalizeStoryboard({
      style: "anime",
      characters: [
        { name: "A", description: "a", URL: "https://e.com/a.png", age: 7 },
        { name: "B", description: "b", url: "https://e.com/b.png" },
        { name: "C", description: "c", image_url: "https://e.com/c.png", URL: "https://e.com/old.png" },
        { name: "D", description: "d", image_url: null },
        "E",
        42,
      ],
      music: { description: "m", music_url: "https://e.com/m.mp3", bpm: 120 },
      title_scene: { title: "T", description: "D", font: "serif" },
      scenes: [{ image_description: "i", narrator: "n", mood: "calm", URL: "https://e.com/s.png" }],
    });
    expect((board as Record<string, unknown>).style).toBe("anime");
    expect(board.characters).toEqual([
      { name: "A", description: "a", image_url: "https://e.com/a.png", age: 7 },
      { name: "B", description: "b", image_url: "https://e.com/b.png" },
      { name: "C", description: "c", image_url: "https://e.com/c.png" },
      { name: "D", description: "d" },
      { name: "E", description: "" },
    ]);
    expect(board.environments).toEqual([]);
    expect(board.music).toEqual({ description: "m", lyrics: "", music_url: "https://e.com/m.mp3", bpm: 120 });
    expect(board.title_scene).toEqual({ title: "T", description: "D", font: "serif" });
    expect(board.scenes).toEqual([
      { image_description: "i", video_description: "", narrator: "n", mood: "calm", image_url: "https://e.com/s.png" },
    ]);
  });

  it("accepts a JSON string and never throws", () => {
    expect(normalizeStoryboard('{"characters": [{"name": "A", "description": "a",},],}').characters).toEqual([
      { name: "A", description: "a" },
    ]);
    for (const raw of [undefined, null, 1, "x", [], { characters: null, music: null, scenes: {} }]) {
      expect(normalizeStoryboard(raw)).toEqual({
        characters: [],
        environments: [],
        objects: [],
        music: { description: "", lyrics: "" },
        scenes: [],
      });
    }
  });
});

describe("media helper view", () => {
  it("merges medias with finished_medias and failed_medias", () => {
    const story = parseStoryResponse({
      data: {
        id: "a",
        medias: [
          { media_id: "m1", item: "i1", source: { prompt: "p1", image_url: "https://e.com/1.png" } },
          { media_id: "m2", item: "i2", source: { prompt: "p2" } },
          { media_id: "m3", item: "i3", status: "processing" },
        ],
        finished_medias: [{ media_id: "m1", video_url: "https://e.com/1.mp4" }],
        failed_medias: [{ media_id: "m2", reason: "NSFW filter" }, { media_id: "m4", error: "timeout" }],
      },
    });
    expect(story.mediaViews).toEqual([
      {
        media_id: "m1",
        item: "i1",
        image_url: "https://e.com/1.png",
        prompt: "p1",
        narration_url: "",
        video_url: "https://e.com/1.mp4",
        status: "success",
        error: "",
      },
      { media_id: "m2", item: "i2", image_url: "", prompt: "p2", narration_url: "", video_url: "", status: "fail", error: "NSFW filter" },
      { media_id: "m3", item: "i3", image_url: "", prompt: "", narration_url: "", video_url: "", status: "processing", error: "" },
      { media_id: "m4", item: "", image_url: "", prompt: "", narration_url: "", video_url: "", status: "fail", error: "timeout" },
    ]);
  });
});
