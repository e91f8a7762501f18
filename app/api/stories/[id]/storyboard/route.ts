import { getActor } from "@/lib/auth/actor";
import { jsonOrError } from "@/lib/services/http";
import { getSavedStoryboard } from "@/lib/services/stories";
import { logged } from "@/lib/route";

/**
 * The saved storyboard, and why each version after `since` exists (edit / upstream), so an open editor can take
 * in newly generated media without losing its unsaved edits.
 */
export const GET = logged("/api/stories/[id]/storyboard", async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const since = Number(new URL(req.url).searchParams.get("since") ?? "0") || 0;
  return jsonOrError(async () => getSavedStoryboard(await getActor(), id, since));
});
