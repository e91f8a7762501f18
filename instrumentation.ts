/**
 * Runs once when the Next.js server starts.
 * - Demo mode (no VIMMERSE_API_KEY and no VIMMERSE_BASE_URL): starts the built-in Vimmerse simulator inside this
 *   process, so `npm run dev` needs no second terminal.
 * - Checks that accounts can work (BETTER_AUTH_SECRET in production).
 * - Picks up stories that were being generated when the server stopped.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Accounts need a secret: stop here with what to set rather than a 500 at the first request.
  const { stopUnlessAuthSecret } = await import("./lib/auth/secret");
  stopUnlessAuthSecret();
  if (!process.env.VIMMERSE_API_KEY?.trim() && !process.env.VIMMERSE_BASE_URL?.trim()) {
    const { startEmbeddedSimulator } = await import("./lib/demo/embedded-simulator");
    await startEmbeddedSimulator();
  }
  const { resumeActiveStories } = await import("./lib/stories/resume");
  await resumeActiveStories().catch((e) => console.error("[resume] could not resume active stories", e));
}
