import "server-only";
import { getDb } from "@/lib/db";
import { databaseUrl, isDemoMode } from "@/lib/config";

/** Liveness: the database answers, and which mode and database kind are in use (public, no data). */
export async function health() {
  await getDb();
  return { ok: true, demo: isDemoMode(), database: databaseUrl() ? "postgres" : "pglite" };
}
