import type { Metadata } from "next";
import { cookies } from "next/headers";
import { can, refusal } from "@/lib/auth/permissions";
import { loadStory } from "./load-story";
import { StoryEditor } from "@/components/editor/story-editor";
import { parseSceneView, SCENE_VIEW_COOKIE } from "@/components/editor/scene-view";
import { StoryPending } from "@/components/stories/story-pending";
import { ReadOnlyNotice } from "@/components/teams/read-only";
import { LiveStory } from "@/components/live/live-story";
import { ReviewProvider } from "@/components/review/review-context";
import { ReviewBoard } from "@/components/review/review-board";
import { CostsProvider } from "@/components/production/costs";
import { costContext } from "@/lib/services/costs";

/**
 * Vercel: the limit for this page's server actions, which call Vimmerse (paid). One request may take up to
 * VIMMERSE_TIMEOUT_MS (60 s) plus bookkeeping; keep the two in step.
 */
export const maxDuration = 90;

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { page } = await loadStory(id);
  return { title: page.title || "Story" };
}

export default async function StoryPage({ params }: Params) {
  const { id } = await params;
  // Live: refetches when the story changes elsewhere, and shows who else is here.
  return <LiveStory storyId={id}>{await storyView(id)}</LiveStory>;
}

async function storyView(id: string) {
  const { actor, page } = await loadStory(id);
  if (!page.editor) {
    return <StoryPending status={page.status} idea={page.idea} />;
  }
  const readOnly = !can(actor, "story.edit");
  const sceneView = parseSceneView((await cookies()).get(SCENE_VIEW_COOKIE)?.value);
  // Costs before spending: estimates learnt from this workspace's steps, its credits so far, the confirm threshold.
  const costs = await costContext(actor);
  const editor = (
    <CostsProvider value={costs}>
      <StoryEditor
        status={page.status}
        storyboard={page.editor.storyboard}
        dropped={page.editor.dropped}
        version={page.editor.version}
        idea={page.idea}
        defaults={page.editor.defaults}
        sceneView={sceneView}
      />
    </CostsProvider>
  );
  // The review board stays outside the read-only fieldset: reviewers comment and approve there.
  if (!readOnly) {
    return (
      <ReviewProvider storyId={page.status.id}>
        <div className="space-y-6">
          {editor}
          <ReviewBoard />
        </div>
      </ReviewProvider>
    );
  }
  return (
    <ReviewProvider storyId={page.status.id}>
      <div className="space-y-4">
        <ReadOnlyNotice reasons={[refusal(actor.role, "story.edit"), refusal(actor.role, "step.run")]} />
        {/* A disabled fieldset disables every control of the editor and the paid steps; the server refuses them too. */}
        <fieldset disabled aria-describedby="read-only-notice" className="contents">
          {editor}
        </fieldset>
        <ReviewBoard />
      </div>
    </ReviewProvider>
  );
}
