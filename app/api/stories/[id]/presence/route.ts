import { getActor } from "@/lib/auth/actor";
import { jsonOrError } from "@/lib/services/http";
import { reportPresence } from "@/lib/services/live";
import { readTextCapped } from "@/lib/net/body";
import { logged } from "@/lib/route";

/** A page of the story reports that it is open, the scene it edits, or that it left (a hint for others, no lock). */
export const POST = logged("/api/stories/[id]/presence", async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  // A report is a few ids: anything larger (or unreadable) is simply not one.
  const body = await readTextCapped(req, 1_024).catch(() => "");
  return jsonOrError(async () => reportPresence(await getActor(), id, body));
}, { quiet: true });
