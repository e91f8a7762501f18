import { loadStory } from "./load-story";

/**
 * Unknown, malformed or other workspaces' story URLs answer 404. The check sits in the layout, above this segment's
 * loading boundary: once a Suspense fallback has streamed, the status can no longer change from 200.
 */
export default async function StoryLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  await loadStory(id);
  return children;
}
