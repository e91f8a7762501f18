import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PNG_1x1, client, control, startTestSimulator, waitFor, waitForStatus } from "./helpers";

const dir = mkdtempSync(path.join(tmpdir(), "vimmerse-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("state file", () => {
  it("keeps stories, uploads and credits across a restart", async () => {
    const stateFile = path.join(dir, "state.json");
    const first = await startTestSimulator({ stateFile, credits: 500 });
    const api1 = client(first);
    const form = new FormData();
    form.append("idea", "A day at the beach");
    form.append("image_files", new Blob([PNG_1x1], { type: "image/png" }), "beach.png");
    const created = await api1.multipart("/story", form);
    const id = created.body.data.id;
    const done = await waitForStatus(api1, id, "new");
    // a second story still running when the simulator stops
    const running = (await api1.json("/story/idea-2-video", { idea: "A robot explores space", scene_count: 1 })).body.data.id;
    await first.close();
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, "utf8")).stories).toHaveLength(2);

    // A fresh port: the client's pooled connections to the old one are dead.
    const second = await startTestSimulator({ stateFile });
    try {
      const api2 = client(second);
      const again = await api2.get(`/story/${id}`);
      expect(again.status).toBe(200);
      expect(again.body.data.storyboard.scenes.map((sc: { name: string }) => sc.name)).toEqual(done.storyboard.scenes.map((sc: { name: string }) => sc.name));
      // media URLs follow the simulator to its new address
      const uploadUrl: string = again.body.data.storyboard.scenes[0].image_url;
      expect(uploadUrl).toBe(done.storyboard.scenes[0].image_url.replace(first.url, second.url));
      expect(uploadUrl.startsWith(`${second.url}/media/uploads/`)).toBe(true);
      const upload = await fetch(uploadUrl);
      expect(upload.status).toBe(200);
      expect(Buffer.from(await upload.arrayBuffer()).equals(PNG_1x1)).toBe(true);
      expect((await control(second, "GET", "/config")).body.credits).toBe(500 - done.used_credits - (await api2.get(`/story/${running}`)).body.data.used_credits);
      // the job that was running goes on from where the clock says it is
      const finished = await waitForStatus(api2, running, "success", 30_000);
      expect(finished.video_url).toMatch(/\.webm$/);
    } finally {
      await second.close();
    }
  });
});

describe("scripts/simulator.ts", () => {
  it("starts from env, prints its URL and exits cleanly on SIGTERM", async () => {
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const child = spawn(tsx, ["scripts/simulator.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, SIMULATOR_PORT: "0", SIMULATOR_API_KEY: "script-key", SIMULATOR_TIME_SCALE: "0.05", SIMULATOR_CREDITS: "42" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    try {
      const url = await waitFor(async () => /Vimmerse simulator listening on (http:\/\/\S+)/.exec(out)?.[1], "the simulator to print its URL", 30_000);
      const sim = { url };
      expect((await client(sim, "nope").form("/story", { idea: "x" })).status).toBe(401);
      expect((await control(sim, "GET", "/config")).body).toEqual({ timeScale: 0.05, credits: 42 });
      const code = await new Promise<number | null>((resolve) => {
        child.once("exit", (c) => resolve(c));
        child.kill("SIGTERM");
      });
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
