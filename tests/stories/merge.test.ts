import { describe, expect, it } from "vitest";
import { allElementsHaveImages, allScenesHaveImages, fillMissingMedia, replaceSceneImage, withSentIds } from "@/lib/stories/merge";
import { idsOf } from "@/lib/stories/model";
import type { Storyboard } from "@/lib/validation/storyboard";

const mine: Storyboard = {
  characters: [{ id: "c-melody", name: "Melody", description: "My edited rabbit", image_url: "" }],
  environments: [{ id: "e-field", name: "Field", description: "edited", image_url: "https://mine/field.png" }],
  objects: [],
  music: { description: "my music text", lyrics: "la" },
  scenes: [
    { id: "s-one", name: "One", image_description: "edited one", video_description: "v", narrator: "n", image_url: "" },
    { id: "s-two", name: "Two", image_description: "edited two", video_description: "v", narrator: "n", image_url: "https://mine/2.png" },
  ],
};

/** What Vimmerse answers: no ids (they are never sent), items in the order they were sent. */
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
const sent = idsOf(mine);

describe("fillMissingMedia (by id)", () => {
  it("copies generated media into empty fields and never touches the creator's text or existing media", () => {
    const out = fillMissingMedia(mine, theirs, sent);
    expect(out.characters[0]).toEqual({ id: "c-melody", name: "Melody", description: "My edited rabbit", image_url: "https://gen/melody.svg", image_made_from: expect.any(String) });
    expect(out.environments[0].image_url).toBe("https://mine/field.png");
    expect(out.scenes[0].image_url).toBe("https://gen/1.svg");
    expect(out.scenes[0].narration_url).toBe("https://gen/1.wav");
    expect(out.scenes[0].image_description).toBe("edited one");
    expect(out.scenes[1].image_url).toBe("https://mine/2.png");
    expect(out.music).toEqual({ description: "my music text", lyrics: "la", music_url: "https://gen/music.wav" });
    expect(mine.scenes[0].image_url).toBe("");
  });

  it("a reorder, a rename and a removal made during the step cannot move an image to another scene", () => {
    const three: Storyboard = {
      ...mine,
      scenes: [
        { id: "a", name: "Same", image_description: "a", video_description: "", narrator: "", image_url: "" },
        { id: "b", name: "Same", image_description: "b", video_description: "", narrator: "", image_url: "" },
        { id: "c", name: "Same", image_description: "c", video_description: "", narrator: "", image_url: "" },
      ],
    };
    const sentThree = idsOf(three);
    const answer = {
      ...theirs,
      scenes: ["A", "B", "C"].map((n) => ({ name: "Same", image_description: n, video_description: "", narrator: "", image_url: `https://gen/${n}.svg` })),
    };
    // During the step: c moved to the top, b renamed, a removed, a new scene added.
    const during: Storyboard = {
      ...three,
      scenes: [
        three.scenes[2],
        { ...three.scenes[1], name: "Renamed" },
        { id: "new", name: "Same", image_description: "new", video_description: "", narrator: "", image_url: "" },
      ],
    };
    const out = fillMissingMedia(during, answer, sentThree);
    expect(out.scenes.map((s) => [s.id, s.name, s.image_url])).toEqual([
      ["c", "Same", "https://gen/C.svg"],
      ["b", "Renamed", "https://gen/B.svg"],
      ["new", "Same", ""],
    ]);
  });

  it("elements are matched by id, not by name or position", () => {
    const two: Storyboard = {
      ...mine,
      characters: [
        { id: "x", name: "Twin", description: "", image_url: "" },
        { id: "y", name: "Twin", description: "", image_url: "" },
      ],
    };
    const answer = { ...theirs, characters: [{ name: "Twin", description: "", image_url: "https://gen/x.svg" }, { name: "Twin", description: "", image_url: "https://gen/y.svg" }] };
    const swapped = { ...two, characters: [two.characters[1], two.characters[0]] };
    const out = fillMissingMedia(swapped, answer, idsOf(two));
    expect(out.characters.map((c) => [c.id, c.image_url])).toEqual([
      ["y", "https://gen/y.svg"],
      ["x", "https://gen/x.svg"],
    ]);
  });

  it("without sent ids, Vimmerse's items (which carry none) match nothing: no media lands by position", () => {
    const out = fillMissingMedia(mine, theirs);
    expect(out.scenes[0].image_url).toBe("");
    expect(out.characters[0].image_url).toBe("");
  });

  it("a stored storyboard of ours (with ids) merges by its own ids", () => {
    const stored = withSentIds(theirs, sent) as Storyboard;
    const out = fillMissingMedia({ ...mine, scenes: [mine.scenes[1], mine.scenes[0]] }, stored);
    expect(out.scenes.map((s) => [s.id, s.image_url])).toEqual([
      ["s-two", "https://mine/2.png"],
      ["s-one", "https://gen/1.svg"],
    ]);
  });

  it("tells when every element and scene has an image", () => {
    expect(allElementsHaveImages(mine)).toBe(false);
    expect(allElementsHaveImages(theirs)).toBe(true);
    expect(allScenesHaveImages(mine)).toBe(false);
    expect(allScenesHaveImages(theirs)).toBe(true);
    expect(allScenesHaveImages({ ...theirs, scenes: [] })).toBe(false);
  });
});

describe("replaceSceneImage (regenerate one scene by id)", () => {
  it("replaces the image of the scene with that id, wherever it moved", () => {
    const answer = { ...theirs, scenes: [{ ...theirs.scenes[0] }, { ...theirs.scenes[1], image_url: "https://gen/2-new.svg" }] };
    const moved: Storyboard = { ...mine, scenes: [mine.scenes[1], mine.scenes[0]] };
    const out = replaceSceneImage(moved, answer, "s-two", sent);
    expect(out.scenes[0]).toMatchObject({ id: "s-two", image_url: "https://gen/2-new.svg" });
    expect(out.scenes[1]).toMatchObject({ id: "s-one", image_url: "" });
  });

  it("does nothing when the scene was removed meanwhile", () => {
    const without: Storyboard = { ...mine, scenes: [mine.scenes[0]] };
    expect(replaceSceneImage(without, theirs, "s-two", sent)).toBe(without);
  });
});
