"use client";

import { useState } from "react";
import { regenerateScene, runStep } from "@/lib/actions/steps";
import { isActive, PARTIAL_VIDEO_KIND, STEP_NAMES, type StoryStatusView } from "@/lib/stories/stages";
import { narrationOn } from "@/lib/stories/model";
import { Button } from "@/components/ui/button";
import { GraceCountdown, RefreshTroubleNotice, StuckStepActions } from "@/components/stories/lifecycle-notices";
import type { RunStepInput, StepDefaults } from "@/lib/validation/steps";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/lib/cn";
import { ElementsStepForm, ScenesStepForm, VideosStepForm } from "./step-forms";
import { usePaidStep, type DistributiveOmit } from "./use-paid-step";
import { VideoPanel } from "./video-panel";
import { useRenderGate } from "@/components/review/render-gate";
import { estimateCost, type BoardCounts, type CostEstimate } from "@/lib/stories/costs";
import { useCostConfirmation, useCosts, useWorkspaceCredits } from "./costs";

const NO_MEDIA: BoardCounts = { elements: { withImage: 0, total: 0 }, scenes: { withImage: 0, withNarration: 0, total: 0 }, music: false };

/** A step and its options, without the ids the panel adds. */
type StepRequest = DistributiveOmit<RunStepInput, "requestId" | "storyId">;


type Tab = "elements" | "scenes" | "videos";

const TABS: { id: Tab; number: string; title: string; optional?: boolean }[] = [
  { id: "elements", number: "1.5", title: "Element images", optional: true },
  { id: "scenes", number: "2", title: "Scene images & narration" },
  { id: "videos", number: "3", title: "Video" },
];

function nextTab(status: StoryStatusView): Tab {
  const m = status.media;
  if (!m) return "elements";
  if (m.scenes.total > 0 && m.scenes.withImage === m.scenes.total) return "videos";
  if (m.elements.total > 0 && m.elements.withImage === m.elements.total) return "scenes";
  if (status.stage === "scenes") return "scenes";
  return "elements";
}

function tabDone(tab: Tab, status: StoryStatusView): boolean {
  const m = status.media;
  if (!m) return false;
  if (tab === "elements") return m.elements.total > 0 && m.elements.withImage === m.elements.total;
  if (tab === "scenes") return m.scenes.total > 0 && m.scenes.withImage === m.scenes.total;
  return Boolean(status.videoUrl);
}

/**
 * The production desk under the storyboard: steps 1.5, 2 and 3 with their options, live progress of the running
 * step, per-scene video progress, failures with what to do, and the finished video.
 */
export function ProductionPanel({
  status,
  defaults,
  ensureSaved,
}: {
  status: StoryStatusView;
  defaults: StepDefaults;
  /** Saves unsaved edits first (paid steps always use the saved storyboard). False when that failed. */
  ensureSaved: () => Promise<boolean>;
}) {
  // The tab follows the work (the next step to do) until the creator picks one; starting a step hands it back.
  const [picked, setPicked] = useState<Tab | null>(null);
  const tab = picked ?? nextTab(status);
  const setTab = setPicked;
  const running = isActive(status.status);
  const step = usePaidStep(status.id, runStep);
  // The step the last click was for, so its error shows under that step, not under whatever tab is open.
  const [sentStep, setSentStep] = useState<StepRequest["step"] | null>(null);
  // Review before rendering: the video steps wait for every scene's approval (the server checks it too).
  const gate = useRenderGate();
  // Costs before spending: the estimate for this storyboard beside each paid button, a confirmation above the threshold.
  const { observed } = useCosts();
  const ask = useCostConfirmation();
  const workspaceCredits = useWorkspaceCredits(status.usedCredits);
  const counts = status.media ?? NO_MEDIA;
  const narration = narrationOn(defaults.scenes);
  const estimateOf = (input: StepRequest): CostEstimate => {
    switch (input.step) {
      case "elements":
        return estimateCost({ step: "elements", counts, options: input.options, music: defaults.scenes.hasBgMusic }, observed);
      case "scenes":
        return estimateCost({ step: "scenes", counts, options: input.options }, observed);
      case "videos":
        return estimateCost({ step: "videos", counts, options: input.options, narration }, observed);
      case "concat":
        return estimateCost({ step: "concat" }, observed);
    }
  };
  const spend = (input: StepRequest) => ask(estimateOf(input), STEP_NAMES[input.step] ?? input.step, () => void go(input));

  const go = async (input: StepRequest) => {
    if (!(await ensureSaved())) return;
    setSentStep(input.step);
    setPicked(input.step === "concat" ? null : input.step);
    const gated = input.step === "videos" || input.step === "concat";
    step.send({ ...input, ...(gated ? gate.input : {}), storyId: status.id } as RunStepInput);
    if (gated) gate.used();
  };

  const failed = status.status === "failed" && status.stage !== "storyboard";
  // While a step runs, a refused second click (double click, other tab) is not news: the progress bar says it.
  const stepError = running ? null : step.error;
  const graceAt =
    (step.error?.details as { retryAt?: string } | undefined)?.retryAt ?? (failed ? status.error?.retryAt : undefined);
  const partial = status.status === "done" && status.error?.kind === PARTIAL_VIDEO_KIND ? status.error : null;
  return (
    <div className="space-y-4">
      <VideoPanel
        status={status}
        busy={running || gate.closed}
        recomposing={step.pending}
        onRecompose={() => spend({ step: "concat", options: {} })}
        recomposeCost={estimateOf({ step: "concat", options: {} }).credits}
      />
      <section id="production" aria-labelledby="production-title" className="scroll-mt-28 rounded-xl bg-white shadow-card ring-1 ring-ink-200/70">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-ink-100 px-5 py-4">
          <div>
            <h2 id="production-title" className="text-base font-semibold text-ink-900">
              Production
            </h2>
            <p className="text-sm text-ink-500">Review the storyboard below, then generate images and the video.</p>
          </div>
          <div className="text-right text-sm text-ink-500">
            <p>
              Credits used: <span className="font-semibold tabular-nums text-ink-900">{status.usedCredits}</span>
            </p>
            {workspaceCredits !== null ? (
              <p className="text-xs">
                Workspace so far: <span className="tabular-nums">{workspaceCredits}</span>
              </p>
            ) : null}
          </div>
        </div>

        <div role="tablist" aria-label="Production steps" className="flex gap-1 overflow-x-auto border-b border-ink-100 px-3 pt-2">
          {TABS.map((t) => {
            const done = tabDone(t.id, status);
            const active = tab === t.id;
            return (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={active}
                aria-controls={`panel-${t.id}`}
                onClick={() => setTab(t.id)}
                className={cn(
                  "-mb-px flex shrink-0 items-center gap-2 rounded-t-lg border-b-2 px-3 py-2 text-sm",
                  active ? "border-brand-600 font-semibold text-ink-900" : "border-transparent text-ink-500 hover:text-ink-800",
                )}
              >
                <span
                  aria-hidden
                  className={cn(
                    "grid h-6 min-w-6 place-items-center rounded-full px-1 text-xs",
                    done ? "bg-emerald-100 text-emerald-700" : active ? "bg-brand-100 text-brand-700" : "bg-ink-100 text-ink-500",
                  )}
                >
                  {done ? "✓" : t.number}
                </span>
                {t.title}
                {t.optional ? <span className="text-xs font-normal text-ink-400">optional</span> : null}
              </button>
            );
          })}
        </div>

        <div className="space-y-4 p-5">
          {running ? (
            <div className="space-y-2 rounded-lg bg-brand-50/60 p-4 ring-1 ring-brand-100" aria-live="polite">
              <div className="flex justify-between text-sm">
                <span className="font-medium text-brand-900">{status.label}</span>
                <span className="tabular-nums text-brand-800">{status.progress}%</span>
              </div>
              <Progress value={status.progress} label={status.label} />
              <RefreshTroubleNotice status={status} />
              {status.sceneVideos?.length ? <SceneVideoList status={status} /> : null}
              <StuckStepActions status={status} />
            </div>
          ) : null}

          {failed || stepError ? (
            <div role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
              <p className="font-semibold">
                {stepError && sentStep
                  ? `${STEP_NAMES[sentStep] ?? sentStep}: the step was not started`
                  : failed
                    ? status.label
                    : "The step was not started"}
              </p>
              <p className="mt-0.5">{stepError?.message ?? status.error?.message}</p>
              <GraceCountdown retryAt={graceAt} />
              <p className="mt-1 text-red-700">Your storyboard and settings are unchanged. Adjust if needed and try again.</p>
              {!running && status.sceneVideos?.some((s) => s.status === "failed") ? <SceneVideoList status={status} /> : null}
              {failed ? <StuckStepActions status={status} /> : null}
            </div>
          ) : null}

          {partial && !running ? (
            <div role="status" className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
              <p className="font-semibold">{status.label}</p>
              <ul className="mt-1 list-disc pl-5">
                {(partial.failedScenes ?? []).map((f) => (
                  <li key={f.index}>
                    Scene {f.index + 1}: {f.reason}
                  </li>
                ))}
              </ul>
              <p className="mt-1">
                Vimmerse left {partial.failedScenes?.length === 1 ? "it" : "them"} out of the video. It has no per-scene
                retry: making the video again re-runs step 3 for every scene and is paid again.
              </p>
              <Button
                size="sm"
                variant="secondary"
                className="mt-2"
                loading={step.pending}
                onClick={() => spend({ step: "videos", options: defaults.videos })}
              >
                Make the video again
              </Button>
            </div>
          ) : null}

          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === "elements" ? (
              <ElementsStepForm
                defaults={defaults.elements}
                pending={step.pending}
                disabled={running}
                onSubmit={(options) => spend({ step: "elements", options })}
                estimate={(options) => estimateOf({ step: "elements", options })}
                workspaceCredits={workspaceCredits}
              />
            ) : tab === "scenes" ? (
              <ScenesStepForm
                defaults={defaults.scenes}
                pending={step.pending}
                disabled={running}
                onSubmit={(options) => spend({ step: "scenes", options })}
                estimate={(options) => estimateOf({ step: "scenes", options })}
                workspaceCredits={workspaceCredits}
              />
            ) : (
              <>
              {gate.notice}
              <VideosStepForm
                defaults={defaults.videos}
                pending={step.pending}
                disabled={running || gate.closed}
                narrationOn={narration}
                onSubmit={(options) => spend({ step: "videos", options })}
                estimate={(options) => estimateOf({ step: "videos", options })}
                workspaceCredits={workspaceCredits}
              />
              </>
            )}
          </div>
          <StepCosts status={status} />
        </div>
      </section>
    </div>
  );
}

/** After a step: what it was estimated at and what it actually used, side by side. */
function StepCosts({ status }: { status: StoryStatusView }) {
  const rows = (status.steps ?? []).filter((s) => s.state === "succeeded" || s.creditsUsed !== null).slice(0, 5);
  if (rows.length === 0) return null;
  return (
    <table className="w-full text-xs text-ink-600" aria-label="Cost of paid steps">
      <thead>
        <tr className="text-left">
          <th scope="col" className="py-1 font-medium">Step</th>
          <th scope="col" className="py-1 text-right font-medium">Estimated</th>
          <th scope="col" className="py-1 text-right font-medium">Used</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-ink-100">
        {rows.map((s) => (
          <tr key={s.id} data-testid="step-cost" data-step={s.step}>
            <th scope="row" className="py-1 text-left font-normal">{STEP_NAMES[s.step] ?? s.step}</th>
            <td className="py-1 text-right tabular-nums" data-testid="step-cost-estimate">{s.estimate ?? "–"}</td>
            <td className="py-1 text-right tabular-nums" data-testid="step-cost-used">{s.creditsUsed ?? "running"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SceneVideoList({ status }: { status: StoryStatusView }) {
  const items = status.sceneVideos ?? [];
  const finished = items.filter((i) => i.status === "finished").length;
  return (
    <div className="space-y-1.5">
      <p className="text-xs text-ink-600">
        {finished} of {items.length} scene videos finished
      </p>
      <ul className="grid gap-1.5 sm:grid-cols-2" aria-label="Scene videos">
        {items.map((item) => (
          <li key={item.index} className="flex items-center gap-2 rounded-md bg-white px-2.5 py-1.5 text-xs ring-1 ring-ink-200">
            <span className="font-medium text-ink-800">Scene {item.index + 1}</span>
            <span
              className={cn(
                "ml-auto rounded-full px-2 py-0.5",
                item.status === "finished" && "bg-emerald-50 text-emerald-700",
                item.status === "failed" && "bg-red-50 text-red-700",
                item.status === "rendering" && "bg-brand-50 text-brand-700",
                item.status === "queued" && "bg-ink-100 text-ink-600",
              )}
            >
              {item.status === "failed" ? `failed${item.reason ? `: ${item.reason}` : ""}` : item.status}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The regenerate-one-scene hook for scene cards. */
export function useRegenerateScene(storyId: string) {
  const step = usePaidStep(storyId, regenerateScene);
  const ask = useCostConfirmation();
  const { observed } = useCosts();
  type Input = Parameters<typeof step.send>[0];
  // One scene image again: asked first only when even that is above the threshold.
  const send = (input: Input) =>
    ask(
      estimateCost({ step: "scenes", regenerate: true }, observed),
      "Regenerating this scene's image",
      () => step.send(input),
    );
  return { ...step, send };
}
