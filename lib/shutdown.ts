import { log } from "./log";
import { DomainError } from "./stories/errors";

/**
 * Graceful shutdown of one server process (SIGTERM from Docker, Kubernetes, systemd; SIGINT from a terminal).
 *
 * Next's own handler (`next start` and the standalone `server.js`, unless NEXT_MANUAL_SIG_HANDLE is set) stops
 * accepting connections, waits for in-flight requests and pending `after()` callbacks, then exits (code 143 for
 * SIGTERM, 130 for SIGINT). A paid step runs inside its request, so it finishes with its bookkeeping before the
 * process exits. This module adds what Next cannot know about:
 * - background work (intervals) registered with `onShutdown` stops at once;
 * - no new paid step starts once shutdown began (`refuseNewPaidWork`), so nothing new can be half-recorded;
 * - a paid send still waiting for Vimmerse after `SHUTDOWN_TIMEOUT_MS` is aborted through `paidSendSignal()`: the
 *   client reports "outcome unknown" and the step is recorded "unknown" (never "sending"), so the next try asks
 *   Vimmerse before paying again. Keep the platform's grace period longer (compose.yaml: 30 s, Kubernetes default
 *   30 s; the default here is 20 s).
 */

declare global {
  var __storyboardShutdown:
    | { started: boolean; hooks: Map<string, () => void | Promise<void>>; controller: AbortController; installed: boolean }
    | undefined;
}

function state() {
  return (globalThis.__storyboardShutdown ??= {
    started: false,
    hooks: new Map(),
    controller: new AbortController(),
    installed: false,
  });
}

export function shutdownTimeoutMs(): number {
  const n = Number.parseInt(process.env.SHUTDOWN_TIMEOUT_MS ?? "", 10);
  return Number.isFinite(n) && n >= 0 ? n : 20_000;
}

/** True once SIGTERM/SIGINT arrived. */
export function isShuttingDown(): boolean {
  return state().started;
}

/** Registers (or replaces, by name) something to stop when the process shuts down, e.g. clearing an interval. */
export function onShutdown(name: string, hook: () => void | Promise<void>): void {
  state().hooks.set(name, hook);
}

/** Aborts `SHUTDOWN_TIMEOUT_MS` after shutdown began. Pass it to paid Vimmerse calls. */
export function paidSendSignal(): AbortSignal {
  return state().controller.signal;
}

/** Call before recording a new paid attempt: during shutdown it throws "busy" and nothing is recorded or sent. */
export function refuseNewPaidWork(): void {
  if (isShuttingDown()) {
    throw new DomainError("busy", "The server is restarting. Nothing was sent; try again in a moment.");
  }
}

/** Starts the shutdown: stops background work, arms the abort of slow paid sends. Idempotent. */
export async function beginShutdown(reason: string): Promise<void> {
  const s = state();
  if (s.started) return;
  s.started = true;
  const timeout = shutdownTimeoutMs();
  log.info("shutting down: finishing in-flight requests", { reason, abortPaidSendsAfterMs: timeout });
  const timer = setTimeout(() => {
    log.warn("shutdown: aborting paid sends still waiting for Vimmerse (recorded as outcome unknown)");
    s.controller.abort(new Error("server shutting down"));
  }, timeout);
  timer.unref();
  await Promise.all(
    [...s.hooks].map(async ([name, hook]) => {
      try {
        await hook();
      } catch (err) {
        log.error("shutdown hook failed", { hook: name, err });
      }
    }),
  );
}

/**
 * Installs the SIGTERM/SIGINT listeners once per process (from instrumentation.ts), next to Next's own handler.
 * With NEXT_MANUAL_SIG_HANDLE set Next installs none, and a listener here would keep the process alive: whoever
 * sets it owns the signals (and should call beginShutdown).
 */
export function installShutdownHandlers(): void {
  const s = state();
  if (s.installed || process.env.NEXT_MANUAL_SIG_HANDLE) return;
  s.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => void beginShutdown(signal));
  }
}
