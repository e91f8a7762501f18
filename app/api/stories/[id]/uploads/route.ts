import { logged } from "@/lib/route";
import { getActor } from "@/lib/auth/actor";
import { errorResponse } from "@/lib/services/http";
import { uploadStoryImage } from "@/lib/services/uploads";
import { BodyTooLargeError, readBytesCapped } from "@/lib/net/body";
import { UPLOAD_LIMITS, formatBytes } from "@/lib/validation/uploads";

/**
 * POST the image's bytes as the body (any Content-Type; the type is read from the bytes). Needs upload.create in
 * the story's workspace. Answers { key, url, visibleToVimmerse, hint? }. A route handler, not a server action:
 * actions run one at a time per client and carry a body limit; the browser reduces images first (lib/uploads)
 * so a request stays far below Vercel's 4.5 MB.
 */
export const POST = logged("/api/stories/[id]/uploads", async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  try {
    const actor = await getActor();
    let bytes: Buffer;
    try {
      bytes = await readBytesCapped(req, UPLOAD_LIMITS.maxFileBytes);
    } catch (e) {
      if (!(e instanceof BodyTooLargeError)) throw e;
      return Response.json(
        { code: "too_large", message: `The image is larger than ${formatBytes(UPLOAD_LIMITS.maxFileBytes)}; choose a smaller one.` },
        { status: 413 },
      );
    }
    const origin = new URL(req.url).origin;
    const result = await uploadStoryImage(actor, id, new Uint8Array(bytes), origin);
    return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
});
