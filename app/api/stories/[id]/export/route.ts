import { logged } from "@/lib/route";
import { getActor } from "@/lib/auth/actor";
import { errorResponse } from "@/lib/services/http";
import { exportStoryboard } from "@/lib/services/stories";
import { fileNameFor } from "@/lib/stories/storyboard-file";

/** The storyboard file (README.md, "Storyboard files") as a download. Needs story.read. */
export const GET = logged("/api/stories/[id]/export", async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  try {
    const file = await exportStoryboard(await getActor(), id);
    return new Response(JSON.stringify(file, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileNameFor(file.title, "storyboard.json")}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
});
