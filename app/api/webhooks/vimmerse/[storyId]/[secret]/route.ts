import { after, NextResponse } from "next/server";
import { receiveWebhook } from "@/lib/stories/webhook-receiver";
import { logged } from "@/lib/route";

/** Vercel: a Vimmerse request may take up to VIMMERSE_TIMEOUT_MS (60 s) plus bookkeeping; keep the two in step. */
export const maxDuration = 90;

/** Vimmerse calls this when a story finishes. Answers at once; the refresh runs after the response. */
export const POST = logged(
  "/api/webhooks/vimmerse/[storyId]/[secret]",
  async (req, ctx: { params: Promise<{ storyId: string; secret: string }> }, logger) => {
    const { storyId, secret } = await ctx.params;
    const outcome = await receiveWebhook({
      storyId,
      secret,
      rawBody: await req.text(),
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
