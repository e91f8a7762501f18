/**
 * Runs once when the Next.js server starts.
 * - Demo mode (no VIMMERSE_API_KEY and no VIMMERSE_BASE_URL): starts the built-in Vimmerse simulator inside this
 *   process, so `npm run dev` needs no second terminal.
 * - Starts the background sweep (lib/stories/sweep.ts): at start-up, then every SWEEP_INTERVAL_MS (0: only the
 *   cron route GET /api/cron/sweep runs it).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (!process.env.VIMMERSE_API_KEY?.trim() && !process.env.VIMMERSE_BASE_URL?.trim()) {
    const { startEmbeddedSimulator } = await import("./lib/demo/embedded-simulator");
    await startEmbeddedSimulator();
  }
  const { startSweeper } = await import("./lib/stories/sweep");
  try {
    startSweeper();
  } catch (e) {
    console.error("[sweep] could not start", e);
  }
}
