import { getActor } from "@/lib/auth/actor";
import { jsonOrError } from "@/lib/services/http";
import { listStoryVersions } from "@/lib/services/stories";
import { logged } from "@/lib/route";

/** Every saved version of the storyboard, newest first: number, why (edit / upstream / restore / generated), when. */
export const GET = logged("/api/stories/[id]/versions", async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  return jsonOrError(async () => listStoryVersions(await getActor(), id));
});
