import Link from "next/link";
import { connection } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { can, refusal } from "@/lib/auth/permissions";
import { creditsReport, listStories } from "@/lib/services/stories";
import { StoryCard } from "@/components/stories/story-card";
import { CreditsSummary } from "@/components/teams/credits-summary";
import { NoWorkspace } from "@/components/teams/no-workspace";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  await connection();
  const actor = await getActor();
  if (!actor) return <NoWorkspace />;
  const { before } = await searchParams;
  const [{ stories: rows, nextBefore }, credits] = await Promise.all([
    listStories(actor, { before: typeof before === "string" ? before : undefined }),
    creditsReport(actor),
  ]);
  const canCreate = can(actor, "story.create");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink-900">Stories</h1>
          <p className="mt-1 text-sm text-ink-500">
            Every storyboard you and your team are writing, reviewing and rendering.
          </p>
        </div>
        {rows.length > 0 && canCreate ? (
          <Link
            href="/stories/new"
            className="inline-flex h-10 items-center gap-2 rounded-lg bg-brand-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            <span aria-hidden>+</span> New story
          </Link>
        ) : null}
      </div>
      {!canCreate ? <p className="text-sm text-ink-500">You are a reviewer here: {refusal(actor.role, "story.create").toLowerCase()}</p> : null}
      {rows.length === 0 ? (
        canCreate ? <EmptyState /> : <p className="text-sm text-ink-500">No stories in this workspace yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Stories">
          {rows.map((row) => (
            <li key={row.status.id}>
              <StoryCard story={row.status} idea={row.idea} />
            </li>
          ))}
        </ul>
      )}
      <StoryPages older={nextBefore} paged={typeof before === "string"} />
      <CreditsSummary report={credits} />
    </div>
  );
}

/** Pages of DASHBOARD_PAGE_SIZE stories (keyset: `?before=<last story id>`), so the dashboard costs the same at any size. */
function StoryPages({ older, paged }: { older: string | null; paged: boolean }) {
  if (!older && !paged) return null;
  const link = "inline-flex h-10 items-center rounded-lg border border-ink-200 bg-white px-4 text-sm font-medium text-ink-700 hover:bg-ink-50";
  return (
    <nav aria-label="Story pages" className="flex justify-center gap-3">
      {paged ? <Link href="/" className={link}>Newest stories</Link> : null}
      {older ? <Link href={`/?before=${encodeURIComponent(older)}`} className={link}>Older stories</Link> : null}
    </nav>
  );
}

function EmptyState() {
  return (
    <div className="rounded-2xl border border-dashed border-ink-300 bg-white px-6 py-16 text-center">
      <div aria-hidden className="mx-auto grid h-14 w-14 place-items-center rounded-2xl bg-brand-50 text-brand-600">
        <svg viewBox="0 0 24 24" className="h-7 w-7" fill="none" stroke="currentColor" strokeWidth="1.8">
          <rect x="3" y="4" width="7" height="7" rx="1.5" />
          <rect x="14" y="4" width="7" height="7" rx="1.5" />
          <rect x="3" y="14" width="7" height="7" rx="1.5" />
          <path d="M17.5 14v7M14 17.5h7" strokeLinecap="round" />
        </svg>
      </div>
      <h2 className="mt-4 text-lg font-semibold text-ink-900">No stories yet</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-ink-500">
        Type an idea and Vimmerse writes a storyboard: characters, places, scenes, narration and music. You edit it,
        review it, and only then spend credits on video.
      </p>
      <Link
        href="/stories/new"
        className="mt-6 inline-flex h-11 items-center gap-2 rounded-lg bg-brand-600 px-5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
      >
        <span aria-hidden>+</span> New story
      </Link>
    </div>
  );
}
