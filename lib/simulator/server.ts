import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BodyTooLarge, fieldsForLog, parseBody, type ParsedBody } from "./body";
import { Faults, defaultBody } from "./faults";
import {
  ERR,
  automatic,
  concatStory,
  createElements,
  createScenes,
  createStoryboard,
  createVideos,
  deleteStory,
  getStory,
  updateStory,
  type FaultEffects,
  type Reply,
  type SimContext,
} from "./handlers";
import { MEDIA_HEADERS, renderSvg, renderWav, sendMedia, videoFor } from "./media";
import { Store, advance, jobTotalMs, rescaleJob } from "./store";
import type { Job, StoryRecord, UploadedFile } from "./types";
import { isRecord, sleep, uuid } from "./util";
import { Webhooks } from "./webhooks";

/**
 * The simulator's HTTP server: routing, authentication, fault injection, the request log, media and the
 * /__sim control API.
 */

export type ResolvedOptions = {
  port: number;
  host: string;
  apiKey?: string;
  timeScale: number;
  credits: number;
  stateFile?: string;
  publicUrl?: string;
  log: boolean;
  assetsDir?: string;
};

export type RequestLogEntry = {
  at: string;
  method: string;
  path: string;
  query: string;
  contentType: string;
  apiKey: string;
  fields: Record<string, unknown>;
  files: Array<{ field: string; name: string; type: string; size: number }>;
  status?: number;
};

const JSON_HEADERS = {
  "Content-Type": "application/json",
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "no-store",
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...JSON_HEADERS, ...headers, "Content-Length": String(data.length) });
  res.end(data);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return {};
  return JSON.parse(text);
}

const AUTOMATIC = ["idea-2-video", "images-2-video", "url-2-video"];

const UPLOAD_EXT: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "image/svg+xml": ".svg",
  "image/bmp": ".bmp",
  "image/avif": ".avif",
};

export class SimulatorServer implements SimContext {
  readonly store: Store;
  readonly faults = new Faults();
  readonly webhooks: Webhooks;
  requests: RequestLogEntry[] = [];
  url = "";
  port = 0;
  private scale: number;
  private readonly server: http.Server;

  constructor(private readonly opts: ResolvedOptions) {
    this.scale = opts.timeScale;
    this.store = new Store(opts.credits, opts.stateFile);
    this.webhooks = new Webhooks(() => Math.max(10, 2000 * this.scale), opts.log);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        if (this.opts.log) console.error("[simulator] error:", e);
        sendJson(res, 500, { message: "INTERNAL_SERVER_ERROR" });
      });
    });
    // Like a server behind a load balancer (60 s idle): a client reusing a kept-alive socket the server has just closed
    // gets ECONNRESET, which a paid POST must treat as "outcome unknown"; at 5 s a busy test machine hit that race.
    this.server.keepAliveTimeout = 65_000;
  }

  // ---- SimContext ---------------------------------------------------------------------------------------------

  base(): string {
    return this.opts.publicUrl || this.url;
  }

  timeScale(): number {
    return this.scale;
  }

  refresh(rec: StoryRecord) {
    const result = advance(rec, Date.now());
    if (result.changed) this.store.changed();
    if (result.finished) this.onFinished(rec, result.finished);
  }

  startJob(rec: StoryRecord, job: Job) {
    for (const p of job.phases) p.ms = Math.max(1, p.ms);
    rec.job = job;
    rec.story.status = "processing";
    rec.story.progress_percentage = 0;
    rec.story.message = "";
    advance(rec, job.startedAt);
    this.store.stories.set(rec.story.id, rec);
    this.store.changed();
    this.armTimer(rec);
  }

  saveUpload(file: UploadedFile): string {
    const id = `${uuid()}${UPLOAD_EXT[file.type] ?? ""}`;
    this.store.saveUpload(id, file);
    return `${this.base()}/media/uploads/${id}`;
  }

  // ---- Jobs and webhooks ---------------------------------------------------------------------------------------

  /** Jobs with a webhook finish on a timer too, so the webhook is sent without anyone polling. */
  private armTimer(rec: StoryRecord) {
    const job = rec.job;
    if (!job?.webhookUrl) return;
    const due = job.startedAt + jobTotalMs(job) - Date.now();
    const id = rec.story.id;
    this.webhooks.schedule(due + 10, () => {
      const current = this.store.stories.get(id);
      if (current) this.refresh(current);
    });
  }

  private onFinished(rec: StoryRecord, job: Job) {
    if (!job.webhookUrl) return;
    void this.sendWebhook(rec, job.webhookUrl);
  }

  private sendWebhook(rec: StoryRecord, url: string) {
    const payload = {
      customer_id: rec.story.customer_id,
      batch_id: rec.story.id,
      status: rec.story.status === "fail" ? "fail" : rec.story.status === "processing" ? "processing" : "success",
    };
    let path = url;
    try {
      path = new URL(url).pathname;
    } catch {
      /* deliver() reports the bad URL */
    }
    if (this.faults.takeWebhook(path)) return Promise.resolve(this.webhooks.lose(url, payload));
    return this.webhooks.deliver(url, payload);
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------------

  listen(): Promise<void> {
    this.store.load();
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off("error", reject);
        const addr = this.server.address() as AddressInfo;
        this.port = addr.port;
        const host = this.opts.host === "0.0.0.0" || this.opts.host === "::" ? "127.0.0.1" : this.opts.host;
        this.url = `http://${host.includes(":") ? `[${host}]` : host}:${addr.port}`;
        this.store.rebase(this.base());
        for (const rec of this.store.stories.values()) this.armTimer(rec);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.webhooks.close();
    this.store.saveNow();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.store.dispose();
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const started = Date.now();
    if (this.opts.log) res.on("finish", () => console.log(`[simulator] ${method} ${path} -> ${res.statusCode} (${Date.now() - started} ms)`));

    if (method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "*",
        "Access-Control-Max-Age": "600",
      });
      res.end();
      return;
    }
    if (path === "/__sim" || path.startsWith("/__sim/")) return this.control(req, res, method, path);

    const isApi = path === "/story" || path.startsWith("/story/");
    let body: ParsedBody = { kind: "empty", fields: new Map(), files: [] };
    if (isApi) {
      try {
        body = await parseBody(req);
      } catch (e) {
        if (e instanceof BodyTooLarge) return sendJson(res, 413, { message: "PAYLOAD_TOO_LARGE" });
        throw e;
      }
      const entry: RequestLogEntry = {
        at: new Date().toISOString(),
        method,
        path,
        query: url.search,
        contentType: String(req.headers["content-type"] ?? ""),
        apiKey: String(req.headers["x-api-key"] ?? ""),
        fields: fieldsForLog(body),
        files: body.files.map((f) => ({ field: f.field, name: f.name, type: f.type, size: f.data.length })),
      };
      this.requests.push(entry);
      if (this.requests.length > 5000) this.requests.shift();
      res.on("finish", () => (entry.status = res.statusCode));
    } else {
      req.resume();
    }

    const effects: FaultEffects = {};
    const fault = this.faults.take(method, path, isApi);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        const headers: Record<string, string> = fault.status === 429 || fault.status === 503 ? { "Retry-After": "1" } : {};
        return sendJson(res, fault.status, fault.body !== undefined ? fault.body : defaultBody(fault.status), headers);
      }
      if (fault.failScenes) effects.failScenes = fault.failScenes;
      if (fault.failStory) effects.failStory = true;
    }

    if (path.startsWith("/media/")) return this.media(req, res, method, path, url);
    if (!isApi) return sendJson(res, 404, { message: "NOT_FOUND" });

    const reply = this.route(method, path, body, req, effects);
    sendJson(res, reply.status, reply.body, reply.headers);
  }

  private route(method: string, path: string, body: ParsedBody, req: IncomingMessage, effects: FaultEffects): Reply {
    const m = /^\/story(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
    if (!m) return ERR.notFound();
    const id = m[1] ? decodeURIComponent(m[1]) : undefined;
    const action = m[2];
    const methodNotAllowed: Reply = { status: 405, body: { message: "METHOD_NOT_ALLOWED" } };
    let allowed: string[];
    if (!id) allowed = ["POST"];
    else if (!action) allowed = AUTOMATIC.includes(id) ? ["POST", "GET", "PUT", "DELETE"] : ["GET", "PUT", "DELETE"];
    else if (["elements", "scenes", "videos", "concat"].includes(action)) allowed = ["POST"];
    else return ERR.notFound();
    if (!allowed.includes(method) && !(method === "HEAD" && allowed.includes("GET"))) return methodNotAllowed;

    // Authentication
    const key = String(req.headers["x-api-key"] ?? "").trim();
    if (!key || (this.opts.apiKey && key !== this.opts.apiKey)) return ERR.unauthorized();
    if (body.error) return ERR.unprocessable([body.error]);
    const info = { apiKey: key, effects };

    if (!id) return createStoryboard(this, body, info);
    if (!action) {
      // url-2-video (newer OpenAPI copy) is idea-2-video with a URL in the idea.
      if (method === "POST" && AUTOMATIC.includes(id)) return automatic(this, id === "images-2-video" ? id : "idea-2-video", body, info);
      if (method === "GET" || method === "HEAD") return getStory(this, id);
      if (method === "PUT") return updateStory(this, id, body);
      return deleteStory(this, id);
    }
    switch (action) {
      case "elements":
        return createElements(this, id, body, info);
      case "scenes":
        return createScenes(this, id, body, info);
      case "videos":
        return createVideos(this, id, body, info);
      default:
        return concatStory(this, id, body, info);
    }
  }

  // ---- Media --------------------------------------------------------------------------------------------------

  private media(req: IncomingMessage, res: ServerResponse, method: string, path: string, url: URL) {
    if (method !== "GET" && method !== "HEAD") return sendJson(res, 405, { message: "METHOD_NOT_ALLOWED" }, MEDIA_HEADERS);
    let m = /^\/media\/images\/([\w.-]+)\.svg$/.exec(path);
    if (m) {
      const q = url.searchParams;
      const svg = renderSvg(m[1], { ar: q.get("ar") ?? undefined, label: q.get("label") ?? undefined, kind: q.get("kind") ?? undefined, model: q.get("model") ?? undefined });
      return sendMedia(req, res, Buffer.from(svg), "image/svg+xml; charset=utf-8");
    }
    m = /^\/media\/audio\/([a-z]+)-([\w.-]+)\.wav$/.exec(path);
    if (m) return sendMedia(req, res, renderWav(m[1], m[2]), "audio/wav");
    m = /^\/media\/video\/([\w.-]+)\.webm$/.exec(path);
    if (m) {
      const data = videoFor(m[1], this.opts.assetsDir);
      if (!data) return sendJson(res, 404, { message: "NOT_FOUND" }, MEDIA_HEADERS);
      return sendMedia(req, res, data, "video/webm");
    }
    m = /^\/media\/uploads\/([\w.-]+)$/.exec(path);
    if (m) {
      const upload = this.store.readUpload(m[1]);
      if (!upload) return sendJson(res, 404, { message: "NOT_FOUND" }, MEDIA_HEADERS);
      return sendMedia(req, res, upload.data, upload.type);
    }
    return sendJson(res, 404, { message: "NOT_FOUND" }, MEDIA_HEADERS);
  }

  // ---- Control API (/__sim) -----------------------------------------------------------------------------------

  private async control(req: IncomingMessage, res: ServerResponse, method: string, path: string) {
    let body: unknown = {};
    if (method === "POST" || method === "PUT") {
      try {
        body = await readJson(req);
      } catch {
        return sendJson(res, 400, { message: "BAD_REQUEST", error: "invalid JSON" });
      }
    } else req.resume();
    const sub = path.slice("/__sim".length) || "/";
    const bad = (error: string) => sendJson(res, 400, { message: "BAD_REQUEST", error });

    if (sub === "/health" && method === "GET") return sendJson(res, 200, { ok: true });

    if (sub === "/faults") {
      if (method === "GET") return sendJson(res, 200, this.faults.list());
      if (method === "DELETE") {
        this.faults.clear();
        return sendJson(res, 200, { ok: true });
      }
      if (method === "POST") {
        const specs = Array.isArray(body) ? body : [body];
        const ids: string[] = [];
        for (const spec of specs) {
          const added = this.faults.add(spec);
          if (typeof added === "string") return bad(added);
          ids.push(added.id);
        }
        return sendJson(res, 200, Array.isArray(body) ? { ids } : { id: ids[0] });
      }
    }
    const faultMatch = /^\/faults\/([\w-]+)$/.exec(sub);
    if (faultMatch && method === "DELETE") {
      return this.faults.remove(faultMatch[1]) ? sendJson(res, 200, { ok: true }) : sendJson(res, 404, { message: "NOT_FOUND" });
    }

    if (sub === "/requests") {
      if (method === "GET") return sendJson(res, 200, this.requests);
      if (method === "DELETE") {
        this.requests = [];
        return sendJson(res, 200, { ok: true });
      }
    }

    if (sub === "/webhooks") {
      if (method === "GET") return sendJson(res, 200, this.webhooks.log);
      if (method === "DELETE") {
        this.webhooks.log.length = 0;
        return sendJson(res, 200, { ok: true });
      }
    }

    if (sub === "/reset" && method === "POST") {
      this.webhooks.cancelAll();
      this.webhooks.log.length = 0;
      this.store.reset();
      this.faults.clear();
      this.requests = [];
      return sendJson(res, 200, { ok: true });
    }

    if (sub === "/config") {
      if (method === "GET") return sendJson(res, 200, { timeScale: this.scale, credits: this.store.credits });
      if (method === "POST" || method === "PUT") {
        if (!isRecord(body)) return bad("expected a JSON object");
        if (body.timeScale !== undefined) {
          if (typeof body.timeScale !== "number" || !(body.timeScale >= 0)) return bad("timeScale must be a number >= 0");
          const now = Date.now();
          for (const rec of this.store.stories.values()) {
            if (!rec.job) continue;
            rescaleJob(rec.job, body.timeScale, now);
            this.armTimer(rec);
          }
          this.scale = body.timeScale;
        }
        if (body.credits !== undefined) {
          if (typeof body.credits !== "number" || !Number.isFinite(body.credits)) return bad("credits must be a number");
          this.store.credits = body.credits;
        }
        this.store.changed();
        return sendJson(res, 200, { timeScale: this.scale, credits: this.store.credits });
      }
    }

    if (sub === "/stories" && method === "GET") {
      const list = [...this.store.stories.values()].map((rec) => {
        this.refresh(rec);
        const s = rec.story;
        return { id: s.id, status: s.status, progress_percentage: s.progress_percentage, title: s.title, step: rec.job?.kind ?? null, video_url: s.video_url, updated_at: s.updated_at };
      });
      return sendJson(res, 200, list);
    }

    const storyMatch = /^\/stories\/([^/]+)\/(webhook|complete)$/.exec(sub);
    if (storyMatch && method === "POST") {
      const rec = this.store.stories.get(decodeURIComponent(storyMatch[1]));
      if (!rec) return sendJson(res, 404, { message: "NOT_FOUND" });
      if (storyMatch[2] === "complete") {
        // Fast-forward the running step to its end.
        if (rec.job) rec.job.startedAt -= jobTotalMs(rec.job) + 1;
        this.refresh(rec);
        return sendJson(res, 200, { data: rec.story });
      }
      this.refresh(rec);
      const target = isRecord(body) && typeof body.url === "string" ? body.url : rec.webhookUrl;
      if (!target) return bad("this story has no webhook_url; pass {\"url\": ...}");
      const attempt = await this.sendWebhook(rec, target);
      return sendJson(res, 200, { ok: attempt.ok, delivery: attempt });
    }

    return sendJson(res, 404, { message: "NOT_FOUND" });
  }
}
