import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "@/lib/simulator";
import { client, control, startTestSimulator, type Client } from "./helpers";

let sim: RunningSimulator;
let api: Client;

beforeAll(async () => {
  sim = await startTestSimulator();
  api = client(sim);
});
afterAll(() => sim.close());
beforeEach(() => control(sim, "POST", "/reset"));

describe("fault injection (/__sim/faults)", () => {
  it("answers with the documented body for the status, once by default", async () => {
    const f = await control(sim, "POST", "/faults", { method: "POST", path: "/story", status: 402 });
    expect(f.status).toBe(200);
    expect(f.body.id).toEqual(expect.any(String));
    expect(await api.form("/story", { idea: "x" })).toMatchObject({ status: 402, body: { message: "INSUFFICIENT_CREDIT" } });
    expect((await api.form("/story", { idea: "x" })).status).toBe(200);
  });

  it("supports times, wildcards, custom bodies, 500, 429 and 422", async () => {
    await control(sim, "POST", "/faults", { path: "/story/*", method: "GET", status: 500, times: 2 });
    expect(await api.get("/story/abc")).toMatchObject({ status: 500, body: { message: "INTERNAL_SERVER_ERROR" } });
    expect((await api.get("/story/def")).status).toBe(500);
    expect((await api.get("/story/def")).status).toBe(404);

    await control(sim, "POST", "/faults", { status: 429 });
    const limited = await api.form("/story", { idea: "x" });
    expect(limited).toMatchObject({ status: 429, body: { message: "TOO_MANY_REQUESTS" } });
    expect(limited.headers.get("retry-after")).toBe("1");

    await control(sim, "POST", "/faults", { path: "/story", status: 503, body: { message: "custom" } });
    expect(await api.form("/story", { idea: "x" })).toMatchObject({ status: 503, body: { message: "custom" } });

    await control(sim, "POST", "/faults", { path: "/story", status: 422 });
    const invalid = await api.form("/story", { idea: "x" });
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail[0]).toMatchObject({ loc: expect.any(Array), msg: expect.any(String), type: expect.any(String) });
  });

  it("applies faults in order of registration; times 0 lasts until cleared", async () => {
    await control(sim, "POST", "/faults", { path: "/story", status: 400 });
    await control(sim, "POST", "/faults", { path: "/story", status: 500, times: 0 });
    expect((await api.form("/story", { idea: "x" })).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await api.form("/story", { idea: "x" })).status).toBe(500);
    expect((await control(sim, "GET", "/faults")).body).toHaveLength(2);
    await control(sim, "DELETE", "/faults");
    expect((await api.form("/story", { idea: "x" })).status).toBe(200);
  });

  it("drop destroys the connection without an answer", async () => {
    await control(sim, "POST", "/faults", { path: "/story", drop: true });
    await expect(fetch(`${sim.url}/story`, { method: "POST", headers: { "X-Api-Key": "k" }, body: new URLSearchParams({ idea: "x" }) })).rejects.toThrow();
    expect((await api.form("/story", { idea: "x" })).status).toBe(200);
  });

  it("delayMs delays the real answer", async () => {
    await control(sim, "POST", "/faults", { path: "/story", delayMs: 300 });
    const t0 = Date.now();
    const r = await api.form("/story", { idea: "slow" });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(r.status).toBe(200);
    expect(r.body.data.idea).toBe("slow");
  });

  it("requests consumed by faults are still logged; bad specs are refused", async () => {
    await control(sim, "POST", "/faults", { path: "/story", status: 500 });
    await api.form("/story", { idea: "x" });
    const log = (await control(sim, "GET", "/requests")).body;
    expect(log).toEqual([expect.objectContaining({ method: "POST", path: "/story", status: 500 })]);
    expect((await control(sim, "POST", "/faults", { path: "story" })).status).toBe(400);
    expect((await control(sim, "POST", "/faults", { path: "/story" })).status).toBe(400);
  });

  it("reset clears stories, faults, the log and credits", async () => {
    const r = await api.form("/story", { idea: "x" });
    await control(sim, "POST", "/config", { credits: 5 });
    await control(sim, "POST", "/faults", { path: "/nothing", status: 500 });
    await control(sim, "POST", "/reset");
    expect((await api.get(`/story/${r.body.data.id}`)).status).toBe(404);
    expect((await control(sim, "GET", "/faults")).body).toEqual([]);
    expect((await control(sim, "GET", "/requests")).body).toHaveLength(1); // the GET just made
    expect((await control(sim, "GET", "/config")).body.credits).toBe(100000);
  });
});
