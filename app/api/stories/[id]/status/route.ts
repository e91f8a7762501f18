import { getActor } from "@/lib/auth/actor";
import { jsonOrError } from "@/lib/services/http";
import { getStoryStatus } from "@/lib/services/stories";

/** Polled by the browser (TanStack Query). Serves our database; refreshes from Vimmerse at most once per interval. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return jsonOrError(async () => getStoryStatus(await getActor(), id));
}
