import path from "node:path";
import { mkdir } from "node:fs/promises";
import { startSimulator } from "@/lib/simulator";
import { log } from "@/lib/log";

const DEMO_PORT = 4010;

declare global {
  var __storyboardSimulator: { url: string } | undefined;
  var __storyboardSimulatorStarting: Promise<void> | undefined;
}

/**
 * Starts the simulator once per process (dev reloads keep the first one) and publishes its URL for
 * lib/config.ts. Its stories are kept in a JSON file next to the embedded database, so a restart keeps them.
 */
export function startEmbeddedSimulator(): Promise<void> {
  globalThis.__storyboardSimulatorStarting ??= (async () => {
    const publicBase = process.env.APP_PUBLIC_URL?.trim().replace(/\/+$/, "");
    const dataDir = path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR?.trim() || ".data/pglite");
    const stateDir = path.dirname(dataDir);
    await mkdir(stateDir, { recursive: true });
    const options = {
      host: "127.0.0.1",
      stateFile: path.join(/*turbopackIgnore: true*/ stateDir, `${path.basename(dataDir)}-simulator.json`),
      timeScale: Number.parseFloat(process.env.SIMULATOR_TIME_SCALE ?? "1") || 1,
      // With a public URL, media go through the app (app/api/demo-media) so other machines can load them.
      publicUrl: publicBase ? `${publicBase}/api/demo-media` : undefined,
    };
    // A fixed port keeps the media URLs saved in storyboards valid after a restart; a free one if it is taken.
    const port = Number.parseInt(process.env.SIMULATOR_PORT ?? "", 10) || DEMO_PORT;
    const sim = await startSimulator({ ...options, port }).catch((e: NodeJS.ErrnoException) => {
      if (e?.code !== "EADDRINUSE") throw e;
      log.warn(`demo: port ${port} is taken; the simulator uses a free port (media of earlier demo stories may not load)`);
      return startSimulator({ ...options, port: 0 });
    });
    globalThis.__storyboardSimulator = { url: sim.url };
    // It serves in-flight requests until the very end of a graceful shutdown; close() first saves its stories
    // synchronously, which is all that still matters when the process exits.
    process.once("exit", () => void sim.close());
    log.info(`demo: Vimmerse simulator running at ${sim.url}`);
  })();
  return globalThis.__storyboardSimulatorStarting;
}
