"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { toast } from "@/lib/toast";
import { guestComment, guestReviewItem } from "@/lib/actions/review";
import type { ActionResult } from "@/lib/actions/result";
import { summaryText, type Decision } from "@/lib/review/content";
import type { getGuestReview } from "@/lib/services/review";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { CommentThread, type ThreadApi } from "./comment-thread";
import { ReviewItemCard } from "./review-item";

type View = Awaited<ReturnType<typeof getGuestReview>>;

/** The guest's board: read-only scenes; after entering a name, comment and approve / request changes per scene. */
export function GuestBoard({ token, view }: { token: string; view: View }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [name, setName] = useState("");
  const [draftName, setDraftName] = useState("");
  // New comments and decisions of the team show up without a reload (polling; the page is rendered on the server).
  useEffect(() => {
    const t = setInterval(() => startTransition(() => router.refresh()), 5_000);
    return () => clearInterval(t);
  }, [router]);

  const run = async <T,>(p: Promise<ActionResult<T>>, done?: string) => {
    const r = await p;
    if (!r.ok) {
      toast.error(r.error.message);
      return false;
    }
    if (done) toast.success(done);
    startTransition(() => router.refresh());
    return true;
  };
  const thread = (itemId: string | null): ThreadApi => ({
    members: [],
    canComment: !!name,
    add: (body) => run(guestComment({ token, name, itemId, body })),
  });
  const decide = (itemId: string) =>
    name ? async (decision: Decision) => void (await run(guestReviewItem({ token, name, itemId, decision }), decision === "approved" ? "Approved" : "Changes requested")) : undefined;

  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm font-medium text-brand-700">Storyboard review</p>
        <h1 className="text-2xl font-semibold tracking-tight text-ink-900">{view.title || "Untitled story"}</h1>
        <p className="mt-1 text-sm text-ink-600">{summaryText(view.summary)}</p>
      </div>
      {name ? (
        <p className="text-sm text-ink-600">
          Reviewing as <span className="font-medium text-ink-900">{name}</span>.{" "}
          <button type="button" className="text-brand-700 underline" onClick={() => setName("")}>
            Change name
          </button>
        </p>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2 rounded-xl bg-white p-4 ring-1 ring-ink-200"
          onSubmit={(e) => {
            e.preventDefault();
            const n = draftName.trim();
            if (!n) return;
            setName(n);
          }}
        >
          <Field label="Your name" hint="Shown with your comments and approvals." className="min-w-[14rem] flex-1">
            <Input value={draftName} onChange={(e) => setDraftName(e.target.value)} maxLength={80} autoComplete="name" />
          </Field>
          <Button type="submit" disabled={!draftName.trim()}>
            Start reviewing
          </Button>
        </form>
      )}
      <div className="space-y-3">
        {view.scenes.map((s) => (
          <ReviewItemCard
            key={s.id}
            id={s.id}
            title={`Scene ${s.number}: ${s.name}`}
            scene={s}
            review={view.items[s.id]}
            comments={view.comments.filter((c) => c.itemId === s.id)}
            thread={thread(s.id)}
            decide={decide(s.id)}
          />
        ))}
        <section aria-labelledby="story-thread-title" className="rounded-xl bg-white p-3 ring-1 ring-ink-200">
          <h2 id="story-thread-title" className="mb-2 font-semibold text-ink-900">
            Whole story
          </h2>
          <CommentThread label="the whole story" comments={view.comments.filter((c) => c.itemId === null)} api={thread(null)} />
        </section>
      </div>
    </div>
  );
}
