import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PNG_1x1, client, startTestSimulator } from "./helpers";

/**
 * Demo uploads are written to disk once, next to the state file; the state file keeps only references
 * (before: every upload was held in memory and rewritten, base64, into the state file on every change).
 */

const dir = mkdtempSync(path.join(tmpdir(), "vimmerse-sim-uploads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;
/** A "large image": a PNG header followed by `size` bytes (the simulator sniffs the header). */
function largePng(size: number, seed: number): Buffer {
  const data = Buffer.alloc(size, seed);
  PNG_1x1.copy(data);
  return data;
}

describe("simulator uploads", () => {
  it("keeps the state file small after 10 large uploads, serves them from disk, and after a restart", async () => {
    const stateFile = path.join(dir, "state.json");
    const sim = await startTestSimulator({ stateFile });
    const api = client(sim);
    const urls: string[] = [];
    for (let i = 0; i < 10; i++) {
      const form = new FormData();
      form.append("idea", `Upload ${i}`);
      form.append("image_files", new Blob([new Uint8Array(largePng(2 * MB, i + 1))], { type: "image/png" }), `big-${i}.png`);
      const created = await api.multipart("/story/images-2-video", form);
      expect(created.status).toBe(200);
      urls.push(created.body.data.image_urls?.[0] ?? created.body.data.storyboard?.scenes?.[0]?.image_url);
    }
    await sim.close();

    expect(statSync(stateFile).size).toBeLessThan(200 * 1024); // 10 x 2 MB of uploads, in base64, would be ~27 MB
    const uploadsDir = path.join(dir, "state-uploads");
    expect(readdirSync(uploadsDir)).toHaveLength(10);

    const again = await startTestSimulator({ stateFile });
    try {
      const url = urls[3].replace(sim.url, again.url);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(largePng(2 * MB, 4))).toBe(true);
    } finally {
      await again.close();
    }
  });

  it("moves uploads of an older state file (bytes inline) to disk once", async () => {
    const stateFile = path.join(dir, "old.json");
    writeFileSync(
      stateFile,
      JSON.stringify({ version: 1, savedAt: "", credits: 100, stories: [], uploads: [{ id: "old.png", type: "image/png", name: "old.png", data: PNG_1x1.toString("base64") }] }),
    );
    const sim = await startTestSimulator({ stateFile });
    try {
      const res = await fetch(`${sim.url}/media/uploads/old.png`);
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG_1x1)).toBe(true);
    } finally {
      await sim.close();
    }
    expect(existsSync(path.join(dir, "old-uploads", "old.png"))).toBe(true);
    expect(JSON.stringify(JSON.parse((await import("node:fs")).readFileSync(stateFile, "utf8")).uploads)).not.toContain("data");
  });
});
