import { logged } from "@/lib/route";
import { readUpload } from "@/lib/services/uploads";

/**
 * An uploaded image. Public on purpose: Vimmerse fetches it by URL, without a session; keys are 128 random bits,
 * validated against one pattern (nothing else can be named: no paths, no traversal). Immutable: a key's bytes
 * never change.
 */
export const GET = logged("/api/uploads/[key]", async (_req, ctx: { params: Promise<{ key: string }> }) => {
  const { key } = await ctx.params;
  const file = await readUpload(key);
  if (!file) {
    return Response.json({ message: "NOT_FOUND" }, { status: 404, headers: { "X-Content-Type-Options": "nosniff" } });
  }
  return new Response(file.bytes as BodyInit, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
