import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { isId } from "@/lib/validation/ids";
import { getStory, listStoryboardVersions } from "@/lib/db/queries";
import { logged } from "@/lib/route";

/**
 * The saved storyboard, and why each version after `since` exists (edit / upstream), so an open editor can take
 * in newly generated media without losing its unsaved edits.
 */
export const GET = logged("/api/stories/[id]/storyboard", async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const since = Number(new URL(req.url).searchParams.get("since") ?? "0") || 0;
  const db = await getDb();
  const row = isId(id) ? await getStory(db, id) : null;
  if (!row) return NextResponse.json({ message: "This story does not exist." }, { status: 404 });
  const versions = await listStoryboardVersions(db, id);
  return NextResponse.json(
    {
      version: row.version,
      storyboard: row.storyboard,
      sources: versions.filter((v) => v.version > since).map((v) => v.source),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
