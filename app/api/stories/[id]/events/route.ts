import { getActor } from "@/lib/auth/actor";
import { errorResponse } from "@/lib/services/http";
import { openStoryEvents } from "@/lib/services/live";
import { logged } from "@/lib/route";

/**
 * Server-sent events of one story (saved / status / comment / review, and who else is viewing), for any member of
 * its workspace. Vercel ends a streaming function at maxDuration: the browser reconnects and refetches.
 */
export const maxDuration = 300;
export const dynamic = "force-dynamic";

export const GET = logged("/api/stories/[id]/events", async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  try {
    const client = new URL(req.url).searchParams.get("client");
    const stream = await openStoryEvents(await getActor(), id, { signal: req.signal, client });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store, no-transform",
        "X-Accel-Buffering": "no",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}, { quiet: true });
