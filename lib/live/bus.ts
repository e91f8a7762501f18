import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type pg from "pg";
import { databaseUrl } from "../config";
import { log } from "../log";
import { onShutdown } from "../shutdown";
import { notePresence } from "./presence";

/**
 * Story events for live pages: "something about story X changed, refetch it". Payloads are ids and kinds, never
 * documents (a PostgreSQL NOTIFY payload is at most 8 KB). With PGlite they stay in this process; with DATABASE_URL
 * they travel between app instances over PostgreSQL LISTEN/NOTIFY on ONE channel, through ONE dedicated connection
 * per instance (reconnected after an error), and are fanned out in process to every open page of the story.
 */
export type StoryEventType = "saved" | "status" | "comment" | "review" | "presence";
export type StoryEvent = {
  storyId: string;
  type: StoryEventType;
  by?: string;
  itemId?: string;
  /** presence: the viewer's display name, their tab (one person may have several) and whether the tab left. */
  name?: string;
  client?: string;
  left?: boolean;
  at: string;
};

/** The one NOTIFY channel of the app. */
export const LIVE_CHANNEL = "storyboard_live";
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_900;

export type LiveBus = {
  readonly kind: "memory" | "postgres";
  publish(event: StoryEvent): Promise<void>;
  subscribe(storyId: string, listener: (event: StoryEvent) => void): () => void;
  /** How many listeners the story has on this instance (open pages). */
  listeners(storyId: string): number;
  close(): Promise<void>;
};

/** In-process fan-out shared by both buses. Presence events are recorded before anyone hears of them. */
function fanout() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit(event: StoryEvent) {
      if (event.type === "presence") notePresence(event);
      emitter.emit(event.storyId, event);
    },
    subscribe(storyId: string, listener: (event: StoryEvent) => void) {
      // One page's failing listener must not keep the event from the others.
      const safe = (event: StoryEvent) => {
        try {
          listener(event);
        } catch (err) {
          log.warn("live: a listener failed", { err });
        }
      };
      emitter.on(storyId, safe);
      return () => {
        emitter.off(storyId, safe);
      };
    },
    listeners: (storyId: string) => emitter.listenerCount(storyId),
    storyIds: () => emitter.eventNames().filter((n): n is string => typeof n === "string"),
  };
}

/** PGlite (one process): events never leave the process. */
export function createMemoryBus(): LiveBus {
  const local = fanout();
  return {
    kind: "memory",
    async publish(event) {
      local.emit(event);
    },
    subscribe: local.subscribe,
    listeners: local.listeners,
    async close() {},
  };
}

/** Only ids, kinds and a short name: what fits a NOTIFY payload. */
function toPayload(event: StoryEvent, origin: string): string | null {
  const payload = JSON.stringify({ ...event, name: event.name?.slice(0, 80), origin });
  return Buffer.byteLength(payload) < MAX_PAYLOAD_BYTES ? payload : null;
}

function fromPayload(text: string): (StoryEvent & { origin?: string }) | null {
  try {
    const value = JSON.parse(text) as StoryEvent & { origin?: string };
    return typeof value?.storyId === "string" && typeof value.type === "string" ? value : null;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL: LISTEN on one dedicated connection (a direct one: a transaction pooler drops LISTEN), NOTIFY through
 * the same connection. The publishing instance delivers to its own pages at once and ignores its own notification
 * coming back. After a lost connection it reconnects with backoff and tells its pages to refetch (events sent while
 * it was away are lost; the pages' polling is the fallback meanwhile).
 */
export function createPostgresBus(url: string, opts: { reconnectMs?: number } = {}): LiveBus & { ready(): Promise<void> } {
  const origin = randomUUID();
  const local = fanout();
  const baseDelay = opts.reconnectMs ?? 1_000;
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const lost = (c: pg.Client, err?: unknown) => {
    if (client !== c) return; // a connection that never got going: connect() handles it
    client = null;
    c.removeAllListeners("notification");
    c.end().catch(() => {});
    if (closed) return;
    log.warn("live: LISTEN connection lost; reconnecting", { err });
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (retry || closed) return;
    const delay = Math.min(30_000, baseDelay * 2 ** Math.min(failures, 5));
    retry = setTimeout(() => {
      retry = null;
      connect()
        .then(() => {
          // Whatever happened while disconnected: every open page refetches once.
          for (const storyId of local.storyIds()) local.emit({ storyId, type: "status", at: new Date().toISOString() });
        })
        .catch(() => {});
    }, delay);
    retry.unref?.();
  };

  const connect = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    if (connecting) return connecting;
    connecting = (async () => {
      const { default: PG } = await import("pg");
      const c = new PG.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
      c.on("error", (err) => lost(c, err));
      c.on("end", () => lost(c));
      c.on("notification", (msg) => {
        if (msg.channel !== LIVE_CHANNEL || !msg.payload) return;
        const event = fromPayload(msg.payload);
        if (!event || event.origin === origin) return;
        const { origin: _origin, ...rest } = event;
        void _origin;
        local.emit(rest);
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${LIVE_CHANNEL}`);
      } catch (err) {
        c.removeAllListeners("end");
        c.end().catch(() => {});
        throw err;
      }
      if (closed) {
        await c.end().catch(() => {});
        throw new Error("live bus closed");
      }
      failures = 0;
      client = c;
      return c;
    })();
    connecting
      .catch((err) => {
        failures++;
        log.warn("live: could not LISTEN; retrying", { err });
        scheduleReconnect();
      })
      .finally(() => {
        connecting = null;
      });
    return connecting;
  };

  return {
    kind: "postgres",
    ready: () => connect().then(() => {}),
    async publish(event) {
      local.emit(event);
      const payload = toPayload(event, origin);
      if (!payload) {
        log.warn("live: event too large for NOTIFY; delivered on this instance only", { type: event.type });
        return;
      }
      try {
        // Never holds up the write that published: not connected means other instances learn it by polling.
        const c = client ?? (await Promise.race([connect(), new Promise<null>((r) => setTimeout(() => r(null), 1_000).unref?.())]));
        if (!c) return;
        await c.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload]);
      } catch (err) {
        log.warn("live: NOTIFY failed; other instances learn it by polling", { err });
      }
    },
    subscribe(storyId, listener) {
      void connect().catch(() => {});
      return local.subscribe(storyId, listener);
    },
    listeners: local.listeners,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client ?? (await connecting?.catch(() => null)) ?? null;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}

declare global {
  var __storyboardBus: { url: string | undefined; bus: LiveBus } | undefined;
}

/** This process's bus: PostgreSQL when DATABASE_URL is set, otherwise in-process (kept across dev HMR). */
export function liveBus(): LiveBus {
  const url = databaseUrl();
  const current = globalThis.__storyboardBus;
  if (current && current.url === url) return current.bus;
  if (current) void current.bus.close();
  const bus = url ? createPostgresBus(url) : createMemoryBus();
  globalThis.__storyboardBus = { url, bus };
  if (url) onShutdown("live-bus", closeLiveBus);
  return bus;
}

/** Closes this process's bus (shutdown, tests). */
export async function closeLiveBus(): Promise<void> {
  const current = globalThis.__storyboardBus;
  globalThis.__storyboardBus = undefined;
  await current?.bus.close();
}

/** Tells every open page of the story (on this instance and, with PostgreSQL, on the others) that it changed. */
export async function publishStoryEvent(event: Omit<StoryEvent, "at">): Promise<void> {
  await liveBus().publish({ ...event, at: new Date().toISOString() });
}

/** Listens to one story's events; returns the function that stops listening. */
export function subscribeStory(storyId: string, listener: (event: StoryEvent) => void): () => void {
  return liveBus().subscribe(storyId, listener);
}
