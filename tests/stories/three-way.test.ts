import { describe, expect, it } from "vitest";
import { threeWayMerge } from "@/lib/stories/three-way";
import type { Scene, Storyboard } from "@/lib/validation/storyboard";

const scene = (id: string, text: string, extra: Partial<Scene> = {}): Scene => ({
  id,
  name: id.toUpperCase(),
  image_description: text,
  video_description: "",
  narrator: "",
  ...extra,
});
const base: Storyboard = {
  characters: [{ id: "c1", name: "Ada", description: "sailor" }],
  environments: [],
  objects: [],
  music: { description: "waves", lyrics: "" },
  scenes: [scene("a", "A"), scene("b", "B"), scene("c", "C")],
};
const withScenes = (scenes: Scene[], over: Partial<Storyboard> = {}): Storyboard => ({ ...base, ...over, scenes });

describe("threeWayMerge (base = the version I loaded)", () => {
  it("keeps both sides' edits to different scenes", () => {
    const mine = withScenes([scene("a", "A mine"), scene("b", "B"), scene("c", "C")]);
    const theirs = withScenes([scene("a", "A"), scene("b", "B"), scene("c", "C theirs")]);
    expect(threeWayMerge(base, mine, theirs).scenes.map((s) => s.image_description)).toEqual(["A mine", "B", "C theirs"]);
  });

  it("keeps both sides' edits to different fields of one scene; the same field changed on both: mine wins", () => {
    const mine = withScenes([scene("a", "A mine"), scene("b", "B mine"), scene("c", "C")]);
    const theirs = withScenes([scene("a", "A", { narrator: "their words" }), scene("b", "B theirs"), scene("c", "C")]);
    const out = threeWayMerge(base, mine, theirs);
    expect(out.scenes[0]).toMatchObject({ image_description: "A mine", narrator: "their words" });
    expect(out.scenes[1].image_description).toBe("B mine");
  });

  it("an item they removed that I edited comes back with my edit; one they removed that I did not touch stays removed", () => {
    const mine = withScenes([scene("a", "A mine"), scene("b", "B"), scene("c", "C")]);
    const theirs = withScenes([scene("c", "C")]);
    expect(threeWayMerge(base, mine, theirs).scenes.map((s) => [s.id, s.image_description])).toEqual([
      ["a", "A mine"],
      ["c", "C"],
    ]);
  });

  it("an item I removed stays removed; items they added are kept in their place", () => {
    const mine = withScenes([scene("a", "A"), scene("c", "C")]);
    const theirs = withScenes([scene("a", "A"), scene("b", "B"), scene("n", "new"), scene("c", "C")]);
    expect(threeWayMerge(base, mine, theirs).scenes.map((s) => s.id)).toEqual(["a", "n", "c"]);
  });

  it("my reorder wins; their edit to a moved scene is kept", () => {
    const mine = withScenes([scene("c", "C"), scene("a", "A"), scene("b", "B")]);
    const theirs = withScenes([scene("a", "A"), scene("b", "B theirs"), scene("c", "C")]);
    const out = threeWayMerge(base, mine, theirs);
    expect(out.scenes.map((s) => [s.id, s.image_description])).toEqual([
      ["c", "C"],
      ["a", "A"],
      ["b", "B theirs"],
    ]);
  });

  it("their reorder is kept when I did not reorder", () => {
    const mine = withScenes([scene("a", "A mine"), scene("b", "B"), scene("c", "C"), scene("m", "mine new")]);
    const theirs = withScenes([scene("b", "B"), scene("a", "A"), scene("c", "C")]);
    expect(threeWayMerge(base, mine, theirs).scenes.map((s) => s.id)).toEqual(["b", "a", "c", "m"]);
  });

  it("an empty field of mine never erases a generated image, and music / elements merge field by field", () => {
    const mine = withScenes([scene("a", "A", { image_url: "" }), scene("b", "B"), scene("c", "C")], {
      music: { description: "storm", lyrics: "" },
    });
    const theirs = withScenes([scene("a", "A", { image_url: "https://gen/a.svg" }), scene("b", "B"), scene("c", "C")], {
      music: { description: "waves", lyrics: "la la" },
      characters: [{ id: "c1", name: "Ada", description: "captain" }],
    });
    const out = threeWayMerge(base, mine, theirs);
    expect(out.scenes[0].image_url).toBe("https://gen/a.svg");
    expect(out.music).toEqual({ description: "storm", lyrics: "la la" });
    expect(out.characters[0].description).toBe("captain");
  });
});
