import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUrl, isNonPublicAddress, safeFetch, type SafeFetchPolicy } from "@/lib/net/safe-fetch";

/**
 * The one safe fetch for URLs that came from outside: scheme, allow-list, non-public addresses (checked on every
 * resolved address, at connect time), redirects re-checked hop by hop, and a body that streams past the
 * header timeout.
 */

let server: http.Server;
let origin = "";
let secretHits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/media/video.webm") {
      res.writeHead(200, { "content-type": "video/webm" });
      return res.end("VIDEO");
    }
    if (url.pathname === "/media/slow") {
      // headers at once, then the body trickles for longer than the header timeout
      res.writeHead(200, { "content-type": "video/webm" });
      let n = 0;
      const t = setInterval(() => {
        res.write("x");
        if (++n === 6) {
          clearInterval(t);
          res.end();
        }
      }, 60);
      return;
    }
    if (url.pathname === "/media/hang") return; // never answers
    if (url.pathname === "/media/to-secret") {
      res.writeHead(302, { location: "/secret" });
      return res.end();
    }
    if (url.pathname === "/media/to-localhost") {
      res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/media/video.webm` });
      return res.end();
    }
    if (url.pathname === "/media/to-metadata") {
      res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    if (url.pathname === "/media/to-javascript") {
      res.writeHead(302, { location: "javascript:alert(1)" });
      return res.end();
    }
    if (url.pathname === "/media/loop") {
      res.writeHead(302, { location: "/media/loop" });
      return res.end();
    }
    if (url.pathname === "/media/hop") {
      res.writeHead(302, { location: "/media/video.webm" });
      return res.end();
    }
    if (url.pathname === "/secret") {
      secretHits++;
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end("VIMMERSE_API_KEY=sk-live-secret");
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const production: SafeFetchPolicy = { allowHosts: ["media.vimmerse.net", "*.cdn.example"] };
/** The demo simulator: its /media/ paths are trusted, nothing else on that origin. */
const demo = (): SafeFetchPolicy => ({ allowHosts: ["media.vimmerse.net"], trustedPrefixes: [`${origin}/media/`], headersTimeoutMs: 300 });

describe("address classification", () => {
  it.each([
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
    "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "::ffff:7f00:1", "64:ff9b::7f00:1", "2002:7f00:1::", "2001::1", "not-an-ip",
  ])("%s is not public", (ip) => expect(isNonPublicAddress(ip)).toBe(true));
  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])("%s is public", (ip) =>
    expect(isNonPublicAddress(ip)).toBe(false),
  );
});

describe("URL checks", () => {
  it.each([
    ["javascript:alert(1)", "scheme"],
    ["file:///etc/passwd", "scheme"],
    ["data:text/html,hi", "scheme"],
    ["ftp://media.vimmerse.net/x", "scheme"],
    ["https://user:pw@media.vimmerse.net/x", "credentials"],
    ["https://evil.example/x.mp4", "host"],
    ["https://media.vimmerse.net.evil.example/x", "host"],
    ["http://127.0.0.1:8080/secret", "host"],
    ["http://localhost/secret", "host"],
    ["not a url", "malformed"],
  ])("%s is refused (%s)", (url, reason) => {
    expect(() => checkUrl(url, production)).toThrow(expect.objectContaining({ reason }));
  });
  it("allows the configured hosts and their wildcard subdomains", () => {
    expect(checkUrl("https://media.vimmerse.net/a.mp4", production).url.hostname).toBe("media.vimmerse.net");
    expect(checkUrl("https://eu.cdn.example/a.mp4", production).url.hostname).toBe("eu.cdn.example");
    expect(() => checkUrl("https://cdn.example/a.mp4", production)).toThrow();
  });
  it("refuses an allowed host name given as a private IP literal", () => {
    expect(() => checkUrl("http://10.0.0.5/x", { allowHosts: ["10.0.0.5"] })).toThrow(expect.objectContaining({ reason: "address" }));
  });
});

describe("safeFetch", () => {
  it("refuses a loopback URL without connecting", async () => {
    const before = secretHits;
    await expect(safeFetch(`${origin}/secret`, production)).rejects.toMatchObject({ name: "UnsafeUrlError" });
    expect(secretHits).toBe(before);
  });

  it("refuses an allowed host name that resolves to a private address (every address checked)", async () => {
    const policy: SafeFetchPolicy = {
      allowHosts: ["media.vimmerse.net"],
      lookup: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: `127.0.0.1`, family: 4 },
      ],
    };
    await expect(safeFetch(`http://media.vimmerse.net:${new URL(origin).port}/secret`, policy)).rejects.toMatchObject({ reason: "address" });
    const mapped: SafeFetchPolicy = { ...policy, lookup: async () => [{ address: "::ffff:127.0.0.1", family: 6 }] };
    await expect(safeFetch(`http://media.vimmerse.net:${new URL(origin).port}/secret`, mapped)).rejects.toMatchObject({ reason: "address" });
  });

  it("streams a trusted demo media URL", async () => {
    const res = await safeFetch(`${origin}/media/video.webm`, demo());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/webm");
    expect(await res.text()).toBe("VIDEO");
  });

  it("follows a redirect that stays allowed, re-checking each hop", async () => {
    const res = await safeFetch(`${origin}/media/hop`, demo());
    expect(await res.text()).toBe("VIDEO");
  });

  it.each(["to-secret", "to-localhost", "to-metadata", "to-javascript"])("refuses a redirect %s", async (path) => {
    const before = secretHits;
    await expect(safeFetch(`${origin}/media/${path}`, demo())).rejects.toMatchObject({ name: "UnsafeUrlError" });
    expect(secretHits).toBe(before);
  });

  it("stops after 3 redirects", async () => {
    await expect(safeFetch(`${origin}/media/loop`, demo())).rejects.toMatchObject({ reason: "redirects" });
  });

  it("times out waiting for headers, but not while the body streams", async () => {
    await expect(safeFetch(`${origin}/media/hang`, demo())).rejects.toMatchObject({ name: "TimeoutError" });
    // the slow body takes ~360 ms, longer than the 300 ms header timeout
    const res = await safeFetch(`${origin}/media/slow`, demo());
    expect(await res.text()).toBe("xxxxxx");
  });
});
