import { getActor } from "@/lib/auth/actor";
import { jsonOrError } from "@/lib/services/http";
import { getReview } from "@/lib/services/review";
import { logged } from "@/lib/route";

/** The story's review: item states (out of date or not), the summary, comments, the render gate. Polled / refetched. */
export const GET = logged("/api/stories/[id]/review", async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  return jsonOrError(async () => getReview(await getActor(), id));
});
