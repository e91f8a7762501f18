/**
 * Runs the Vimmerse Story API simulator as its own process: `npm run sim`.
 *
 * Environment: SIMULATOR_PORT (default 4010), SIMULATOR_HOST (default 127.0.0.1), SIMULATOR_API_KEY (accept only
 * this key; default: any non-empty key), SIMULATOR_TIME_SCALE (default 1), SIMULATOR_CREDITS (default 100000),
 * SIMULATOR_STATE_FILE (optional JSON file that keeps stories across restarts), SIMULATOR_PUBLIC_URL (base of
 * media URLs), SIMULATOR_LOG=1 (one line per request).
 */
import { DEFAULT_CREDITS, DEFAULT_PORT, startSimulator } from "../lib/simulator";

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`Ignoring ${name}=${raw}: not a number >= 0`);
    return fallback;
  }
  return n;
}

async function main() {
  const sim = await startSimulator({
    port: numberFromEnv("SIMULATOR_PORT", DEFAULT_PORT),
    host: process.env.SIMULATOR_HOST?.trim() || "127.0.0.1",
    apiKey: process.env.SIMULATOR_API_KEY?.trim() || undefined,
    timeScale: numberFromEnv("SIMULATOR_TIME_SCALE", 1),
    credits: numberFromEnv("SIMULATOR_CREDITS", DEFAULT_CREDITS),
    stateFile: process.env.SIMULATOR_STATE_FILE?.trim() || undefined,
    publicUrl: process.env.SIMULATOR_PUBLIC_URL?.trim() || undefined,
    log: /^(1|true|yes)$/i.test(process.env.SIMULATOR_LOG ?? ""),
  });
  console.log(`Vimmerse simulator listening on ${sim.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Vimmerse simulator stopping (${signal})`);
    sim.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((e) => {
  console.error("Vimmerse simulator failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
