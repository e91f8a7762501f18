/**
 * SSRF audit (issue 6): stories whose `video_url` (as Vimmerse might return it) points at loopback, private,
 * link-local or metadata addresses, other schemes, or redirects to them. Each download through
 * GET /api/stories/:id/video must be refused without the internal service ever being contacted.
 *
 *   npm run build
 *   npx tsx bench/ssrf-audit.ts [--port 3390]
 *
 * The app runs in production mode (a key is set, so the media policy is the real one) with 127.0.0.1 and
 * localhost even added to VIMMERSE_MEDIA_HOSTS: the address check must refuse them anyway.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/open";
import { stories } from "../lib/db/schema";
import { log, startApp } from "./support";

const { values } = parseArgs({ options: { port: { type: "string", default: "3390" } } });

async function main() {
  let hits = 0;
  // The "internal service": its log holds a key.
  const internal = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname.startsWith("/redirect")) {
      res.writeHead(302, { location: `http://127.0.0.1:${(internal.address() as AddressInfo).port}/logs` });
      return res.end();
    }
    hits++;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("VIMMERSE_API_KEY=sk-live-0123456789");
  });
  await new Promise<void>((r) => internal.listen(0, "127.0.0.1", r));
  const port = (internal.address() as AddressInfo).port;

  const hostile: [string, string][] = [
    ["loopback", `http://127.0.0.1:${port}/logs`],
    ["localhost", `http://localhost:${port}/logs`],
    ["IPv6 loopback", `http://[::1]:${port}/logs`],
    ["IPv4-mapped IPv6", `http://[::ffff:127.0.0.1]:${port}/logs`],
    ["decimal IP", `http://2130706433:${port}/logs`],
    ["private 10/8", "http://10.0.0.1/admin"],
    ["private 192.168/16", "http://192.168.1.1/"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"],
    ["redirect to loopback", `http://localhost:${port}/redirect`],
    ["javascript:", "javascript:alert(document.cookie)"],
    ["file:", "file:///etc/passwd"],
    ["not allowed host", "https://example.com/video.mp4"],
  ];

  const tmp = mkdtempSync(path.join(os.tmpdir(), "audit-ssrf-"));
  const dataDir = path.join(tmp, "pglite");
  const { db, close } = await openDatabase({ dataDir, migrate: true });
  const ids: string[] = [];
  for (const [label, url] of hostile) {
    const [row] = await db.insert(stories).values({ mode: "idea-2-video", stage: "auto", status: "ready", idea: label, title: label, videoUrl: url }).returning();
    ids.push(row.id);
  }
  await close();

  const app = await startApp(Number(values.port), {
    VIMMERSE_API_KEY: "audit-key",
    VIMMERSE_BASE_URL: "http://127.0.0.1:9", // never called
    VIMMERSE_MEDIA_HOSTS: "media.vimmerse.net,127.0.0.1,localhost,::1",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
  });
  let failures = 0;
  try {
    log(`| video_url | status | body | internal service contacted |`);
    log(`|---|---|---|---|`);
    for (let i = 0; i < hostile.length; i++) {
      const before = hits;
      const res = await fetch(`${app.url}/api/stories/${ids[i]}/video`);
      const body = await res.text();
      const leaked = body.includes("sk-live");
      const contacted = hits > before;
      if (res.ok || leaked || contacted) failures++;
      log(`| ${hostile[i][0]} | ${res.status} | ${leaked ? "LEAKED THE KEY" : body.slice(0, 60)} | ${contacted ? "YES" : "no"} |`);
    }
  } finally {
    app.stop();
    internal.close();
    setTimeout(() => rmSync(tmp, { recursive: true, force: true }), 1000).unref();
  }
  log(failures ? `${failures} hostile URL(s) got through` : `all ${hostile.length} hostile URLs refused; the internal service was contacted ${hits} time(s)`);
  process.exitCode = failures ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
