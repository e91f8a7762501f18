import { getActor } from "@/lib/auth/actor";
import { errorResponse } from "@/lib/services/http";
import { getVideoSource } from "@/lib/services/stories";

/** Downloads the final video under a readable file name (the browser ignores `download` on cross-origin links). */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  let row: Awaited<ReturnType<typeof getVideoSource>>;
  try {
    row = await getVideoSource(await getActor(), id);
  } catch (e) {
    return errorResponse(e);
  }
  if (!row.videoUrl) return Response.json({ message: "This story has no video yet." }, { status: 404 });
  let upstream: Response;
  try {
    upstream = await fetch(row.videoUrl, { signal: AbortSignal.timeout(60_000) });
  } catch {
    return Response.json({ message: "The video could not be fetched. Try again in a moment." }, { status: 502 });
  }
  if (!upstream.ok || !upstream.body) {
    return Response.json({ message: "The video is not available right now. Try again in a moment." }, { status: 502 });
  }
  const type = upstream.headers.get("content-type") ?? "video/mp4";
  const ext = type.includes("webm") ? "webm" : "mp4";
  const name = (row.title || "story").replace(/[^\w\- ]+/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "story";
  const headers = new Headers({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${name}.${ext}"`,
    "Cache-Control": "private, no-store",
  });
  const length = upstream.headers.get("content-length");
  if (length) headers.set("Content-Length", length);
  return new Response(upstream.body, { headers });
}
