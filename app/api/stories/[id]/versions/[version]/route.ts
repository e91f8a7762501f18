import { getActor } from "@/lib/auth/actor";
import { jsonOrError } from "@/lib/services/http";
import { getStoryVersion } from "@/lib/services/stories";
import { DomainError } from "@/lib/stories/errors";
import { logged } from "@/lib/route";

/** One saved version's storyboard (to compare two versions in the editor). */
export const GET = logged("/api/stories/[id]/versions/[version]", async (_req, ctx: { params: Promise<{ id: string; version: string }> }) => {
  const { id, version } = await ctx.params;
  return jsonOrError(async () => {
    const n = Number(version);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new DomainError("not_found", "There is no such version.");
    return getStoryVersion(await getActor(), id, n);
  });
});
