import { after, NextResponse } from "next/server";
import { receiveWebhook } from "@/lib/stories/webhook-receiver";

/** Vimmerse calls this when a story finishes. Answers at once; the refresh runs after the response. */
export async function POST(req: Request, ctx: { params: Promise<{ storyId: string; secret: string }> }) {
  const { storyId, secret } = await ctx.params;
  const outcome = await receiveWebhook({
    storyId,
    secret,
    rawBody: await req.text(),
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
