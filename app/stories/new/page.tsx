import type { Metadata } from "next";
import { NewStoryForm } from "@/components/stories/new-story-form";

export const metadata: Metadata = { title: "New story" };

export default function NewStoryPage() {
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-ink-900">New story</h1>
        <p className="mt-1 text-sm text-ink-500">
          Step 1 of 4: describe your idea. You will review and edit the storyboard before any images or video are made.
        </p>
      </div>
      <NewStoryForm />
    </div>
  );
}
