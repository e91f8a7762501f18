import { SimulatorServer } from "./server";

/**
 * Vimmerse Story API simulator: a real HTTP server speaking the same contract as https://api.vimmerse.net,
 * used in demo mode (no API key) and as a test double. No Next.js imports: safe to start from
 * instrumentation, a script (`npm run sim`) or a test.
 */

export type SimulatorOptions = {
  /** 0 = ephemeral. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** If set, X-Api-Key must equal it, else 401. If unset, any non-empty X-Api-Key is accepted; missing -> 401. */
  apiKey?: string;
  /** Multiplies all step durations; default 1 (demo speed). Tests use e.g. 0.2. */
  timeScale?: number;
  /** Starting credit balance; default 100000. */
  credits?: number;
  /** Optional JSON file: loaded on start, saved (debounced) on change, so a restart keeps stories. */
  stateFile?: string;
  /** Base of generated media URLs; default http://host:port. */
  publicUrl?: string;
  /** Log one line per request. */
  log?: boolean;
  /** Where the demo WebM files live; default lib/simulator/assets (found from the working directory). */
  assetsDir?: string;
};

export type RunningSimulator = { url: string; port: number; close(): Promise<void> };

export const DEFAULT_PORT = 4010;
export const DEFAULT_CREDITS = 100_000;

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = new SimulatorServer({
    port: opts.port ?? DEFAULT_PORT,
    host: opts.host || "127.0.0.1",
    apiKey: opts.apiKey || undefined,
    timeScale: opts.timeScale !== undefined && opts.timeScale >= 0 ? opts.timeScale : 1,
    credits: opts.credits ?? DEFAULT_CREDITS,
    stateFile: opts.stateFile || undefined,
    publicUrl: opts.publicUrl?.replace(/\/+$/, "") || undefined,
    log: !!opts.log,
    assetsDir: opts.assetsDir,
  });
  await sim.listen();
  let closed: Promise<void> | undefined;
  return {
    url: sim.url,
    port: sim.port,
    close: () => (closed ??= sim.close()),
  };
}
