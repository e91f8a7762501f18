import { fetchMedia } from "@/lib/net/media";
import { isUnsafeUrlError } from "@/lib/net/safe-fetch";
import { logged } from "@/lib/route";
import { getActor } from "@/lib/auth/actor";
import { errorResponse } from "@/lib/services/http";
import { getVideoSource } from "@/lib/services/stories";

/** Vercel: connecting to the media host may take a while; the body then streams. */
export const maxDuration = 90;

/**
 * Downloads the final video under a readable file name (the browser ignores `download` on cross-origin links).
 * The URL came from Vimmerse, so it is fetched only through lib/net (allowed media hosts, public addresses,
 * checked redirects). The body streams with no overall timeout; closing the download closes the upstream.
 */
export const GET = logged("/api/stories/[id]/video", async (req, ctx: { params: Promise<{ id: string }> }, logger) => {
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
    upstream = await fetchMedia(row.videoUrl, { signal: req.signal });
  } catch (err) {
    if (isUnsafeUrlError(err)) {
      logger.warn("refused to fetch the video: not an allowed media address (see VIMMERSE_MEDIA_HOSTS)", { storyId: id, err: err.message });
      return Response.json({ message: "The video's address is not an allowed media address." }, { status: 502 });
    }
    logger.warn("video fetch failed", { err });
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
});
