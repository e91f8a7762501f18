import { describe, expect, it } from "vitest";
import { lenientJson, toBool } from "@/lib/simulator/body";
import { generateStoryboard } from "@/lib/simulator/generator";

const names = (list: Array<{ name: string }>) => list.map((x) => x.name);

describe("storyboard generator", () => {
  it("turns 'cute animals play musical instruments' into animal characters with instruments", () => {
    const { storyboard } = generateStoryboard({ idea: "Create a promotional video where cute animals play musical instruments.", sceneCount: 4, language: "English" });
    expect(storyboard.characters.length).toBeGreaterThanOrEqual(2);
    expect(storyboard.characters.every((c) => /\b(rabbit|monkey|sheep|giraffe|panda|fox|penguin|koala|hedgehog|otter)\b/.test(c.description))).toBe(true);
    expect(storyboard.objects.length).toBeGreaterThanOrEqual(2);
    expect(storyboard.music.description).toMatch(/melody/i);
    expect(storyboard.scenes).toHaveLength(4);
    expect(storyboard.scenes[3].name).toBe("Grand Finale");
  });

  it("uses names, products and places from the idea", () => {
    const charlie = generateStoryboard({ idea: "Animated story of Charlie, cheerful young person with short brown hair, casual clothes. Make it in 3D Pixar style.", sceneCount: 2, language: "English" });
    expect(names(charlie.storyboard.characters)).toEqual(["Charlie"]);
    expect(charlie.storyboard.characters[0].description).toMatch(/^Style:Pixar-style 3D, Charlie is a cheerful young person with short brown hair/);

    const promo = generateStoryboard({
      idea: "Create a realistic winter commercial for SkinRevive Moisturiser set in snowy mountains. Three girls are on a winter camping trip.",
      sceneCount: 3,
      language: "English",
    });
    expect(names(promo.storyboard.objects)).toContain("SkinRevive Moisturiser");
    expect(names(promo.storyboard.environments)).toEqual(expect.arrayContaining(["Snowy Mountains", "Mountain Campsite"]));
    expect(promo.storyboard.characters).toHaveLength(3);
    expect(promo.storyboard.characters[0].description).toMatch(/^Style:cinematic photorealistic/);
    expect(promo.storyboard.scenes.every((s) => s.image_description.includes("**SkinRevive Moisturiser**"))).toBe(true);

    const bunny = generateStoryboard({ idea: "Generate a Shonen style story that Bunny walk through forest and find outs honey is flowing.", sceneCount: 3, language: "English" });
    expect(names(bunny.storyboard.characters)).toEqual(["Bunny"]);
    expect(names(bunny.storyboard.environments)).toContain("Enchanted Forest");
    expect(names(bunny.storyboard.objects)).toContain("Honeycomb");
    expect(bunny.storyboard.characters[0].description).toMatch(/^Style:Shonen anime/);
  });

  it("honours scene_count, title, and mentions every element", () => {
    for (const n of [1, 2, 5, 9]) {
      const { storyboard, title } = generateStoryboard({ idea: "A robot explores space", sceneCount: n, language: "English", title: "My Title" });
      expect(storyboard.scenes).toHaveLength(n);
      expect(title).toBe("My Title");
      expect(storyboard.title_scene?.title).toBe("My Title");
      const text = storyboard.scenes.map((s) => s.image_description).join(" ");
      for (const el of [...storyboard.characters, ...storyboard.environments, ...storyboard.objects]) expect(text).toContain(`**${el.name}**`);
      expect(new Set(storyboard.scenes.map((s) => s.name)).size).toBe(n);
    }
  });

  it("falls back to a generic story for an idea it does not recognise", () => {
    const { storyboard } = generateStoryboard({ idea: "zxqv", sceneCount: 3, language: "Klingon" });
    expect(storyboard.characters.length).toBeGreaterThan(0);
    expect(storyboard.environments.length).toBeGreaterThan(0);
    expect(storyboard.objects.length).toBeGreaterThan(0);
    expect(storyboard.scenes).toHaveLength(3);
    expect(storyboard.scenes[0].narrator).toMatch(/\w+/);
  });
});

describe("lenient body values", () => {
  it("parses JSON, Python literals and trailing commas", () => {
    expect(lenientJson('{"a": true}')).toEqual({ ok: true, value: { a: true } });
    expect(lenientJson('{"has_bg_music": True, "narrator": None, "x": False,}')).toEqual({ ok: true, value: { has_bg_music: true, narrator: null, x: false } });
    expect(lenientJson("{'name': 'logo', 'ok': True}")).toEqual({ ok: true, value: { name: "logo", ok: true } });
    expect(lenientJson('{"text": "True story"}')).toEqual({ ok: true, value: { text: "True story" } });
    expect(lenientJson("{nope").ok).toBe(false);
  });

  it("reads booleans the way forms send them", () => {
    for (const v of [true, "true", "True", "1", "Yes", "yes", 1]) expect(toBool(v)).toBe(true);
    for (const v of [false, "false", "False", "0", "No", "no", 0]) expect(toBool(v)).toBe(false);
    expect(toBool("maybe")).toBeUndefined();
  });
});
