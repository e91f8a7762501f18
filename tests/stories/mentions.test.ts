import { describe, expect, it } from "vitest";
import {
  findMentions,
  mentionSegments,
  renameInText,
  renameMentions,
  scenesMentioning,
  suggestNames,
  unknownMentions,
} from "@/lib/stories/mentions";
import type { Storyboard } from "@/lib/validation/storyboard";

const board = (): Storyboard => ({
  characters: [{ name: "Ada", description: "" }],
  environments: [{ name: "Harbour", description: "" }],
  objects: [],
  music: { description: "", lyrics: "" },
  scenes: [
    { name: "One", image_description: "**Ada** at the **Harbour**", video_description: "", narrator: "" },
    { name: "Two", image_description: "The sea", video_description: "", narrator: "Then **ada** sings with **Bo**." },
    { name: "Three", image_description: "**Bo** and **Bo** again", video_description: "**Ada** waves", narrator: "" },
  ],
});

describe("mentions", () => {
  it("finds **Name** runs with their place, not single stars or empty ones", () => {
    expect(findMentions("**Ada** meets *Bo* and **** and **Cy**")).toEqual([
      { name: "Ada", start: 0, end: 7 },
      { name: "Cy", start: 32, end: 38 },
    ]);
    expect(mentionSegments("Hi **Ada**!")).toEqual([{ text: "Hi " }, { text: "**Ada**", mention: "Ada" }, { text: "!" }]);
  });

  it("says where each element appears (case-insensitive)", () => {
    expect(scenesMentioning(board(), "Ada")).toEqual([1, 2, 3]);
    expect(scenesMentioning(board(), "Harbour")).toEqual([1]);
    expect(scenesMentioning(board(), "Nobody")).toEqual([]);
  });

  it("renames every mention of a name in every scene field, and only that name", () => {
    expect(renameInText("**Ada** and **Adam** and **ada**", "Ada", "Ava")).toBe("**Ava** and **Adam** and **Ava**");
    expect(renameMentions(board(), "Ada", "Ava")).toEqual([
      { index: 0, field: "image_description", text: "**Ava** at the **Harbour**" },
      { index: 1, field: "narrator", text: "Then **Ava** sings with **Bo**." },
      { index: 2, field: "video_description", text: "**Ava** waves" },
    ]);
    expect(renameMentions(board(), "Ada", "Ada")).toEqual([]);
  });

  it("warns about names no element has, once per scene", () => {
    expect(unknownMentions(board())).toEqual([
      { index: 1, id: undefined, names: ["Bo"] },
      { index: 2, id: undefined, names: ["Bo"] },
    ]);
  });

  it("suggests names that start with what was typed first", () => {
    expect(suggestNames(["Harbour", "Ada", "Shadow"], "ad")).toEqual(["Ada", "Shadow"]);
    expect(suggestNames(["Ada", "Bo"], "")).toEqual(["Ada", "Bo"]);
  });
});
