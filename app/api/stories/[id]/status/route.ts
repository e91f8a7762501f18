import { NextResponse } from "next/server";
import { refreshStory, toStatusView } from "@/lib/stories/service";

/** Polled by the browser (TanStack Query). Serves our database; refreshes from Vimmerse at most once per interval. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const row = await refreshStory(id);
  if (!row) return NextResponse.json({ message: "This story does not exist." }, { status: 404 });
  return NextResponse.json(toStatusView(row), { headers: { "Cache-Control": "no-store" } });
}
