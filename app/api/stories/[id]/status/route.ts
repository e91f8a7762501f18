import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { isId } from "@/lib/validation/ids";
import { listAttempts } from "@/lib/db/queries";
import { refreshStory, toStatusView } from "@/lib/stories/service";

/** Polled by the browser (TanStack Query). Serves our database; refreshes from Vimmerse at most once per interval. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const row = isId(id) ? await refreshStory(id) : null;
  if (!row) return NextResponse.json({ message: "This story does not exist." }, { status: 404 });
  const attempts = await listAttempts(await getDb(), id);
  return NextResponse.json(toStatusView(row, attempts), { headers: { "Cache-Control": "no-store" } });
}
