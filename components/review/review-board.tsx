"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDistanceToNow } from "date-fns";
import { useState } from "react";
import { addComment, createReviewLink, deleteComment, editComment, resolveComment, reviewItem, revokeReviewLink } from "@/lib/actions/review";
import { CAST_ITEM_ID, CAST_ITEM_LABEL, summaryText, type Decision } from "@/lib/review/content";
import { REVIEW_LINK_DAYS } from "@/lib/validation/review-options";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { CommentThread, type ThreadApi } from "./comment-thread";
import { useReview } from "./review-context";
import { ReviewItemCard } from "./review-item";

/**
 * The review board of a story: every scene (image, name, narration, descriptions) and the cast & sound item with
 * their review state, approve / request changes, a thread each and one for the whole story; review links; activity.
 */
export function ReviewBoard() {
  const ctx = useReview();
  if (!ctx?.review) return null;
  const { review: r, run, storyId } = ctx;
  const threadFor = (itemId: string | null): ThreadApi => ({
    members: r.members,
    canComment: r.can.comment,
    add: async (body) => (await run(addComment({ storyId, itemId, body }))) !== null,
    edit: async (commentId, body) => (await run(editComment({ commentId, body }))) !== null,
    remove: async (commentId) => (await run(deleteComment({ commentId }))) !== null,
    resolve: r.can.comment ? async (commentId, resolved) => (await run(resolveComment({ commentId, resolved }))) !== null : undefined,
  });
  const decide = r.can.approve
    ? (itemId: string) => async (decision: Decision) => {
        await run(reviewItem({ storyId, itemId, decision }), decision === "approved" ? "Approved" : "Changes requested");
      }
    : () => undefined;
  return (
    <Card id="review" className="scroll-mt-28" role="region" aria-labelledby="review-title">
      <CardHeader id="review-title" title="Review" description={`${summaryText(r.summary)}. Approve each scene before the video is made.`} />
      <div className="space-y-3 p-4">
        {r.scenes.map((s) => (
          <ReviewItemCard
            key={s.id}
            id={s.id}
            title={`Scene ${s.number}: ${s.name}`}
            scene={s}
            review={r.items[s.id]}
            comments={r.comments.filter((c) => c.itemId === s.id)}
            thread={threadFor(s.id)}
            decide={decide(s.id)}
          />
        ))}
        <ReviewItemCard
          id={CAST_ITEM_ID}
          title={CAST_ITEM_LABEL}
          summary="Characters, environments, objects, music and the title scene."
          review={r.items[CAST_ITEM_ID]}
          comments={r.comments.filter((c) => c.itemId === CAST_ITEM_ID)}
          thread={threadFor(CAST_ITEM_ID)}
          decide={decide(CAST_ITEM_ID)}
        />
        <section aria-labelledby="story-thread-title" className="rounded-xl bg-white p-3 ring-1 ring-ink-200">
          <h3 id="story-thread-title" className="mb-2 font-semibold text-ink-900">
            Whole story
          </h3>
          <CommentThread label="the whole story" comments={r.comments.filter((c) => c.itemId === null)} api={threadFor(null)} />
        </section>
        {r.can.share ? <ReviewLinks /> : null}
        <Activity storyId={storyId} />
      </div>
    </Card>
  );
}

function ReviewLinks() {
  const ctx = useReview()!;
  const { review: r, run, storyId } = ctx;
  const [days, setDays] = useState<number>(7);
  const [made, setMade] = useState<string | null>(null);
  const live = r!.links.filter((l) => l.live);
  return (
    <section aria-labelledby="links-title" className="space-y-2 rounded-xl bg-white p-3 ring-1 ring-ink-200">
      <h3 id="links-title" className="font-semibold text-ink-900">
        Review link for a client
      </h3>
      <p className="text-sm text-ink-600">Opens this storyboard read-only; the guest can comment and approve scenes. Nothing else.</p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm text-ink-700">
          Expires after{" "}
          <Select aria-label="Link expires after" className="inline-block h-8 w-auto" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {REVIEW_LINK_DAYS.map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? "day" : "days"}
              </option>
            ))}
          </Select>
        </label>
        <Button
          size="sm"
          onClick={async () => {
            const link = await run(createReviewLink({ storyId, days }), "Review link created");
            if (link) setMade(`${window.location.origin}${link.path}`);
          }}
        >
          Create review link
        </Button>
      </div>
      {made ? (
        <p className="text-sm">
          <span className="text-ink-600">Copy it now (it is shown once): </span>
          <input readOnly aria-label="New review link" value={made} className="w-full rounded-md bg-ink-50 px-2 py-1 font-mono text-xs ring-1 ring-ink-200" onFocus={(e) => e.currentTarget.select()} />
        </p>
      ) : null}
      {live.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label="Active review links">
          {live.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-2">
              <span className="text-ink-700">
                By {l.createdBy}, expires {formatDistanceToNow(new Date(l.expiresAt), { addSuffix: true })}
              </span>
              <Button size="sm" variant="danger" className="h-7 text-xs" onClick={() => void run(revokeReviewLink({ storyId, linkId: l.id }), "Link revoked")}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type Entry = { kind: string; at: string; who: string; itemId: string | null; detail: Record<string, unknown> };

function describe(e: Entry): string {
  const d = e.detail;
  switch (e.kind) {
    case "edit":
      return d.source === "edit" || d.source === "restore" ? `saved version ${d.version}` : `version ${d.version} (${d.source === "generated" ? "storyboard written" : "generated media"})`;
    case "step":
      return `started ${String(d.step)} (${String(d.state)}${typeof d.credits === "number" ? `, ${d.credits} credits` : ""})`;
    case "review":
      return d.decision === "approved" ? "approved" : "requested changes";
    case "comment":
      return `${String(d.action ?? "added")} a comment`;
    case "override": {
      const list = (d.unapproved as { number: number }[] | undefined)?.map((s) => s.number).join(", ");
      return `overrode the approval gate for ${String(d.step)}${list ? ` (unapproved: scene ${list})` : ""}`;
    }
    case "link":
      return `${String(d.action)} a review link`;
    default:
      return e.kind;
  }
}

function Activity({ storyId }: { storyId: string }) {
  const [open, setOpen] = useState(false);
  const { data } = useQuery({
    queryKey: ["activity", storyId],
    queryFn: async () => (await (await fetch(`/api/stories/${storyId}/activity`, { cache: "no-store" })).json()) as Entry[],
    enabled: open,
    refetchInterval: open ? 5_000 : false,
  });
  const r = useReview()?.review;
  const itemName = (id: string | null) => {
    if (!id) return "";
    if (id === CAST_ITEM_ID) return ` on ${CAST_ITEM_LABEL}`;
    const s = r?.scenes.find((x) => x.id === id);
    return s ? ` on scene ${s.number}` : " on a removed scene";
  };
  return (
    <details className="rounded-xl bg-white p-3 ring-1 ring-ink-200" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-semibold text-ink-900">Activity</summary>
      {open && !data ? <p className="mt-2 text-sm text-ink-500">Loading…</p> : null}
      {data ? (
        <ol className="mt-2 space-y-1 text-sm" aria-label="Activity">
          {data.map((e, i) => (
            <li key={i} className="flex flex-wrap gap-x-2">
              <time dateTime={e.at} className="text-xs text-ink-500">
                {new Date(e.at).toLocaleString()}
              </time>
              <span>
                <span className="font-medium text-ink-800">{e.who}</span> {describe(e)}
                {itemName(e.itemId)}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}
