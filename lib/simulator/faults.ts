import { isRecord } from "./util";

/**
 * Fault injection for tests (POST /__sim/faults). Faults apply in order of registration; each matching request
 * consumes one use of the first fault that matches.
 */

export type FaultSpec = {
  method?: string;
  path?: string;
  status?: number;
  body?: unknown;
  delayMs?: number;
  drop?: boolean;
  times?: number;
  failScenes?: number[];
  failStory?: boolean;
};

/** The `method` of a fault on outgoing webhook deliveries rather than on incoming requests. */
export const WEBHOOK = "WEBHOOK";

export type Fault = FaultSpec & { id: string; used: number; pattern?: RegExp; createdAt: string };

export const STATUS_BODIES: Record<number, unknown> = {
  400: { message: "BAD_REQUEST" },
  401: { message: "UNAUTHORIZED" },
  402: { message: "INSUFFICIENT_CREDIT" },
  403: { message: "FORBIDDEN" },
  404: { message: "NOT_FOUND" },
  405: { message: "METHOD_NOT_ALLOWED" },
  409: { message: "CONFLICT" },
  413: { message: "PAYLOAD_TOO_LARGE" },
  422: {
    detail: [{ type: "missing", loc: ["body", "idea"], msg: "Field required", input: null }],
  },
  429: { message: "TOO_MANY_REQUESTS" },
  500: { message: "INTERNAL_SERVER_ERROR" },
  502: { message: "BAD_GATEWAY" },
  503: { message: "SERVICE_UNAVAILABLE" },
  504: { message: "GATEWAY_TIMEOUT" },
};

export function defaultBody(status: number): unknown {
  return STATUS_BODIES[status] ?? { message: status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" };
}

function toPattern(path: string): RegExp {
  const escaped = path
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${escaped}$`);
}

export class Faults {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Validates and registers a fault; returns an error text for a bad spec. */
  add(spec: unknown): Fault | string {
    if (!isRecord(spec)) return "the fault must be a JSON object";
    const f: Fault = { id: `fault-${this.nextId++}`, used: 0, createdAt: new Date().toISOString() };
    if (spec.method !== undefined) {
      if (typeof spec.method !== "string") return "method must be a string";
      f.method = spec.method.toUpperCase();
    }
    if (spec.path !== undefined) {
      if (typeof spec.path !== "string" || !spec.path.startsWith("/")) return 'path must be a string starting with "/"';
      f.path = spec.path;
      f.pattern = toPattern(spec.path);
    }
    if (spec.status !== undefined) {
      if (typeof spec.status !== "number" || !Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599) return "status must be an HTTP status code";
      f.status = spec.status;
    }
    if (spec.body !== undefined) f.body = spec.body;
    if (spec.delayMs !== undefined) {
      if (typeof spec.delayMs !== "number" || spec.delayMs < 0) return "delayMs must be a number >= 0";
      f.delayMs = spec.delayMs;
    }
    if (spec.drop !== undefined) f.drop = spec.drop === true;
    if (spec.times !== undefined) {
      if (typeof spec.times !== "number" || !Number.isInteger(spec.times) || spec.times < 0) return "times must be an integer >= 0";
      f.times = spec.times;
    } else f.times = 1;
    if (spec.failScenes !== undefined) {
      if (!Array.isArray(spec.failScenes) || !spec.failScenes.every((x) => Number.isInteger(x) && x >= 0)) return "failScenes must be a list of scene indexes";
      f.failScenes = spec.failScenes as number[];
    }
    if (spec.failStory !== undefined) f.failStory = spec.failStory === true;
    if (f.method === WEBHOOK && !f.drop) return 'a WEBHOOK fault takes drop: true (the delivery is lost)';
    if (f.status === undefined && !f.drop && f.delayMs === undefined && !f.failScenes && !f.failStory) {
      return "a fault needs at least one of status, drop, delayMs, failScenes, failStory";
    }
    this.faults.push(f);
    return f;
  }

  /** The first live fault matching the request, with one use consumed. */
  take(method: string, path: string, isApi: boolean): Fault | undefined {
    const m = method.toUpperCase();
    for (const f of this.faults) {
      if (f.times !== 0 && f.used >= (f.times ?? 1)) continue;
      if (f.method === WEBHOOK) continue;
      if (f.method && f.method !== m) continue;
      if (f.pattern ? !f.pattern.test(path) : !isApi) continue;
      f.used++;
      return f;
    }
    return undefined;
  }

  /**
   * Outgoing webhooks: the first live fault with `method: "WEBHOOK"` whose path (if any) matches the delivery URL's
   * path, with one use consumed. Only `drop` applies: the delivery is lost (never sent, never retried).
   */
  takeWebhook(urlPath: string): Fault | undefined {
    for (const f of this.faults) {
      if (f.method !== WEBHOOK) continue;
      if (f.times !== 0 && f.used >= (f.times ?? 1)) continue;
      if (f.pattern && !f.pattern.test(urlPath)) continue;
      f.used++;
      return f;
    }
    return undefined;
  }

  list() {
    return this.faults.map(({ pattern: _p, ...rest }) => {
      void _p;
      return { ...rest, remaining: rest.times === 0 ? null : Math.max(0, (rest.times ?? 1) - rest.used) };
    });
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear() {
    this.faults = [];
  }
}
