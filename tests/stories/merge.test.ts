import { describe, expect, it } from "vitest";
import { allElementsHaveImages, allScenesHaveImages, fillMissingMedia } from "@/lib/stories/merge";
import type { Storyboard } from "@/lib/validation/storyboard";

const mine: Storyboard = {
  characters: [{ name: "Melody", description: "My edited rabbit", image_url: "" }],
  environments: [{ name: "Field", description: "edited", image_url: "https://mine/field.png" }],
  objects: [],
  music: { description: "my music text", lyrics: "la" },
  scenes: [
    { name: "One", image_description: "edited one", video_description: "v", narrator: "n", image_url: "" },
    { name: "Two", image_description: "edited two", video_description: "v", narrator: "n", image_url: "https://mine/2.png" },
  ],
};

const theirs: Storyboard = {
  characters: [{ name: "Melody", description: "THEIR text", image_url: "https://gen/melody.svg" }],
  environments: [{ name: "Field", description: "THEIR", image_url: "https://gen/field.svg" }],
  objects: [],
  music: { description: "THEIR", lyrics: "THEIR", music_url: "https://gen/music.wav" },
  scenes: [
    { name: "One", image_description: "THEIR", video_description: "T", narrator: "T", image_url: "https://gen/1.svg", narration_url: "https://gen/1.wav" },
    { name: "Two", image_description: "THEIR", video_description: "T", narrator: "T", image_url: "https://gen/2.svg" },
  ],
};

describe("fillMissingMedia", () => {
  it("copies generated media into empty fields and never touches the creator's text or existing media", () => {
    const out = fillMissingMedia(mine, theirs);
    expect(out.characters[0]).toEqual({ name: "Melody", description: "My edited rabbit", image_url: "https://gen/melody.svg" });
    expect(out.environments[0].image_url).toBe("https://mine/field.png");
    expect(out.scenes[0].image_url).toBe("https://gen/1.svg");
    expect(out.scenes[0].narration_url).toBe("https://gen/1.wav");
    expect(out.scenes[0].image_description).toBe("edited one");
    expect(out.scenes[1].image_url).toBe("https://mine/2.png");
    expect(out.music).toEqual({ description: "my music text", lyrics: "la", music_url: "https://gen/music.wav" });
    expect(mine.scenes[0].image_url).toBe("");
  });

  it("matches elements by name when the order differs", () => {
    const reordered = { ...theirs, characters: [{ name: "Other", description: "", image_url: "https://gen/other.svg" }, theirs.characters[0]] };
    expect(fillMissingMedia(mine, reordered).characters[0].image_url).toBe("https://gen/melody.svg");
  });

  it("matches scenes by name, so a reorder does not move an image to another scene", () => {
    const reordered: Storyboard = { ...mine, scenes: [mine.scenes[1], mine.scenes[0]] };
    const out = fillMissingMedia(reordered, theirs);
    expect(out.scenes[0]).toMatchObject({ name: "Two", image_url: "https://mine/2.png" });
    expect(out.scenes[1]).toMatchObject({ name: "One", image_url: "https://gen/1.svg", narration_url: "https://gen/1.wav" });
  });

  it("tells when every element and scene has an image", () => {
    expect(allElementsHaveImages(mine)).toBe(false);
    expect(allElementsHaveImages(theirs)).toBe(true);
    expect(allScenesHaveImages(mine)).toBe(false);
    expect(allScenesHaveImages(theirs)).toBe(true);
    expect(allScenesHaveImages({ ...theirs, scenes: [] })).toBe(false);
  });
});
