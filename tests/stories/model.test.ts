import { describe, expect, it } from "vitest";
import { emptyStoryboard, idsOf, narrationOn, newElement, newScene, prepareForEditing, withIds, withoutIds } from "@/lib/stories/model";
import { storyboardSchema, type Storyboard } from "@/lib/validation/storyboard";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const legacy = (): Storyboard => ({
  characters: [{ name: "Ada", description: "" }, { name: "Bo", description: "" }],
  environments: [{ name: "Sea", description: "" }],
  objects: [],
  music: { description: "", lyrics: "" },
  scenes: [
    { name: "One", image_description: "", video_description: "", narrator: "" },
    { name: "One", image_description: "", video_description: "", narrator: "" },
  ],
});

describe("item ids", () => {
  it("withIds gives every scene and element lacking one a fresh uuid, and keeps existing ids", () => {
    const board = legacy();
    board.characters[1].id = "kept-id";
    const out = withIds(board);
    for (const item of [...out.characters, ...out.environments, ...out.scenes]) expect(item.id).toBeTruthy();
    expect(out.characters[1].id).toBe("kept-id");
    expect(out.characters[0].id).toMatch(UUID);
    expect(new Set(idsOf(out).scenes).size).toBe(2);
    // Idempotent: a storyboard that has its ids is returned as is.
    expect(withIds(out)).toBe(out);
  });

  it("renews duplicate and malformed ids", () => {
    const board = legacy();
    board.scenes[0].id = "same";
    board.scenes[1].id = "same";
    board.characters[0].id = "bad id with spaces";
    const out = withIds(board);
    expect(out.scenes[0].id).toBe("same");
    expect(out.scenes[1].id).not.toBe("same");
    expect(out.characters[0].id).toMatch(UUID);
  });

  it("new scenes and elements and the empty storyboard come from one place, each item with a fresh id", () => {
    expect(emptyStoryboard()).toEqual({ characters: [], environments: [], objects: [], music: { description: "", lyrics: "" }, scenes: [] });
    expect(newScene().id).not.toBe(newScene().id);
    expect(newElement({ name: "Ada" })).toMatchObject({ name: "Ada", description: "", id: expect.stringMatching(UUID) });
  });

  it("withoutIds removes our ids from every item", () => {
    const out = withoutIds(withIds(legacy()));
    expect(JSON.stringify(out)).not.toContain('"id"');
  });

  it("native audio turns narration off", () => {
    expect(narrationOn({ hasNarration: true, nativeAudio: true })).toBe(false);
    expect(narrationOn({ hasNarration: true, nativeAudio: false })).toBe(true);
    expect(narrationOn({ hasNarration: false })).toBe(false);
  });
});

describe("prepareForEditing (a stored storyboard opened in the editor)", () => {
  it("drops media addresses the form would refuse, so a field the creator did not touch never blocks saving", () => {
    const board = legacy();
    board.scenes[0].image_url = "javascript:alert(1)";
    board.characters[0].image_url = "https://ok/ada.png";
    board.music.music_url = "ftp://x";
    expect(storyboardSchema.safeParse(board).success).toBe(false);
    const { board: clean, dropped } = prepareForEditing(board);
    expect(storyboardSchema.safeParse(clean).success).toBe(true);
    expect(clean.scenes[0].image_url).toBeUndefined();
    expect(clean.characters[0].image_url).toBe("https://ok/ada.png");
    expect(dropped).toEqual(["Music music url", "Scene 1 image url"]);
  });

  it("removes NUL characters and gives ids", () => {
    const board = legacy();
    board.scenes[0].narrator = "a\u0000b";
    const { board: clean } = prepareForEditing(board);
    expect(clean.scenes[0].narrator).toBe("ab");
    expect(clean.scenes.every((s) => s.id)).toBe(true);
  });
});
