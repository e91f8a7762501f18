/**
 * Webhook body audit (issue 6): the server's resident memory before and after large POSTs to a webhook URL,
 * with a forged secret and with the right one. The secret is checked before the body is read and the body is
 * capped at 64 KB, so neither may grow the server by the size of the body.
 *
 *   npm run build
 *   npx tsx bench/webhook-body.ts [--mb 400] [--port 3391]
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/open";
import { stories } from "../lib/db/schema";
import { log, startApp } from "./support";

const { values } = parseArgs({ options: { mb: { type: "string", default: "400" }, port: { type: "string", default: "3391" } } });
const MB = 1024 * 1024;
const size = Number(values.mb) * MB;

/**
 * POSTs a chunked body of `size` bytes, stopping as soon as the server answers: how long the answer took and
 * how much of the body had been written by then.
 */
function post(url: string): Promise<{ status: number | "closed"; ms: number; sentMb: number }> {
  const chunk = Buffer.alloc(256 * 1024, 0x7b);
  const t0 = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: number | "closed") => {
      if (done) return;
      done = true;
      resolve({ status, ms: performance.now() - t0, sentMb: sent / MB });
      req.destroy();
    };
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json" } });
    req.on("response", (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on("error", () => finish("closed"));
    const pump = () => {
      while (!done && sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "audit-webhook-"));
  const dataDir = path.join(tmp, "pglite");
  const { db, close } = await openDatabase({ dataDir, migrate: true });
  const [row] = await db.insert(stories).values({ mode: "idea-2-video", stage: "auto", status: "generating", idea: "audit" }).returning();
  await close();
  const app = await startApp(Number(values.port), { VIMMERSE_BASE_URL: "http://127.0.0.1:9", VIMMERSE_API_KEY: "", DATA_DIR: dataDir, DATABASE_URL: "" });
  let failures = 0;
  try {
    await fetch(`${app.url}/`); // warm up
    const cases: [string, string][] = [
      ["forged secret", `${app.url}/api/webhooks/vimmerse/${row.id}/${"0".repeat(64)}`],
      ["right secret", `${app.url}/api/webhooks/vimmerse/${row.id}/${row.webhookSecret}`],
    ];
    log(`up to ${values.mb} MB POSTed, streamed (no Content-Length); the client stops when the server answers`);
    log(`| case | status | answered in | body sent before the answer | RSS before | RSS after | growth |`);
    log(`|---|---|---|---|---|---|---|`);
    for (const [label, url] of cases) {
      const before = app.rssKb();
      const r = await post(url);
      await new Promise((res) => setTimeout(res, 500));
      const after = app.rssKb();
      const growthMb = (after - before) / 1024;
      if (growthMb > 100 || (r.status !== 404 && r.status !== 413)) failures++;
      log(`| ${label} | ${r.status} | ${r.ms.toFixed(0)} ms | ${r.sentMb.toFixed(1)} MB | ${(before / 1024).toFixed(0)} MB | ${(after / 1024).toFixed(0)} MB | ${growthMb.toFixed(1)} MB |`);
    }
  } finally {
    app.stop();
    setTimeout(() => rmSync(tmp, { recursive: true, force: true }), 1000).unref();
  }
  log(failures ? "the webhook read a large body" : "large bodies refused without growing the server");
  process.exitCode = failures ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
