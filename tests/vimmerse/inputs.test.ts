import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isVimmerseError, type VimmerseError } from "@/lib/vimmerse/errors";
import {
  ConcatInput,
  CreateStoryboardInput,
  ElementsInput,
  IdeaToVideoInput,
  ImagesToVideoInput,
  ScenesInput,
  UpdateStoryInput,
  VideosInput,
  audioOptionSchema,
} from "@/lib/vimmerse/inputs";
import { caught, client } from "./helpers";

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe("ranges and enumerations", () => {
  it("duration is an integer 1..10", () => {
    expect(ok(VideosInput, { duration: 0 })).toBe(false);
    expect(ok(VideosInput, { duration: 11 })).toBe(false);
    expect(ok(VideosInput, { duration: 2.5 })).toBe(false);
    expect(ok(VideosInput, { duration: "5" })).toBe(false);
    expect(ok(VideosInput, { duration: 1 })).toBe(true);
    expect(ok(VideosInput, { duration: 10 })).toBe(true);
    expect(ok(ImagesToVideoInput, { image_urls: ["https://e.com/a.png"], duration: 11 })).toBe(false);
  });

  it("loop is an integer 1..6", () => {
    expect(ok(VideosInput, { loop: 7 })).toBe(false);
    expect(ok(VideosInput, { loop: 0 })).toBe(false);
    expect(ok(VideosInput, { loop: 6 })).toBe(true);
  });

  it("scene_count is an integer >= 1", () => {
    expect(ok(IdeaToVideoInput, { idea: "x", scene_count: 0 })).toBe(false);
    expect(ok(IdeaToVideoInput, { idea: "x", scene_count: 1.5 })).toBe(false);
    expect(ok(CreateStoryboardInput, { idea: "x", scene_count: 0 })).toBe(false);
    expect(ok(CreateStoryboardInput, { idea: "x", scene_count: 1 })).toBe(true);
  });

  it("motion_type, option, narrator, aspect_ratio, visibility are enumerations", () => {
    expect(ok(VideosInput, { motion_type: "Warp" })).toBe(false);
    expect(ok(VideosInput, { motion_type: "SoraPro" })).toBe(true);
    expect(ok(ElementsInput, { option: "Midjourney" })).toBe(false);
    expect(ok(ElementsInput, { option: "StableDiffusion3.5" })).toBe(true);
    expect(ok(ScenesInput, { narrator: "Bob" })).toBe(false);
    expect(ok(ScenesInput, { narrator: "Bill" })).toBe(true);
    expect(ok(ScenesInput, { aspect_ratio: "2:1" })).toBe(false);
    expect(ok(UpdateStoryInput, { visibility_status: "3" })).toBe(false);
    expect(ok(UpdateStoryInput, { visibility_status: 1 })).toBe(false);
    expect(ok(UpdateStoryInput, { visibility_status: "0" })).toBe(true);
  });

  it("language: an enumeration for the automatic endpoints, free text for POST /story", () => {
    expect(ok(IdeaToVideoInput, { idea: "x", language: "Klingon" })).toBe(false);
    expect(ok(IdeaToVideoInput, { idea: "x", language: "Japanese" })).toBe(true);
    expect(ok(ImagesToVideoInput, { image_urls: ["https://e.com/a.png"], language: "Klingon" })).toBe(false);
    expect(ok(CreateStoryboardInput, { idea: "x", language: "Klingon" })).toBe(true);
  });

  it("image_urls are http(s) URLs; images-2-video needs at least one image", () => {
    expect(ok(ImagesToVideoInput, { image_urls: ["ftp://e.com/a.png"] })).toBe(false);
    expect(ok(ImagesToVideoInput, { image_urls: ["not a url"] })).toBe(false);
    expect(ok(ImagesToVideoInput, { image_urls: [] })).toBe(false);
    expect(ok(ImagesToVideoInput, {})).toBe(false);
    expect(ok(ImagesToVideoInput, { image_files: [{ name: "a.png", type: "image/png", data: new Blob(["x"]) }] })).toBe(
      true,
    );
    expect(ok(ImagesToVideoInput, { image_files: [{ name: "a.png", type: "image/png", data: "not a blob" }] })).toBe(
      false,
    );
  });

  it("idea is required for idea-2-video; POST /story needs an idea, images or a story id", () => {
    expect(ok(IdeaToVideoInput, {})).toBe(false);
    expect(ok(IdeaToVideoInput, { idea: "   " })).toBe(false);
    expect(ok(CreateStoryboardInput, {})).toBe(false);
    expect(ok(CreateStoryboardInput, { image_urls: ["https://e.com/a.png"] })).toBe(true);
    expect(ok(CreateStoryboardInput, { story_id: "abc" })).toBe(true);
  });

  it("webhook_url must be http(s); empty means not set", () => {
    expect(ok(VideosInput, { webhook_url: "javascript:alert(1)" })).toBe(false);
    expect(VideosInput.parse({ webhook_url: "" })).toEqual({});
  });

  it("seed is an integer; booleans are booleans", () => {
    expect(ok(ElementsInput, { seed: 1.5 })).toBe(false);
    expect(ok(ElementsInput, { seed: "4669" })).toBe(false);
    expect(ok(ElementsInput, { enhance_image: "true" })).toBe(false);
    expect(ok(ScenesInput, { generate_elements: false, seed: 4669 })).toBe(true);
  });

  it("concat URLs are http(s) URLs; an update needs a field", () => {
    expect(ok(ConcatInput, {})).toBe(true);
    expect(ok(ConcatInput, { concat_video_urls: ["file:///etc/passwd"] })).toBe(false);
    expect(ok(UpdateStoryInput, {})).toBe(false);
  });
});

describe("audio_option", () => {
  it("native_audio forces has_narration false", () => {
    expect(audioOptionSchema.parse({ has_bg_music: true, has_narration: true, native_audio: true, narrator: "Rachel" })).toEqual({
      has_bg_music: true,
      has_narration: false,
      native_audio: true,
      narrator: "Rachel",
    });
  });

  it("missing flags take the documented defaults", () => {
    expect(audioOptionSchema.parse({})).toEqual({ has_bg_music: true, has_narration: true, native_audio: false });
    expect(audioOptionSchema.parse({ native_audio: true })).toEqual({
      has_bg_music: true,
      has_narration: false,
      native_audio: true,
    });
  });

  it("rejects an unknown narrator and non-boolean flags", () => {
    expect(audioOptionSchema.safeParse({ narrator: "Bob" }).success).toBe(false);
    expect(audioOptionSchema.safeParse({ has_bg_music: "yes" }).success).toBe(false);
  });
});

describe("elements and storyboards", () => {
  it("elements: an empty image_url is dropped", () => {
    expect(
      IdeaToVideoInput.parse({ idea: "x", elements: { objects: [{ name: "logo", description: "d", image_url: " " }] } })
        .elements,
    ).toEqual({ objects: [{ name: "logo", description: "d" }] });
  });

  it("elements: a name is required, image_url must be http(s)", () => {
    expect(ok(IdeaToVideoInput, { idea: "x", elements: { characters: [{ name: "", description: "d" }] } })).toBe(false);
    expect(
      ok(IdeaToVideoInput, { idea: "x", elements: { characters: [{ name: "a", description: "d", image_url: "x:y" }] } }),
    ).toBe(false);
  });

  it("storyboard: validated with the editor's schema", () => {
    expect(ok(ElementsInput, { storyboard: { characters: [] } })).toBe(false);
    expect(
      ok(ElementsInput, {
        storyboard: { characters: [], environments: [], objects: [], music: { description: "", lyrics: "" }, scenes: [] },
      }),
    ).toBe(true);
  });
});

describe("invalid input is never sent", () => {
  const cases: [string, (c: ReturnType<typeof client>["vimmerse"]) => Promise<unknown>, string][] = [
    ["duration 0", (v) => v.generateVideos("abc", { duration: 0 }), "duration"],
    ["duration 11", (v) => v.imagesToVideo({ image_urls: ["https://e.com/a.png"], duration: 11 }), "duration"],
    ["loop 7", (v) => v.generateVideos("abc", { loop: 7 }), "loop"],
    ["scene_count 0", (v) => v.ideaToVideo({ idea: "x", scene_count: 0 }), "scene_count"],
    ["unknown motion_type", (v) => v.generateVideos("abc", { motion_type: "Warp" as never }), "motion_type"],
    ["narrator in audio_option", (v) => v.createStoryboard({ idea: "x", audio_option: { narrator: "Bob" as never } }), "audio_option.narrator"],
    ["empty story id", (v) => v.getStory(""), "story_id"],
    ["'..' as story id", (v) => v.generateScenes("..", {}), "story_id"],
    ["no images", (v) => v.imagesToVideo({ idea: "x" }), "image_urls"],
  ];

  it.each(cases)("%s", async (_name, call, field) => {
    const c = client();
    const e = (await caught(() => call(c.vimmerse))) as VimmerseError;
    expect(isVimmerseError(e)).toBe(true);
    expect(e.kind).toBe("invalid_input");
    expect(e.outcomeUnknown).toBe(false);
    expect(e.fieldErrors.map((f) => f.field)).toContain(field);
    expect(e.userMessage).toMatch(/Nothing was sent to Vimmerse/);
    expect(c.calls).toHaveLength(0);
  });
});

describe("module boundaries", () => {
  const read = (f: string) => readFileSync(new URL(`../../lib/vimmerse/${f}`, import.meta.url), "utf8");

  it("client.ts is server-only; inputs, story, errors and encoding are not", () => {
    expect(read("client.ts")).toMatch(/^import "server-only";/);
    for (const f of ["inputs.ts", "story.ts", "errors.ts", "encoding.ts"]) {
      expect(read(f)).not.toMatch(/from "server-only"|import "server-only"|from "@\/lib\/config"|from "\.\/client"/);
    }
  });
});
