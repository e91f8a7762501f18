import { NextResponse } from "next/server";
import { cronAuthorization } from "@/lib/stories/cron";
import { runSweep } from "@/lib/stories/sweep";
import { logged } from "@/lib/route";

export const dynamic = "force-dynamic";
/**
 * Vercel: the sweep refreshes stories one after another, each GET waiting up to VIMMERSE_TIMEOUT_MS (60 s), so a
 * hanging Vimmerse could use up a 60 s function on one story. 300 s is the most Fluid compute allows on every plan;
 * a sweep cut short is safe (every write is conditional) and the next one starts with the stories it did not reach.
 */
export const maxDuration = 300;

/**
 * The background sweep for hosts where nothing stays resident (Vercel cron: `Authorization: Bearer $CRON_SECRET`).
 * 404 when CRON_SECRET is not set, 401 without the right bearer token.
 */
export const GET = logged("/api/cron/sweep", async (req: Request) => {
  const auth = cronAuthorization(req.headers.get("authorization"));
  if (auth === "disabled") return NextResponse.json({ message: "Not found." }, { status: 404 });
  if (auth === "denied") return NextResponse.json({ message: "Unauthorized." }, { status: 401 });
  const report = await runSweep();
  return NextResponse.json(report, { headers: { "Cache-Control": "no-store" } });
});
