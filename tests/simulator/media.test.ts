import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "@/lib/simulator";
import { client, startTestSimulator, waitForStatus } from "./helpers";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(path.startsWith("http") ? path : `${sim.url}${path}`, { headers });
  return { res, data: Buffer.from(await res.arrayBuffer()) };
}

describe("media", () => {
  it("serves an SVG with the requested aspect ratio and label", async () => {
    const { res, data } = await get("/media/images/abc123.svg?ar=9:16&label=Melody%27s%20%3CSolo%3E&kind=character");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toMatch(/max-age/);
    const svg = data.toString("utf8");
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg /);
    expect(svg).toContain('viewBox="0 0 720 1280"');
    expect(svg).toContain("Melody&apos;s &lt;Solo&gt;");
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    // deterministic per seed, different across seeds
    expect((await get("/media/images/abc123.svg?ar=9:16&label=Melody%27s%20%3CSolo%3E&kind=character")).data.equals(data)).toBe(true);
    expect((await get("/media/images/other.svg?ar=1:1")).data.toString()).toContain('viewBox="0 0 1024 1024"');
  });

  it("serves real PCM WAV audio (music ~8 s, narration ~3-4 s)", async () => {
    for (const [kind, min, max] of [["music", 7.5, 8.5], ["narration", 2.9, 4.1]] as const) {
      const { res, data } = await get(`/media/audio/${kind}-deadbeef.wav`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("audio/wav");
      expect(Number(res.headers.get("content-length"))).toBe(data.length);
      expect(data.subarray(0, 4).toString("latin1")).toBe("RIFF");
      expect(data.subarray(8, 12).toString("latin1")).toBe("WAVE");
      expect(data.readUInt16LE(20)).toBe(1); // PCM
      const rate = data.readUInt32LE(24);
      const bytes = data.readUInt32LE(40);
      const seconds = bytes / (rate * 2);
      expect(seconds).toBeGreaterThan(min);
      expect(seconds).toBeLessThan(max);
      // not silence
      let peak = 0;
      for (let i = 44; i < data.length; i += 2) peak = Math.max(peak, Math.abs(data.readInt16LE(i)));
      expect(peak).toBeGreaterThan(10000);
    }
  });

  it("serves a WebM video per aspect ratio, with Range support", async () => {
    const full = await get("/media/video/story-1-16x9.webm");
    expect(full.res.status).toBe(200);
    expect(full.res.headers.get("content-type")).toBe("video/webm");
    expect(full.res.headers.get("accept-ranges")).toBe("bytes");
    expect(full.data.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))).toBe(true); // EBML
    expect(full.data.includes(Buffer.from("webm"))).toBe(true);
    expect(full.data.length).toBeLessThan(150 * 1024);

    const part = await get("/media/video/story-1-16x9.webm", { Range: "bytes=0-99" });
    expect(part.res.status).toBe(206);
    expect(part.res.headers.get("content-range")).toBe(`bytes 0-99/${full.data.length}`);
    expect(part.data.equals(full.data.subarray(0, 100))).toBe(true);

    const tail = await get("/media/video/story-1-16x9.webm", { Range: "bytes=-50" });
    expect(tail.res.status).toBe(206);
    expect(tail.data.equals(full.data.subarray(full.data.length - 50))).toBe(true);

    const open = await get("/media/video/story-1-16x9.webm", { Range: `bytes=${full.data.length - 10}-` });
    expect(open.data).toHaveLength(10);

    expect((await get("/media/video/story-1-16x9.webm", { Range: `bytes=${full.data.length + 5}-` })).res.status).toBe(416);

    const portrait = await get("/media/video/story-1-9x16.webm");
    const square = await get("/media/video/story-1-1x1.webm");
    expect(portrait.data.equals(full.data)).toBe(false);
    expect(square.data.equals(full.data)).toBe(false);
    expect(square.data.equals(portrait.data)).toBe(false);
  });

  it("media URLs in stories resolve", async () => {
    const api = client(sim);
    const r = await api.json("/story/idea-2-video", { idea: "A chef bakes a cake", scene_count: 1, aspect_ratio: "1:1" });
    const done = await waitForStatus(api, r.body.data.id, "success", 30_000);
    const urls = [
      done.video_url,
      done.finished_medias[0].video_url,
      done.storyboard.scenes[0].image_url,
      done.storyboard.scenes[0].narration_url,
      done.storyboard.music.music_url,
      done.storyboard.characters[0].image_url,
    ];
    for (const url of urls) {
      const { res } = await get(url);
      expect(res.status, url).toBe(200);
    }
    expect(done.video_url).toMatch(/-1x1\.webm$/);
    expect((await get("/media/uploads/missing.png")).res.status).toBe(404);
  });
});
