import { describe, expect, it } from "vitest";
import { IMAGE_STAMP, imageMayBeOutOfDate, imageStamp, stampImage, withoutStamp } from "@/lib/stories/image-freshness";
import { fillMissingMedia, replaceSceneImage } from "@/lib/stories/merge";
import { idsOf } from "@/lib/stories/model";
import { cleanStoryboardForWire } from "@/lib/vimmerse/inputs";
import type { Storyboard } from "@/lib/validation/storyboard";

/** "Image may be out of date": the rule (lib/stories/image-freshness.ts) and where stamps are made and dropped. */

const scene = { id: "s1", name: "Dawn", image_description: "A fox at dawn", video_description: "v", narrator: "n", image_url: "https://gen/1.svg" };

describe("imageMayBeOutOfDate", () => {
  it("is false for an image made from the current description, true once the description changes", () => {
    const made = stampImage("scenes", scene);
    expect(imageMayBeOutOfDate("scenes", made)).toBe(false);
    expect(imageMayBeOutOfDate("scenes", { ...made, image_description: "A fox at dusk" })).toBe(true);
  });

  it("ignores whitespace at the ends, and other fields of the scene (video, narration, name)", () => {
    const made = stampImage("scenes", scene);
    expect(imageMayBeOutOfDate("scenes", { ...made, image_description: "  A fox at dawn \n" })).toBe(false);
    expect(imageMayBeOutOfDate("scenes", { ...made, narrator: "changed", video_description: "changed", name: "x" })).toBe(false);
  });

  it("says nothing without an image or without a stamp (a pasted URL, an older storyboard)", () => {
    expect(imageMayBeOutOfDate("scenes", { ...scene, image_description: "changed" })).toBe(false);
    expect(imageMayBeOutOfDate("scenes", { ...stampImage("scenes", scene), image_url: "", image_description: "changed" })).toBe(false);
    expect(imageMayBeOutOfDate("scenes", null)).toBe(false);
  });

  it("elements are judged by their description", () => {
    const fox = stampImage("characters", { name: "Fox", description: "A red fox", image_url: "https://gen/fox.svg" });
    expect(imageMayBeOutOfDate("characters", fox)).toBe(false);
    expect(imageMayBeOutOfDate("characters", { ...fox, name: "Vixen" })).toBe(false);
    expect(imageMayBeOutOfDate("characters", { ...fox, description: "A grey fox" })).toBe(true);
  });

  it("a URL pasted since (the stamp is of another image) gives no hint: we cannot know what it was made from", () => {
    const edited = { ...stampImage("scenes", scene), image_description: "A fox at dusk" };
    expect(imageMayBeOutOfDate("scenes", { ...edited, image_url: "https://elsewhere.example/fox.jpg" })).toBe(false);
    expect(imageMayBeOutOfDate("scenes", { ...edited, [IMAGE_STAMP]: "garbage" })).toBe(false);
  });

  it("an uploaded image counts as made from the text at upload time", () => {
    const edited = { ...stampImage("scenes", scene), image_description: "A fox at dusk" };
    expect(imageMayBeOutOfDate("scenes", edited)).toBe(true);
    const uploaded = stampImage("scenes", { ...edited, image_url: "https://studio.example.com/api/uploads/" + "a".repeat(32) + ".png" });
    expect(imageMayBeOutOfDate("scenes", uploaded)).toBe(false);
  });
});

describe("stamps where images are made, and never sent", () => {
  const mine: Storyboard = {
    characters: [{ id: "c1", name: "Fox", description: "A red fox, edited during the step", image_url: "" }],
    environments: [],
    objects: [],
    music: { description: "m", lyrics: "" },
    scenes: [{ ...scene, image_url: "", image_description: "A fox at dawn, edited during the step" }],
  };
  const theirs: Storyboard = {
    characters: [{ name: "Fox", description: "A red fox", image_url: "https://gen/fox.svg" }],
    environments: [],
    objects: [],
    music: { description: "m", lyrics: "" },
    scenes: [{ name: "Dawn", image_description: "A fox at dawn", video_description: "v", narrator: "n", image_url: "https://gen/1.svg" }],
  };

  it("generated media are stamped with the description Vimmerse made them from: edits made meanwhile show the hint", () => {
    const out = fillMissingMedia(mine, theirs, idsOf(mine));
    expect(out.characters[0][IMAGE_STAMP]).toBe(imageStamp("https://gen/fox.svg", "A red fox"));
    expect(imageMayBeOutOfDate("characters", out.characters[0])).toBe(true);
    expect(imageMayBeOutOfDate("scenes", out.scenes[0])).toBe(true);
    const untouched = { ...mine, scenes: [{ ...mine.scenes[0], image_description: "A fox at dawn" }] };
    expect(imageMayBeOutOfDate("scenes", fillMissingMedia(untouched, theirs, idsOf(untouched)).scenes[0])).toBe(false);
  });

  it("a regenerated scene image is stamped with the text it was regenerated from", () => {
    const current = { ...mine, scenes: [{ ...stampImage("scenes", { ...scene, image_description: "old" }), image_description: "A fox at dawn" }] };
    expect(imageMayBeOutOfDate("scenes", current.scenes[0])).toBe(true);
    const out = replaceSceneImage(current, { ...theirs, scenes: [{ ...theirs.scenes[0], image_url: "https://gen/1b.svg" }] }, "s1", idsOf(current));
    expect(out.scenes[0].image_url).toBe("https://gen/1b.svg");
    expect(imageMayBeOutOfDate("scenes", out.scenes[0])).toBe(false);
  });

  it("the stamp is ours: removed from what Vimmerse gets", () => {
    const board = fillMissingMedia(mine, theirs, idsOf(mine));
    const wire = cleanStoryboardForWire(board);
    expect(JSON.stringify(wire)).not.toContain(IMAGE_STAMP);
    expect(wire.scenes[0].image_url).toBe("https://gen/1.svg");
    expect(withoutStamp({ a: 1 })).toEqual({ a: 1 });
  });
});
