import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createVimmerseClient } from "@/lib/vimmerse/client";
import {
  VimmerseError,
  isVimmerseError,
  parseRetryAfter,
  toSafeError,
  toVimmerseError,
} from "@/lib/vimmerse/errors";
import { API_KEY, caught, client, json, text, type Responder } from "./helpers";

async function failure(respond: Responder, call: "get" | "post" = "post", timeoutMs = 5_000): Promise<VimmerseError> {
  const { vimmerse, calls } = client(respond, { timeoutMs });
  const e = await caught(() =>
    call === "get" ? vimmerse.getStory("abc") : vimmerse.generateVideos("abc", { duration: 5 }),
  );
  expect(isVimmerseError(e)).toBe(true);
  expect(calls.length).toBe(1); // never retried
  return e as VimmerseError;
}

function expectNoSecret(e: VimmerseError) {
  for (const s of [e.message, e.userMessage, JSON.stringify(toSafeError(e)), String(e.stack), JSON.stringify(e)]) {
    expect(s).not.toContain(API_KEY);
  }
}

describe("HTTP error mapping", () => {
  it("400 BAD_REQUEST", async () => {
    const e = await failure(() => json({ message: "BAD_REQUEST" }, 400));
    expect(e).toMatchObject({ kind: "bad_request", status: 400, outcomeUnknown: false, upstreamMessage: "BAD_REQUEST" });
    expect(e.userMessage).toBe("Vimmerse could not accept this request. Check the inputs and try again.");
    expect(e.message).toContain("400");
  });

  it("400 with a readable message shows it", async () => {
    const e = await failure(() => json({ message: "Image URL is not reachable" }, 400));
    expect(e.userMessage).toBe(
      "Vimmerse could not accept this request: Image URL is not reachable. Check the inputs and try again.",
    );
  });

  it.each([401, 403])("%i: the key was rejected", async (status) => {
    const e = await failure(() => json({ detail: "Not authenticated" }, status));
    expect(e.kind).toBe(status === 401 ? "unauthorized" : "forbidden");
    expect(e.userMessage).toBe("Vimmerse rejected the API key. Check VIMMERSE_API_KEY on the server.");
    expect(e.outcomeUnknown).toBe(false);
  });

  it("402 INSUFFICIENT_CREDIT", async () => {
    const e = await failure(() => json({ message: "INSUFFICIENT_CREDIT" }, 402));
    expect(e.kind).toBe("insufficient_credit");
    expect(e.status).toBe(402);
    expect(e.userMessage).toBe(
      "Your Vimmerse account is out of credits. Add credits in your Vimmerse account, then try again.",
    );
  });

  it("the message code wins over a generic status (400 + INSUFFICIENT_CREDIT)", () => {
    expect(toVimmerseError(400, { message: "INSUFFICIENT_CREDIT" }).kind).toBe("insufficient_credit");
  });

  it("404 NOT_FOUND", async () => {
    const e = await failure(() => json({ message: "NOT_FOUND" }, 404), "get");
    expect(e.kind).toBe("not_found");
    expect(e.userMessage).toMatch(/could not find this story/);
  });

  it("422: field errors from detail[].loc without the leading body/query", async () => {
    const e = await failure(() =>
      json(
        {
          detail: [
            { loc: ["body", "duration"], msg: "ensure this value is less than or equal to 10", type: "value_error" },
            { loc: ["body", "audio_option", "narrator"], msg: "unknown voice", type: "value_error" },
            { loc: ["query", "scenes", 0, "image_url"], msg: "invalid url", type: "value_error" },
            { loc: ["story_id"], msg: "field required", type: "missing" },
          ],
        },
        422,
      ),
    );
    expect(e.kind).toBe("validation");
    expect(e.fieldErrors).toEqual([
      { field: "duration", message: "ensure this value is less than or equal to 10" },
      { field: "audio_option.narrator", message: "unknown voice" },
      { field: "scenes.0.image_url", message: "invalid url" },
      { field: "story_id", message: "field required" },
    ]);
    expect(e.userMessage).toMatch(/^Vimmerse did not accept some fields: duration \(ensure this value/);
    expect(e.userMessage).toContain("audio_option.narrator (unknown voice)");
  });

  it('422 with {"detail": "string"} and with trailing commas', async () => {
    const e1 = await failure(() => json({ detail: "Invalid storyboard" }, 422));
    expect(e1.kind).toBe("validation");
    expect(e1.fieldErrors).toEqual([]);
    expect(e1.upstreamMessage).toBe("Invalid storyboard");
    const e2 = await failure(() => text('{"detail": [{"loc": ["body", "loop"], "msg": "too big", "type": "x",},],}', 422));
    expect(e2.fieldErrors).toEqual([{ field: "loop", message: "too big" }]);
  });

  it("429 with Retry-After seconds", async () => {
    const e = await failure(() => json({ message: "TOO_MANY_REQUESTS" }, 429, { "Retry-After": "30" }));
    expect(e.kind).toBe("rate_limited");
    expect(e.retryAfterSeconds).toBe(30);
    expect(e.outcomeUnknown).toBe(false);
    expect(e.userMessage).toBe("Vimmerse is busy (rate or concurrency limit). Wait 30 seconds and try again.");
    expect(toSafeError(e).retryAfterSeconds).toBe(30);
  });

  it("429 without Retry-After", async () => {
    const e = await failure(() => text("", 429));
    expect(e.retryAfterSeconds).toBeUndefined();
    expect(e.userMessage).toBe("Vimmerse is busy (rate or concurrency limit). Wait a minute and try again.");
  });

  it("Retry-After as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:02:00 GMT", now)).toBe(120);
    expect(parseRetryAfter("garbage", now)).toBeUndefined();
    expect(toVimmerseError(429, null, { "retry-after": "5" }).retryAfterSeconds).toBe(5);
  });

  it.each([500, 503])("%i: server error, outcome known", async (status) => {
    const e = await failure(() => json({ message: "INTERNAL_SERVER_ERROR" }, status));
    expect(e.kind).toBe("server");
    expect(e.outcomeUnknown).toBe(false);
    expect(e.userMessage).toBe("Vimmerse had a problem on its side. Your work is saved; try again in a few minutes.");
  });

  it("504 gateway timeout: the request may still be running", async () => {
    const e = await failure(() => text("upstream request timeout", 504));
    expect(e.kind).toBe("server");
    expect(e.outcomeUnknown).toBe(true);
  });

  it("an HTML error page is not shown to the user", async () => {
    const e = await failure(() =>
      text("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", 502, { "content-type": "text/html" }),
    );
    expect(e.kind).toBe("server");
    expect(e.userMessage).not.toMatch(/<|html/i);
    expect(e.message).not.toContain("<h1>");
  });

  it("a redirect is not followed and is reported", async () => {
    const e = await failure(() => new Response(null, { status: 301, headers: { location: "https://evil.example/" } }));
    expect(e.kind).toBe("invalid_response");
    expect(e.userMessage).toMatch(/VIMMERSE_BASE_URL/);
  });

  it("other 4xx map to bad_request", () => {
    expect(toVimmerseError(413, "Payload Too Large").kind).toBe("bad_request");
    expect(toVimmerseError(409, {}).kind).toBe("bad_request");
  });
});

describe("unreadable success answers", () => {
  it("a POST answered 200 with non-JSON: invalid_response, outcome unknown", async () => {
    const e = await failure(() => text("<html>oops</html>"));
    expect(e.kind).toBe("invalid_response");
    expect(e.outcomeUnknown).toBe(true);
  });

  it("a GET answered 200 with JSON but no story: invalid_response, outcome known", async () => {
    const e = await failure(() => json({ message: "ok" }), "get");
    expect(e.kind).toBe("invalid_response");
    expect(e.outcomeUnknown).toBe(false);
  });

  it("a POST answered 200 with an empty body", async () => {
    const e = await failure(() => new Response("", { status: 200 }));
    expect(e.kind).toBe("invalid_response");
    expect(e.outcomeUnknown).toBe(true);
  });
});

describe("timeouts and network errors", () => {
  const waitForAbort: Responder = (req) =>
    new Promise<Response>((_, reject) => {
      req.signal.addEventListener("abort", () => reject(req.signal.reason));
    });

  it("timeout: the fetch is aborted after timeoutMs; outcome unknown", async () => {
    const started = Date.now();
    const e = await failure(waitForAbort, "post", 50);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(e.kind).toBe("timeout");
    expect(e.outcomeUnknown).toBe(true);
    expect(e.userMessage).toBe(
      "Vimmerse did not answer in time. The request may still be running; check the story status before trying again.",
    );
  });

  it("a body that never finishes also times out", async () => {
    const e = await failure(
      (req) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"data": {'));
              req.signal.addEventListener("abort", () => controller.error(req.signal.reason));
            },
          }),
          { status: 200 },
        ),
      "post",
      50,
    );
    expect(e.kind).toBe("timeout");
    expect(e.outcomeUnknown).toBe(true);
  });

  it("the caller's abort signal ends the call as a timeout", async () => {
    const { vimmerse } = client(waitForAbort);
    const controller = new AbortController();
    const p = caught(() => vimmerse.getStory("abc", { signal: controller.signal }));
    controller.abort();
    const e = (await p) as VimmerseError;
    expect(e.kind).toBe("timeout");
  });

  const withCode = (code: string, message = `connect ${code}`) =>
    new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"])("%s before sending: network, outcome known", async (code) => {
    const e = await failure(() => Promise.reject(withCode(code)));
    expect(e.kind).toBe("network");
    expect(e.outcomeUnknown).toBe(false);
    expect(e.userMessage).toMatch(/^Could not reach Vimmerse/);
  });

  it.each(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"])("%s after sending: network, outcome unknown", async (code) => {
    const e = await failure(() => Promise.reject(withCode(code, "socket hang up")));
    expect(e.kind).toBe("network");
    expect(e.outcomeUnknown).toBe(true);
    expect(e.userMessage).toMatch(/may still be running/);
  });

  it("an unknown failure without a code: outcome unknown (conservative)", async () => {
    const e = await failure(() => Promise.reject(new TypeError("fetch failed")));
    expect(e.kind).toBe("network");
    expect(e.outcomeUnknown).toBe(true);
  });

  it("AggregateError of refused connections (IPv4 + IPv6): outcome known", async () => {
    const agg = new AggregateError([withCode("ECONNREFUSED").cause, withCode("ECONNREFUSED").cause], "connect failed");
    const e = await failure(() => Promise.reject(new TypeError("fetch failed", { cause: agg })));
    expect(e.outcomeUnknown).toBe(false);
  });

  describe("with real sockets", () => {
    let server: Server | undefined;
    afterEach(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
      server = createServer(handler);
      await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }

    it("connection refused: network, outcome known", async () => {
      const url = await listen(() => {});
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
      const vimmerse = createVimmerseClient({ baseUrl: url, apiKey: API_KEY, timeoutMs: 5_000 });
      const e = (await caught(() => vimmerse.generateVideos("abc"))) as VimmerseError;
      expect(e.kind).toBe("network");
      expect(e.outcomeUnknown).toBe(false);
      expectNoSecret(e);
    });

    it("socket hang up after the request was received: network, outcome unknown", async () => {
      const url = await listen((req) => req.socket.destroy());
      const vimmerse = createVimmerseClient({ baseUrl: url, apiKey: API_KEY, timeoutMs: 5_000 });
      const e = (await caught(() => vimmerse.generateVideos("abc", { duration: 5 }))) as VimmerseError;
      expect(e.kind).toBe("network");
      expect(e.outcomeUnknown).toBe(true);
    });

    it("a slow server: timeout", async () => {
      const url = await listen(() => {
        /* never answers */
      });
      const vimmerse = createVimmerseClient({ baseUrl: url, apiKey: API_KEY, timeoutMs: 100 });
      const e = (await caught(() => vimmerse.getStory("abc"))) as VimmerseError;
      expect(e.kind).toBe("timeout");
      expect(e.outcomeUnknown).toBe(true);
      server!.closeAllConnections();
    });

    it("a real round trip with the documented example body", async () => {
      let seen: { method?: string; url?: string; key?: string; type?: string; body: string } = { body: "" };
      const url = await listen((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          seen = {
            method: req.method,
            url: req.url,
            key: req.headers["x-api-key"] as string,
            type: req.headers["content-type"],
            body,
          };
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"data": {"id": "S1", "status": "new", "is_transition": "No",},}');
        });
      });
      const vimmerse = createVimmerseClient({ baseUrl: url, apiKey: API_KEY, timeoutMs: 5_000 });
      const story = await vimmerse.imagesToVideo({ image_urls: ["https://e.com/1.png", "https://e.com/2.png"], loop: 2 });
      expect(story).toMatchObject({ id: "S1", status: "new", is_transition: false });
      expect(seen).toEqual({
        method: "POST",
        url: "/story/images-2-video",
        key: API_KEY,
        type: "application/x-www-form-urlencoded",
        body: "image_urls=https%3A%2F%2Fe.com%2F1.png&image_urls=https%3A%2F%2Fe.com%2F2.png&loop=2",
      });
    });
  });
});

describe("the API key never leaks", () => {
  const scenarios: [string, Responder][] = [
    ["401 echoing the key", () => json({ message: `Invalid API key ${API_KEY}` }, 401)],
    ["400 text echoing the key", () => text(`bad request for key=${API_KEY}`, 400)],
    ["422 echoing the key in detail", () => json({ detail: [{ loc: ["header", API_KEY], msg: API_KEY, type: "x" }] }, 422)],
    ["500 HTML echoing the key", () => text(`<html><body>X-Api-Key: ${API_KEY}</body></html>`, 500)],
    ["200 non-JSON echoing the key", () => text(`not json ${API_KEY}`)],
    ["200 JSON without story echoing the key", () => json({ message: API_KEY })],
    ["network error whose message holds the key", () => Promise.reject(new TypeError(`failed ${API_KEY}`))],
  ];

  it.each(scenarios)("%s", async (_name, respond) => {
    const e = await failure(respond);
    expectNoSecret(e);
  });

  it("a successful story echoing the key is scrubbed too", async () => {
    const { vimmerse } = client(() => json({ data: { id: "S", note: `key ${API_KEY}` } }));
    const story = await vimmerse.getStory("S");
    expect(JSON.stringify(story)).not.toContain(API_KEY);
  });
});

describe("toSafeError", () => {
  it("is plain and serialisable", async () => {
    const e = await failure(() => json({ detail: [{ loc: ["body", "loop"], msg: "too big", type: "x" }] }, 422));
    const safe = toSafeError(e);
    expect(safe).toEqual({
      kind: "validation",
      message: e.userMessage,
      fieldErrors: [{ field: "loop", message: "too big" }],
      outcomeUnknown: false,
    });
    expect(JSON.parse(JSON.stringify(safe))).toEqual(safe);
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(JSON.stringify(safe)).not.toMatch(/stack|https?:/);
  });

  it("zod errors become invalid_input", () => {
    const r = z.object({ duration: z.number().max(10) }).safeParse({ duration: 11 });
    const safe = toSafeError(r.error);
    expect(safe.kind).toBe("invalid_input");
    expect(safe.fieldErrors[0].field).toBe("duration");
    expect(safe.outcomeUnknown).toBe(false);
  });

  it("an unknown error says nothing about its internals and is treated as outcome unknown", () => {
    const safe = toSafeError(new Error(`boom ${API_KEY} at https://api.vimmerse.net/story`));
    expect(safe.kind).toBe("server");
    expect(safe.outcomeUnknown).toBe(true);
    expect(JSON.stringify(safe)).not.toContain(API_KEY);
    expect(safe.message).not.toContain("boom");
  });

  it("isVimmerseError", () => {
    expect(isVimmerseError(new VimmerseError("network"))).toBe(true);
    expect(isVimmerseError(new Error("x"))).toBe(false);
    expect(isVimmerseError(null)).toBe(false);
  });
});
