import { after, NextResponse } from "next/server";
import { readTextCapped } from "@/lib/net/body";
import { receiveWebhook, WEBHOOK_BODY_LIMIT } from "@/lib/stories/webhook-receiver";
import { logged } from "@/lib/route";

/** Vercel: answers at once; the refresh after the answer may take up to VIMMERSE_TIMEOUT_MS. */
export const maxDuration = 90;

/**
 * Vimmerse calls this when a story finishes. The secret is checked before the body is read; the body is capped
 * (64 KB, 413 above). Answers at once; the refresh runs after the response.
 */
export const POST = logged(
  "/api/webhooks/vimmerse/[storyId]/[secret]",
  async (req, ctx: { params: Promise<{ storyId: string; secret: string }> }, logger) => {
    const { storyId, secret } = await ctx.params;
    const outcome = await receiveWebhook({
      storyId,
      secret,
      rawBody: () => readTextCapped(req, WEBHOOK_BODY_LIMIT),
      schedule: (job) =>
        after(async () => {
          try {
            await job();
          } catch (err) {
            logger.error("webhook refresh failed", { storyId, err });
          }
        }),
    });
    return NextResponse.json(outcome.body, { status: outcome.status });
  },
);
