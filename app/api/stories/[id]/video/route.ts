import { getDb } from "@/lib/db";
import { getStory } from "@/lib/db/queries";
import { fetchMedia } from "@/lib/net/media";
import { isUnsafeUrlError } from "@/lib/net/safe-fetch";
import { isId } from "@/lib/validation/ids";

/**
 * Downloads the final video under a readable file name (the browser ignores `download` on cross-origin links).
 * The URL came from Vimmerse, so it is fetched only through lib/net (allowed media hosts, public addresses,
 * checked redirects). The body streams with no overall timeout; closing the download closes the upstream.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const row = isId(id) ? await getStory(await getDb(), id) : null;
  if (!row?.videoUrl) return Response.json({ message: "This story has no video yet." }, { status: 404 });
  let upstream: Response;
  try {
    upstream = await fetchMedia(row.videoUrl, { signal: req.signal });
  } catch (e) {
    if (isUnsafeUrlError(e)) {
      console.warn(`[video] refused to fetch the video of story ${row.id}: ${e.message} (see VIMMERSE_MEDIA_HOSTS)`);
      return Response.json({ message: "The video's address is not an allowed media address." }, { status: 502 });
    }
    return Response.json({ message: "The video could not be fetched. Try again in a moment." }, { status: 502 });
  }
  if (!upstream.ok || !upstream.body) {
    await upstream.body?.cancel().catch(() => undefined);
    return Response.json({ message: "The video is not available right now. Try again in a moment." }, { status: 502 });
  }
  const type = upstream.headers.get("content-type") ?? "video/mp4";
  const ext = type.includes("webm") ? "webm" : "mp4";
  const name = (row.title || "story").replace(/[^\w\- ]+/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "story";
  const headers = new Headers({
    "Content-Type": type.startsWith("video/") ? type : "application/octet-stream",
    "Content-Disposition": `attachment; filename="${name}.${ext}"`,
    "Cache-Control": "private, no-store",
  });
  const length = upstream.headers.get("content-length");
  if (length && /^\d+$/.test(length)) headers.set("Content-Length", length);
  return new Response(upstream.body, { headers });
}
