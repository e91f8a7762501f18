import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { can, refusal } from "@/lib/auth/permissions";
import { getStoryPage } from "@/lib/services/stories";
import { isDomainError } from "@/lib/stories/errors";
import { StoryEditor } from "@/components/editor/story-editor";
import { StoryPending } from "@/components/stories/story-pending";
import { ReadOnlyNotice } from "@/components/teams/read-only";

type Params = { params: Promise<{ id: string }> };

/** The story as the actor may see it; another workspace's story (or a missing one) is "not found". */
async function load(id: string) {
  const actor = await getActor();
  try {
    return { actor: actor!, page: await getStoryPage(actor, id) };
  } catch (e) {
    if (isDomainError(e)) notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { page } = await load(id);
  return { title: page.title || "Story" };
}

export default async function StoryPage({ params }: Params) {
  const { id } = await params;
  const { actor, page } = await load(id);
  if (!page.editor) {
    return <StoryPending status={page.status} idea={page.idea} />;
  }
  const readOnly = !can(actor, "story.edit");
  const editor = (
    <StoryEditor
      status={page.status}
      storyboard={page.editor.storyboard}
      version={page.editor.version}
      idea={page.idea}
      defaults={page.editor.defaults}
    />
  );
  if (!readOnly) return editor;
  return (
    <div className="space-y-4">
      <ReadOnlyNotice reasons={[refusal(actor.role, "story.edit"), refusal(actor.role, "step.run")]} />
      {/* A disabled fieldset disables every control of the editor and the paid steps; the server refuses them too. */}
      <fieldset disabled aria-describedby="read-only-notice" className="contents">
        {editor}
      </fieldset>
    </div>
  );
}
