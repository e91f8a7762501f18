import type { Metadata } from "next";
import Link from "next/link";
import { NewStoryForm } from "@/components/stories/new-story-form";
import { IdeaToVideoForm, ImagesToVideoForm } from "@/components/stories/auto-forms";
import { cn } from "@/lib/cn";
import { getActor } from "@/lib/auth/actor";
import { can, refusal } from "@/lib/auth/permissions";
import { ReadOnlyNotice } from "@/components/teams/read-only";
import { ImportStoryboard } from "@/components/stories/import-storyboard";
import { CostsProvider } from "@/components/production/costs";
import { costContext } from "@/lib/services/costs";

/**
 * Vercel: the limit for this page's server actions, which call Vimmerse (paid). One request may take up to
 * VIMMERSE_TIMEOUT_MS (60 s) plus bookkeeping; keep the two in step.
 */
export const maxDuration = 90;

export const metadata: Metadata = { title: "New story" };

const MODES = [
  { id: "storyboard", title: "Step by step", description: "Review and edit the storyboard before images and video." },
  { id: "idea", title: "Video from an idea", description: "Vimmerse makes the whole video in one go." },
  { id: "images", title: "Video from images", description: "Your images become the scenes." },
] as const;

type Mode = (typeof MODES)[number]["id"];

export default async function NewStoryPage({ searchParams }: { searchParams: Promise<{ mode?: string }> }) {
  const requested = (await searchParams).mode;
  const mode: Mode = MODES.some((m) => m.id === requested) ? (requested as Mode) : "storyboard";
  const actor = await getActor();
  if (!can(actor, "story.create")) {
    return <ReadOnlyNotice reasons={[actor ? refusal(actor.role, "story.create") : "Sign in to create stories."]} />;
  }
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-ink-900">New story</h1>
        <p className="mt-1 text-sm text-ink-500">Choose how much control you want. Every story opens in the same editor.</p>
      </div>
      <nav aria-label="How to make it" className="grid gap-2 sm:grid-cols-3">
        {MODES.map((m) => (
          <Link
            key={m.id}
            href={m.id === "storyboard" ? "/stories/new" : `/stories/new?mode=${m.id}`}
            aria-current={mode === m.id ? "page" : undefined}
            className={cn(
              "rounded-xl px-4 py-3 ring-1 ring-inset transition",
              mode === m.id ? "bg-brand-50 ring-brand-400" : "bg-white ring-ink-200 hover:bg-ink-50",
            )}
          >
            <span className="block text-sm font-semibold text-ink-900">{m.title}</span>
            <span className="block text-xs text-ink-500">{m.description}</span>
          </Link>
        ))}
      </nav>
      {/* Costs before spending: each start button shows its estimate and asks above the threshold. */}
      <CostsProvider value={await costContext(actor)}>
        {mode === "idea" ? <IdeaToVideoForm /> : mode === "images" ? <ImagesToVideoForm /> : <NewStoryForm />}
      </CostsProvider>
      {mode === "storyboard" ? <ImportStoryboard /> : null}
    </div>
  );
}
