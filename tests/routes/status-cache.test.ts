import { beforeEach, describe, expect, it, vi } from "vitest";
import { DomainError } from "@/lib/stories/errors";
import type { Actor } from "@/lib/auth/actor";
import { ownerOf } from "../support/owner";

/**
 * The status poll's cheap answers (issue 11): 304 when nothing changed (ETag of the exact body), and the session's
 * actor remembered for a few seconds, forgotten on any account change, never trusted for a refusal.
 */

const request = { cookie: "" };
vi.mock("next/headers", () => ({ headers: async () => new Headers(request.cookie ? { cookie: request.cookie } : {}) }));
const lookups = { n: 0, actor: null as Actor | null };
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => (lookups.n++, lookups.actor) }));

const { jsonOrNotModified } = await import("@/lib/services/http");
const { withCachedActor, forgetActors } = await import("@/lib/auth/actor-cache");

const actor = (workspace: string): Actor => ownerOf(workspace, { sessionExpiresAt: Date.now() + 3600_000 });

const get = (headers: Record<string, string> = {}) => new Request("http://app.test/api/stories/x/status", { headers });

describe("ETag / 304", () => {
  it("answers 304 with no body when If-None-Match names the current body, 200 with a new tag once it changed", async () => {
    const first = await jsonOrNotModified(get(), async () => ({ progress: 10 }));
    expect(first.status).toBe(200);
    const tag = first.headers.get("etag")!;
    expect(tag).toMatch(/^"[\w-]+"$/);
    expect(await first.json()).toEqual({ progress: 10 });

    const same = await jsonOrNotModified(get({ "if-none-match": tag }), async () => ({ progress: 10 }));
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect(same.headers.get("etag")).toBe(tag);
    expect((await jsonOrNotModified(get({ "if-none-match": `W/${tag}, "other"` }), async () => ({ progress: 10 }))).status).toBe(304);

    const changed = await jsonOrNotModified(get({ "if-none-match": tag }), async () => ({ progress: 20 }));
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
  });

  it("a refusal is still the refusal (never a 304)", async () => {
    const res = await jsonOrNotModified(get({ "if-none-match": "*" }), async () => {
      throw new DomainError("not_found", "This story does not exist.");
    });
    expect(res.status).toBe(404);
  });
});

describe("the poll's remembered actor", () => {
  beforeEach(() => {
    forgetActors();
    lookups.n = 0;
    lookups.actor = actor("w1");
    request.cookie = "better-auth.session_token=tok.sig";
    delete process.env.ACTOR_CACHE_MS;
  });

  it("looks the session up once for many polls of one session, again after an account change", async () => {
    for (let i = 0; i < 5; i++) expect((await withCachedActor(async (a) => a))?.workspace.id).toBe("w1");
    expect(lookups.n).toBe(1);
    forgetActors(); // sign-out, role or membership change
    await withCachedActor(async (a) => a);
    expect(lookups.n).toBe(2);
  });

  it("many polls of one session arriving together share one lookup", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => withCachedActor(async (a) => a?.workspace.id)));
    expect(answers.every((w) => w === "w1")).toBe(true);
    expect(lookups.n).toBe(1);
  });

  it("never refuses on a remembered actor: a refusal is retried with a fresh lookup", async () => {
    await withCachedActor(async (a) => a);
    lookups.actor = actor("w2"); // switched workspace on another instance
    const seen: string[] = [];
    const answer = await withCachedActor(async (a) => {
      seen.push(a!.workspace.id);
      if (a!.workspace.id !== "w2") throw new DomainError("not_found", "This story does not exist.");
      return "ok";
    });
    expect(answer).toBe("ok");
    expect(seen).toEqual(["w1", "w2"]);
  });

  it("does not remember without a session cookie, a signed-out visitor, or with ACTOR_CACHE_MS=0", async () => {
    request.cookie = "";
    await withCachedActor(async (a) => a);
    await withCachedActor(async (a) => a);
    expect(lookups.n).toBe(2);

    request.cookie = "better-auth.session_token=tok.sig";
    lookups.actor = null;
    await withCachedActor(async (a) => a);
    await withCachedActor(async (a) => a);
    expect(lookups.n).toBe(4);

    lookups.actor = actor("w1");
    process.env.ACTOR_CACHE_MS = "0";
    await withCachedActor(async (a) => a);
    await withCachedActor(async (a) => a);
    expect(lookups.n).toBe(6);
  });

  it("forgets an actor when its session ends", async () => {
    lookups.actor = { ...actor("w1"), sessionExpiresAt: Date.now() - 1 };
    await withCachedActor(async (a) => a);
    await withCachedActor(async (a) => a);
    expect(lookups.n).toBe(2);
  });
});
