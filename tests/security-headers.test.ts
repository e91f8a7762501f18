import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/security-headers.mjs";

/** The headers next.config.mjs puts on every response (the e2e checks they arrive and the app still works). */

function csp(env: Record<string, string | undefined>) {
  const value = securityHeaders(env).find((h) => h.key === "Content-Security-Policy")!.value;
  return Object.fromEntries(value.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
}

describe("security headers", () => {
  it("forbid framing, sniffing and foreign scripts", () => {
    const headers = Object.fromEntries(securityHeaders({ VIMMERSE_API_KEY: "k" }).map((h) => [h.key, h.value]));
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    const p = csp({ VIMMERSE_API_KEY: "k" });
    expect(p["frame-ancestors"]).toEqual(["'none'"]);
    expect(p["script-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(p["object-src"]).toEqual(["'none'"]);
    expect(p["base-uri"]).toEqual(["'self'"]);
    expect(p["form-action"]).toEqual(["'self'"]);
    expect(p["connect-src"]).toEqual(["'self'"]);
  });

  it("let video and audio come only from this app and the media hosts (configurable)", () => {
    expect(csp({ VIMMERSE_API_KEY: "k" })["media-src"]).toEqual([
      "'self'", "blob:", "https://media.vimmerse.net", "https://dev-media.vimmerse.net", "https://distribution.vimmerse.net",
    ]);
    expect(csp({ VIMMERSE_API_KEY: "k", VIMMERSE_MEDIA_HOSTS: "cdn.example.com, *.media.example" })["media-src"]).toEqual([
      "'self'", "blob:", "https://cdn.example.com", "https://*.media.example",
    ]);
  });

  it("allow the local simulator in demo builds only, and eval only in development", () => {
    expect(csp({})["media-src"]).toContain("http://127.0.0.1:*");
    expect(csp({})["img-src"]).toContain("http://127.0.0.1:*");
    expect(csp({ VIMMERSE_API_KEY: "k" })["img-src"]).not.toContain("http://127.0.0.1:*");
    expect(csp({ NODE_ENV: "development" })["script-src"]).toContain("'unsafe-eval'");
  });
});
