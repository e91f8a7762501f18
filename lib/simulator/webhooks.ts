import http from "node:http";
import https from "node:https";

/**
 * Webhook delivery: POST {customer_id, batch_id, status} as JSON with a 10 s timeout; on a non-2xx answer or an
 * error, one retry after ~2 s (scaled by timeScale).
 */

export type WebhookPayload = { customer_id: string; batch_id: string; status: string };

export type DeliveryAttempt = {
  at: string;
  url: string;
  payload: WebhookPayload;
  attempt: number;
  status?: number;
  error?: string;
  ok: boolean;
  /** Lost on purpose (a WEBHOOK fault): never sent. */
  lost?: boolean;
};

const TIMEOUT_MS = 10_000;

function postJson(url: string, body: unknown, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`invalid webhook URL: ${url}`));
      return;
    }
    const data = Buffer.from(JSON.stringify(body));
    const lib = target.protocol === "https:" ? https : http;
    const req = lib.request(
      target,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Length": String(data.length), "User-Agent": "vimmerse-simulator-webhook/1" },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(data);
  });
}

export class Webhooks {
  readonly log: DeliveryAttempt[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private waiters = new Set<() => void>();
  private closed = false;
  /** Bumped by cancelAll(): deliveries started before give up their retry. */
  private epoch = 0;

  constructor(
    private readonly retryDelayMs: () => number,
    private readonly verbose: boolean,
  ) {}

  /** Delivers (first attempt plus at most one retry); resolves with the last attempt. */
  async deliver(url: string, payload: WebhookPayload): Promise<DeliveryAttempt> {
    let last: DeliveryAttempt | undefined;
    const epoch = this.epoch;
    for (let attempt = 1; attempt <= 2 && !this.closed; attempt++) {
      if (attempt === 2) await this.wait(this.retryDelayMs());
      if (this.closed || epoch !== this.epoch) break;
      const entry: DeliveryAttempt = { at: new Date().toISOString(), url, payload, attempt, ok: false };
      try {
        entry.status = await postJson(url, payload, TIMEOUT_MS);
        entry.ok = entry.status >= 200 && entry.status < 300;
      } catch (e) {
        entry.error = e instanceof Error ? e.message : String(e);
      }
      this.log.push(entry);
      if (this.log.length > 1000) this.log.shift();
      if (this.verbose) console.log(`[simulator] webhook ${url} attempt ${attempt}: ${entry.status ?? entry.error}`);
      last = entry;
      if (entry.ok) break;
    }
    return last ?? { at: new Date().toISOString(), url, payload, attempt: 0, ok: false, error: "simulator closed" };
  }

  /** A delivery lost on the way (fault injection): logged, never sent, never retried. */
  lose(url: string, payload: WebhookPayload): DeliveryAttempt {
    const entry: DeliveryAttempt = { at: new Date().toISOString(), url, payload, attempt: 1, ok: false, lost: true, error: "lost (fault injection)" };
    this.log.push(entry);
    if (this.log.length > 1000) this.log.shift();
    if (this.verbose) console.log(`[simulator] webhook ${url} lost (fault injection)`);
    return entry;
  }

  /** Runs `fn` after `ms`; cancelled by close(). */
  schedule(ms: number, fn: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, ms));
    timer.unref?.();
    this.timers.add(timer);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
      this.schedule(ms, done);
    });
  }

  /** Cancels scheduled work; pending retries are abandoned. */
  cancelAll() {
    this.epoch++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const w of [...this.waiters]) w();
  }

  close() {
    this.closed = true;
    this.cancelAll();
  }
}
