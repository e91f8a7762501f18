/**
 * Runs once when the Next.js server starts. In demo mode (no VIMMERSE_API_KEY and no VIMMERSE_BASE_URL) it
 * starts the built-in Vimmerse simulator inside this process, so `npm run dev` needs no second terminal.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.VIMMERSE_API_KEY?.trim() || process.env.VIMMERSE_BASE_URL?.trim()) return;
  const { startEmbeddedSimulator } = await import("./lib/demo/embedded-simulator");
  await startEmbeddedSimulator();
}
