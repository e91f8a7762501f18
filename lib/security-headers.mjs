/**
 * Security headers of every response (used by next.config.mjs `headers()`, so they are fixed when the app is
 * built: set VIMMERSE_MEDIA_HOSTS at build time too).
 *
 * Content-Security-Policy without nonces, as the Next.js guide describes for apps that render statically: Next
 * inlines its bootstrap and RSC payload as <script> elements, so script-src needs 'unsafe-inline' (nonces would
 * force dynamic rendering of every page through proxy.ts); no other origin may run script, no plugin, no <base>
 * hijack, forms post only here, and no page may be framed (the paid buttons cannot be clickjacked).
 * Images: any https address (creators paste image addresses of their own); audio/video: this app and the media
 * hosts. Demo builds (no VIMMERSE_API_KEY) also allow the local simulator.
 *
 * @param {Record<string, string | undefined>} env
 * @returns {{ key: string, value: string }[]}
 */
export function securityHeaders(env = process.env) {
  const dev = env.NODE_ENV === "development";
  const hosts = (env.VIMMERSE_MEDIA_HOSTS?.trim() || "media.vimmerse.net,dev-media.vimmerse.net,distribution.vimmerse.net")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)
    .map((h) => `https://${h}`);
  const demo = env.VIMMERSE_API_KEY?.trim() ? [] : ["http://127.0.0.1:*", "http://localhost:*"];
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob: https:", ...demo].join(" "),
    ["media-src 'self' blob:", ...hosts, ...demo].join(" "),
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}
