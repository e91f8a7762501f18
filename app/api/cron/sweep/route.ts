import { NextResponse } from "next/server";
import { cronAuthorization } from "@/lib/stories/cron";
import { runSweep } from "@/lib/stories/sweep";
import { logged } from "@/lib/route";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

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
