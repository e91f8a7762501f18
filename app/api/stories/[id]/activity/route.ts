import { getActor } from "@/lib/auth/actor";
import { jsonOrError } from "@/lib/services/http";
import { getActivity } from "@/lib/services/review";
import { logged } from "@/lib/route";

/** The story's timeline: edits by version and author, paid steps with credits, approvals, comments, overrides. */
export const GET = logged("/api/stories/[id]/activity", async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  return jsonOrError(async () => getActivity(await getActor(), id));
});
