import { after, NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getStory, listAttempts } from "@/lib/db/queries";
import { statusRouteBudgetMs } from "@/lib/config";
import { isId } from "@/lib/validation/ids";
import { refreshStory, toStatusView } from "@/lib/stories/service";
import { logged } from "@/lib/route";

/** Vercel: a Vimmerse request may take up to VIMMERSE_TIMEOUT_MS (60 s) plus bookkeeping; keep the two in step. */
export const maxDuration = 90;

/**
 * Polled by the browser (TanStack Query). Serves our database; refreshes from Vimmerse at most once per interval.
 * A slow or hung upstream GET does not hold the poll: after STATUS_ROUTE_BUDGET_MS the answer comes from the database
 * and the refresh finishes in the background (`after()`).
 */
export const GET = logged("/api/stories/[id]/status", async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  if (!isId(id)) return NextResponse.json({ error: "not_found" }, { status: 404 });
  const refresh = refreshStory(id);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), statusRouteBudgetMs());
  });
  const first = await Promise.race([refresh, budget]);
  clearTimeout(timer);
  let row;
  if (first === "late") {
    try {
      after(() => refresh.then(() => undefined));
    } catch {
      void refresh; // outside a request scope (tests): the promise runs on by itself
    }
    row = await getStory(await getDb(), id);
  } else row = first;
  if (!row) return NextResponse.json({ message: "This story does not exist." }, { status: 404 });
  const attempts = await listAttempts(await getDb(), id);
  return NextResponse.json(toStatusView(row, attempts), { headers: { "Cache-Control": "no-store" } });
}, { quiet: true });
