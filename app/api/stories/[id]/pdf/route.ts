import { logged } from "@/lib/route";
import { getActor } from "@/lib/auth/actor";
import { errorResponse } from "@/lib/services/http";
import { printableStoryboard } from "@/lib/services/stories";
import { fileNameFor } from "@/lib/stories/storyboard-file";
import { storyboardPdfStream } from "@/lib/pdf/storyboard-pdf";

/** Node: @react-pdf/renderer and sharp. Streamed (Vercel caps a non-streamed answer at 4.5 MB). */
export const runtime = "nodejs";
export const maxDuration = 60;

/** The printable board as a PDF (inline; the browser's viewer prints or saves it). Needs story.read. */
export const GET = logged("/api/stories/[id]/pdf", async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  let board: Awaited<ReturnType<typeof printableStoryboard>>;
  try {
    board = await printableStoryboard(await getActor(), id);
  } catch (e) {
    return errorResponse(e);
  }
  const body = await storyboardPdfStream(board.title, board.storyboard, req.signal);
  return new Response(body, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${fileNameFor(board.title, "pdf")}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
