import type { Metadata } from "next";
import { connection } from "next/server";
import { getGuestReview, LINK_GONE } from "@/lib/services/review";
import { isDomainError } from "@/lib/stories/errors";
import { GuestBoard } from "@/components/review/guest-board";

/** A client's review of one storyboard through a review link: no account, no session; the token is the only key. */
export const metadata: Metadata = { title: "Storyboard review", robots: { index: false, follow: false } };

type Params = { params: Promise<{ token: string }> };

export default async function GuestReviewPage({ params }: Params) {
  await connection();
  const { token } = await params;
  let view;
  try {
    view = await getGuestReview(token);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return (
      <div className="mx-auto max-w-lg rounded-2xl bg-white p-8 text-center shadow-card ring-1 ring-ink-200">
        <h1 className="text-xl font-semibold text-ink-900">This link no longer works</h1>
        <p className="mt-2 text-sm text-ink-600">{LINK_GONE}</p>
      </div>
    );
  }
  return <GuestBoard token={token} view={view} />;
}
