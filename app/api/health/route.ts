import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { databaseUrl, isDemoMode } from "@/lib/config";

/** Liveness for load balancers and the e2e runner: the database answers and the mode is known. */
export async function GET() {
  try {
    await getDb();
    return NextResponse.json({ ok: true, demo: isDemoMode(), database: databaseUrl() ? "postgres" : "pglite" });
  } catch (e) {
    console.error("[health]", e);
    return NextResponse.json({ ok: false, message: "The database is not reachable." }, { status: 503 });
  }
}
