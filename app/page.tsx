import Link from "next/link";
import { connection } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { can, refusal } from "@/lib/auth/permissions";
import { creditsReport, dashboardStories } from "@/lib/services/stories";
import { DashboardControls } from "@/components/stories/dashboard-controls";
import { DASHBOARD_PAGE, DASHBOARD_MAX, parseDashboardQuery } from "@/lib/validation/dashboard";
import { reviewSummaries } from "@/lib/services/review";
import { StoryCard } from "@/components/stories/story-card";
import { CreditsSummary } from "@/components/teams/credits-summary";
import { NoWorkspace } from "@/components/teams/no-workspace";
import { QueryProvider } from "./query-provider";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const actor = await getActor();
  if (!actor) return <NoWorkspace />;
  // Search, sort, status filter and page size come from the URL (survive a reload); at most `limit` rows are read.
  const query = parseDashboardQuery(await searchParams);
  const filtered = query.q !== "" || query.status !== "all";
  const [{ stories: rows, more }, credits] = await Promise.all([dashboardStories(actor, query), creditsReport(actor)]);
  const reviews = await reviewSummaries(actor, rows.map((r) => r.status.id));
  const canCreate = can(actor, "story.create");
  const actions = { duplicate: canCreate, remove: can(actor, "story.delete") };
  const moreHref = () => {
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (query.sort !== "updated") params.set("sort", query.sort);
    if (query.status !== "all") params.set("status", query.status);
    params.set("limit", String(Math.min(DASHBOARD_MAX, query.limit + DASHBOARD_PAGE)));
    return `/?${params}`;
  };
  // Story cards poll their status (TanStack Query, which the root layout does not carry).
  return (
    <QueryProvider>
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink-900">Stories</h1>
          <p className="mt-1 text-sm text-ink-500">
            Every storyboard you and your team are writing, reviewing and rendering.
          </p>
        </div>
        {(rows.length > 0 || filtered) && canCreate ? (
          <Link
            href="/stories/new"
            className="inline-flex h-10 items-center gap-2 rounded-lg bg-brand-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            <span aria-hidden>+</span> New story
          </Link>
        ) : null}
      </div>
      {!canCreate ? <p className="text-sm text-ink-500">You are a reviewer here: {refusal(actor.role, "story.create").toLowerCase()}</p> : null}
      {rows.length > 0 || filtered ? <DashboardControls query={query} /> : null}
      {rows.length === 0 && filtered ? (
        <p role="status" className="rounded-xl bg-white px-4 py-6 text-center text-sm text-ink-600 ring-1 ring-ink-200">
          No stories match. <Link href="/" className="font-medium text-brand-700 underline">Show all stories</Link>
        </p>
      ) : rows.length === 0 ? (
        canCreate ? <EmptyState /> : <p className="text-sm text-ink-500">No stories in this workspace yet.</p>
      ) : (
        <>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Stories">
            {rows.map((row) => (
              <li key={row.status.id}>
                <StoryCard story={row.status} idea={row.idea} review={reviews[row.status.id]} actions={actions} />
              </li>
            ))}
          </ul>
          {more && query.limit < DASHBOARD_MAX ? (
            <p className="text-center">
              <Link href={moreHref()} scroll={false} className="text-sm font-medium text-brand-700 underline">
                Show more stories
              </Link>
            </p>
          ) : null}
        </>
      )}
      <CreditsSummary report={credits} />
    </div>
    </QueryProvider>
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
