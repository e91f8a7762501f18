import { after, NextResponse } from "next/server";
import { readTextCapped } from "@/lib/net/body";
import { receiveWebhook, WEBHOOK_BODY_LIMIT } from "@/lib/stories/webhook-receiver";

/**
 * Vimmerse calls this when a story finishes. The secret is checked before the body is read; the body is capped
 * (64 KB, 413 above). Answers at once; the refresh runs after the response.
 */
export async function POST(req: Request, ctx: { params: Promise<{ storyId: string; secret: string }> }) {
  const { storyId, secret } = await ctx.params;
  const outcome = await receiveWebhook({
    storyId,
    secret,
    rawBody: () => readTextCapped(req, WEBHOOK_BODY_LIMIT),
    schedule: (job) =>
      after(async () => {
        try {
          await job();
        } catch (e) {
          console.error("[webhook] refresh failed", e);
        }
      }),
  });
  return NextResponse.json(outcome.body, { status: outcome.status });
}
