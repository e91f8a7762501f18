import { describe, expect, it } from "vitest";
import type * as z from "zod/v4/core";
import { baseVersionSchema, storyboardSchema, type Storyboard } from "@/lib/validation/storyboard";
import { regenerateSceneSchema } from "@/lib/validation/steps";

const board = (): Storyboard => ({
  characters: [{ id: "c1", name: "Ada", description: "" }],
  environments: [],
  objects: [],
  music: { description: "", lyrics: "" },
  scenes: [{ id: "s1", name: "One", image_description: "", video_description: "", narrator: "" }],
});

function messages(result: { success: true } | { success: false; error: z.$ZodError }): string[] {
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("storyboard input limits", () => {
  it("keeps small unknown keys (fields Vimmerse adds) and refuses a large one with a clear message", () => {
    const ok = { ...board(), extra: "x".repeat(1000), scenes: [{ ...board().scenes[0], pose: { a: 1 } }] };
    expect(storyboardSchema.parse(ok)).toMatchObject({ extra: "x".repeat(1000) });
    const big = { ...board(), scenes: [{ ...board().scenes[0], blob: "x".repeat(70 * 1024) }] };
    expect(messages(storyboardSchema.safeParse(big))).toEqual(['scenes.0.blob: "blob" is larger than 64 KB']);
  });

  it("refuses a storyboard larger than 2 MB in all", () => {
    const scenes = Array.from({ length: 60 }, (_, i) => ({ ...board().scenes[0], id: `s${i}`, blob: "x".repeat(40 * 1024) }));
    expect(messages(storyboardSchema.safeParse({ ...board(), scenes }))).toContain(": The storyboard is larger than 2 MB");
  });

  it("a NUL character in typed text is a field message, not an internal error", () => {
    const b = board();
    b.scenes[0].narrator = "hello\u0000";
    expect(messages(storyboardSchema.safeParse(b))[0]).toMatch(/^scenes\.0\.narrator: Remove the invisible NUL character/);
    const unknown = { ...board(), note: "a\u0000" };
    expect(messages(storyboardSchema.safeParse(unknown))[0]).toMatch(/note: "note" contains a NUL character/);
  });

  it("item ids are short tokens", () => {
    const b = board();
    b.scenes[0].id = "x".repeat(65);
    expect(storyboardSchema.safeParse(b).success).toBe(false);
  });

  it("baseVersion is a bounded whole number", () => {
    expect(baseVersionSchema.safeParse(2 ** 31).error?.issues[0].message).toBe("This version number is too large");
    expect(baseVersionSchema.safeParse(-1).success).toBe(false);
    expect(baseVersionSchema.safeParse(2 ** 31 - 1).success).toBe(true);
  });

  it("regenerating a scene names it by id, not by position", () => {
    const input = { storyId: "s", requestId: "8d3c4d2e-7c1b-4b8a-9a57-2f1f7a9b0c11", options: {} };
    expect(regenerateSceneSchema.safeParse({ ...input, sceneIndex: 0 }).success).toBe(false);
    expect(messages(regenerateSceneSchema.safeParse({ ...input, sceneId: "a b" }))).toContain("sceneId: Unknown scene");
  });
});
