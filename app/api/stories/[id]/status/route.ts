import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { listAttempts } from "@/lib/db/queries";
import { refreshStory, toStatusView } from "@/lib/stories/service";
import { logged } from "@/lib/route";

/** Vercel: a Vimmerse request may take up to VIMMERSE_TIMEOUT_MS (60 s) plus bookkeeping; keep the two in step. */
export const maxDuration = 90;

/** Polled by the browser (TanStack Query). Serves our database; refreshes from Vimmerse at most once per interval. */
export const GET = logged("/api/stories/[id]/status", async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const row = await refreshStory(id);
  if (!row) return NextResponse.json({ message: "This story does not exist." }, { status: 404 });
  const attempts = await listAttempts(await getDb(), id);
  return NextResponse.json(toStatusView(row, attempts), { headers: { "Cache-Control": "no-store" } });
}, { quiet: true });
