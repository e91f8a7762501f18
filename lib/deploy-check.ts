import "server-only";

/**
 * Settings a platform needs that the app cannot work around, said plainly at start-up (instrumentation.ts) and on
 * every page (AppHeader) instead of failing obscurely later. Today: Vercel (detected by its `VERCEL` variable),
 * which keeps no resident process (no built-in simulator, no background interval) and no persistent disk (no
 * embedded database).
 */
export function deploymentProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  if (!env.VERCEL) return [];
  const problems: string[] = [];
  if (!env.VIMMERSE_API_KEY?.trim()) {
    problems.push(
      "VIMMERSE_API_KEY is not set. Demo mode needs the built-in simulator, which needs a resident server process that Vercel does not keep. Set VIMMERSE_API_KEY in the Vercel project's Environment Variables and redeploy (or run the demo with Node or Docker).",
    );
  }
  if (!env.DATABASE_URL?.trim()) {
    problems.push(
      "DATABASE_URL is not set. The embedded database needs a persistent disk, which Vercel does not have. Set DATABASE_URL to a PostgreSQL connection string (e.g. Neon or Supabase), run `npm run db:migrate` against it, and redeploy.",
    );
  }
  return problems;
}

/** True when this process is on a platform without resident processes (no in-process simulator or intervals). */
export function isServerless(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.VERCEL);
}
