import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";
import { logged } from "@/lib/route";

/**
 * For load balancers, Docker HEALTHCHECK and the e2e runner: `{ ok, database: {kind, ok, ms}, vimmerse: {ok, ms,
 * mode} }`. 503 when the database does not answer; Vimmerse down is reported (vimmerse.ok false) but stays 200.
 */
export const GET = logged(
  "/api/health",
  async (_req, _ctx, logger) => {
    const health = await checkHealth();
    if (!health.database.ok) logger.error("database not reachable", { error: health.database.error });
    return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
  },
  { quiet: true },
);
