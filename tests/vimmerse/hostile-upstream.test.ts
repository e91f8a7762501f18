import { describe, expect, it } from "vitest";
import { parseStoryResponse } from "@/lib/vimmerse/story";
import { storyboardSchema } from "@/lib/validation/storyboard";

/**
 * Upstream values are cleaned at the client boundary (issue 6): a `javascript:` URL must not land in the
 * storyboard (it blocked every later save), and a NUL in any text must not reach the database (it made every
 * refresh fail forever). The story still parses.
 */

const NUL = "\u0000";

function hostileStory() {
  return {
    data: {
      id: "story-1",
      title: `Fox${NUL} tale\u0007`,
      status: "success",
      progress_percentage: 100,
      message: `done${NUL}`,
      video_url: "javascript:alert(document.cookie)",
      narration_url: "data:audio/wav;base64,AAAA",
      audio_urls: ["https://media.vimmerse.net/a.wav", "javascript:alert(1)", "file:///etc/passwd"],
      image_urls: JSON.stringify(["https://media.vimmerse.net/i.png", "vbscript:x"]),
      extra_field: { [`key${NUL}`]: `value${NUL}`, thumbnail_url: "javascript:void(0)" },
      storyboard: {
        characters: [
          { name: `Fox${NUL}`, description: "A red fox\nwith a\tscarf", image_url: "javascript:alert(1)" },
          { name: "Owl", description: "wise", URL: "https://media.vimmerse.net/owl.png" },
        ],
        environments: [{ name: "Forest", description: "dark", image_url: " JaVaScRiPt:alert(1)" }],
        objects: [],
        music: { description: "calm", lyrics: `la${NUL}la`, music_url: "javascript:play()" },
        scenes: [
          {
            name: "Opening",
            image_description: `The fox **Fox${NUL}** runs\u001b[31m`,
            video_description: "camera motion: pan",
            narrator: `Once upon a time${NUL}`,
            image_url: "https://media.vimmerse.net/s1.png",
            narration_url: "javascript:alert(2)",
          },
        ],
      },
      medias: [{ media_id: "m1", video_url: "javascript:alert(3)", image_url: "https://media.vimmerse.net/s1.png", error: `bad${NUL}` }],
    },
  };
}

function containsControl(value: unknown): boolean {
  return /[\u0000-\u0008\u000B-\u001F\u007F]/.test(JSON.stringify(value).replace(/\\u00[01][0-9a-f]/gi, (m) => String.fromCharCode(parseInt(m.slice(2), 16))));
}

describe("hostile upstream values", () => {
  it("still parses, with control characters stripped from every string (\\n and \\t kept)", () => {
    const story = parseStoryResponse(hostileStory());
    expect(story.id).toBe("story-1");
    expect(story.status).toBe("success");
    expect(story.title).toBe("Fox tale");
    expect(story.message).toBe("done");
    expect(story.storyboard.characters[0].name).toBe("Fox");
    expect(story.storyboard.characters[0].description).toBe("A red fox\nwith a\tscarf");
    expect(story.storyboard.scenes[0].narrator).toBe("Once upon a time");
    expect(story.storyboard.music.lyrics).toBe("lala");
    expect(story.mediaViews[0].error).toBe("bad");
    expect(story.extra_field).toEqual({ key: "value" });
    expect(containsControl(story)).toBe(false);
    expect(JSON.stringify(story)).not.toContain("\\u0000");
  });

  it("drops every media URL that is not http(s)", () => {
    const story = parseStoryResponse(hostileStory());
    expect(story.video_url).toBe("");
    expect(story.narration_url).toBe("");
    expect(story.audio_urls).toEqual(["https://media.vimmerse.net/a.wav"]);
    expect(story.image_urls).toEqual(["https://media.vimmerse.net/i.png"]);
    const board = story.storyboard;
    expect(board.characters[0].image_url).toBeUndefined();
    expect(board.characters[1].image_url).toBe("https://media.vimmerse.net/owl.png");
    expect(board.environments[0].image_url).toBeUndefined();
    expect(board.music.music_url).toBeUndefined();
    expect(board.scenes[0].image_url).toBe("https://media.vimmerse.net/s1.png");
    expect(board.scenes[0].narration_url).toBeUndefined();
    expect(story.mediaViews[0].video_url).toBe("");
    expect(JSON.stringify(story).toLowerCase()).not.toMatch(/javascript:|vbscript:|data:audio|file:/);
  });

  it("gives a storyboard our own save validation accepts (no creator blocked by a field they never touched)", () => {
    const story = parseStoryResponse(hostileStory());
    expect(storyboardSchema.safeParse(story.storyboard).success).toBe(true);
  });

  it("replaces lone surrogates (not storable in PostgreSQL) and survives a JSON string body", () => {
    const text = JSON.stringify(hostileStory()).replace('"Opening"', '"Open\\ud800ing"');
    const story = parseStoryResponse(text);
    expect(story.storyboard.scenes[0].name).toBe("Open\ufffding");
    expect(story.storyboard.scenes[0].image_description).toBe("The fox **Fox** runs[31m");
  });
});
