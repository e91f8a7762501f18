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
