import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { listAttempts } from "@/lib/db/queries";
import { loadStory } from "./load-story";
import { stepDefaults } from "@/lib/stories/defaults";
import { prepareForEditing } from "@/lib/stories/model";
import { toStatusView } from "@/lib/stories/service";
import type { Storyboard } from "@/lib/validation/storyboard";
import { StoryEditor } from "@/components/editor/story-editor";
import { StoryPending } from "@/components/stories/story-pending";

/**
 * Vercel: the limit for this page's server actions, which call Vimmerse (paid). One request may take up to
 * VIMMERSE_TIMEOUT_MS (60 s) plus bookkeeping; keep the two in step.
 */
export const maxDuration = 90;

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const row = await loadStory(id);
  return { title: row?.title || "Story" };
}

export default async function StoryPage({ params }: Params) {
  const { id } = await params;
  const row = await loadStory(id);
  if (!row) notFound();
  const db = await getDb();
  const status = toStatusView(row, await listAttempts(db, id));
  if (!row.storyboard || row.version === 0) {
    return <StoryPending status={status} idea={row.idea} />;
  }
  // Ids for any item lacking one; values our form would refuse (e.g. a bad URL from upstream) dropped, with a notice.
  const { board, dropped } = prepareForEditing(row.storyboard as Storyboard);
  return (
    <StoryEditor
      status={status}
      storyboard={board}
      dropped={dropped}
      version={row.version}
      idea={row.idea}
      defaults={stepDefaults(row.settings, row.title)}
    />
  );
}
