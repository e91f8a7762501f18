import { describe, expect, it } from "vitest";
import { diffVersions, summarizeDiff } from "@/lib/stories/version-diff";
import type { Storyboard } from "@/lib/validation/storyboard";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const scene = (n: number, narrator = `Narration ${n}`) => ({ id: id(n), name: `S${n}`, image_description: "", video_description: "", narrator });
const board = (scenes: ReturnType<typeof scene>[], music = "Piano"): Storyboard => ({
  characters: [],
  environments: [],
  objects: [],
  music: { description: music, lyrics: "" },
  scenes,
});

describe("version diff by item id", () => {
  it("finds added, removed, moved and changed scenes, with a word diff", () => {
    const older = board([scene(1), scene(2), scene(3), scene(4)]);
    const newer = board([scene(3), scene(1), scene(2, "Narration two, slower"), scene(5)], "Piano and strings");
    const d = diffVersions(older, newer);
    expect(d.added.map((c) => c.name)).toEqual(["S5"]);
    expect(d.removed.map((c) => c.name)).toEqual(["S4"]);
    expect(d.moved.map((c) => [c.name, c.from, c.to])).toEqual([["S3", 2, 0]]);
    expect(d.changed.map((c) => c.name)).toEqual(["S2"]);
    const words = d.changed[0].fields[0].words;
    expect(words.filter((w) => w.removed).map((w) => w.text.trim())).toEqual(["2"]);
    expect(words.filter((w) => w.added).map((w) => w.text).join("")).toContain("two, slower");
    expect(d.other.map((c) => c.field)).toEqual(["Music description"]);
    expect(summarizeDiff(d)).toBe("1 added, 1 removed, 1 moved, 2 changed");
  });

  it("identical versions have no differences, whatever the positions say", () => {
    expect(summarizeDiff(diffVersions(board([scene(1), scene(2)]), board([scene(1), scene(2)])))).toBe("No differences");
  });
});

describe("a save conflict merges by itself when the two saves touched different items", () => {
  it("different scenes: apart; the same scene: ask", async () => {
    const { touchedApart } = await import("@/lib/stories/version-diff");
    const base = board([scene(1), scene(2)]);
    const mine = board([scene(1, "Mine"), scene(2)]);
    expect(touchedApart(base, mine, board([scene(1), scene(2, "Theirs")]))).toBe(true);
    expect(touchedApart(base, mine, board([scene(1, "Theirs too"), scene(2)]))).toBe(false);
    expect(touchedApart(base, mine, board([scene(1), scene(2)], "Organ"))).toBe(true);
  });
});
