/**
 * Runs once when the Next.js server starts.
 * - Says plainly what a platform needs when it is missing (lib/deploy-check.ts), e.g. Vercel without a key.
 * - Demo mode (no VIMMERSE_API_KEY and no VIMMERSE_BASE_URL): starts the built-in Vimmerse simulator inside this
 *   process, so `npm run dev` needs no second terminal (not on Vercel: no resident process there).
 * - Checks that accounts can work (BETTER_AUTH_SECRET in production): stops with what to set.
 * - Graceful shutdown on SIGTERM/SIGINT (lib/shutdown.ts): background work stops, slow paid sends end "unknown".
 * - Starts the background sweep (lib/stories/sweep.ts): at start-up, then every SWEEP_INTERVAL_MS (0: only the
 *   cron route GET /api/cron/sweep runs it).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.BENCH_PROBE_FILE) await startBenchProbe(process.env.BENCH_PROBE_FILE);
  const { log } = await import("./lib/log");
  const { deploymentProblems, isServerless } = await import("./lib/deploy-check");
  for (const problem of deploymentProblems()) log.error(`deployment is not configured: ${problem}`);

  // Accounts need a secret: stop here with what to set rather than a 500 at the first request.
  const { stopUnlessAuthSecret } = await import("./lib/auth/secret");
  stopUnlessAuthSecret();

  const { installShutdownHandlers, onShutdown } = await import("./lib/shutdown");
  installShutdownHandlers();

  if (!process.env.VIMMERSE_API_KEY?.trim() && !process.env.VIMMERSE_BASE_URL?.trim() && !isServerless()) {
    const { startEmbeddedSimulator } = await import("./lib/demo/embedded-simulator");
    await startEmbeddedSimulator();
  }
  const { startSweeper } = await import("./lib/stories/sweep");
  try {
    startSweeper();
  } catch (e) {
    log.error("could not start the sweep", { err: e });
  }
  onShutdown("background sweep", () => clearInterval(globalThis.__storyboardSweeper));
}

/**
 * Benchmarks only (BENCH_PROBE_FILE, bench/status.ts): the event loop's delay and where the memory is. Each SIGUSR2
 * writes to the file what was seen since the previous one (delay percentiles, process.memoryUsage(), PGlite's WASM
 * heap) and starts counting again. The file first holds this process's id (the signal's target).
 */
async function startBenchProbe(file: string) {
  const [{ monitorEventLoopDelay }, { writeFileSync }] = await Promise.all([import("node:perf_hooks"), import("node:fs")]);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const mib = (n: number) => Math.round((n / 1048576) * 10) / 10;
  writeFileSync(file, JSON.stringify({ pid: process.pid }));
  process.on("SIGUSR2", () => {
    void (async () => {
      const memory = process.memoryUsage();
      const opened = await globalThis.__storyboardDb?.catch(() => undefined);
      const client = (opened?.db as { $client?: { mod?: { HEAPU8?: Uint8Array } } } | undefined)?.$client;
      writeFileSync(
        file,
        JSON.stringify({
          pid: process.pid,
          eventLoopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
          memoryMiB: {
            rss: mib(memory.rss),
            heapUsed: mib(memory.heapUsed),
            heapTotal: mib(memory.heapTotal),
            external: mib(memory.external),
            arrayBuffers: mib(memory.arrayBuffers),
            pgliteWasmHeap: client?.mod?.HEAPU8 ? mib(client.mod.HEAPU8.byteLength) : null,
          },
        }),
      );
      delay.reset();
    })();
  });
}
