"use client";

import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { estimateCost, needsConfirmation, type CostEstimate, type ObservedSpend } from "@/lib/stories/costs";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";

/** What the page knows about prices (lib/services/costs.ts): observed spend, workspace credits, the threshold. */
export type CostsValue = { observed: ObservedSpend; workspaceCredits: number | null; confirmAbove: number };

type Ask = (estimate: CostEstimate, what: string, proceed: () => void) => void;

const DEFAULT: CostsValue = { observed: {}, workspaceCredits: null, confirmAbove: 100 };
const CostsContext = createContext<CostsValue>(DEFAULT);
// Without a provider nothing is asked (there is no dialog to ask with): pages with paid buttons mount one.
const AskContext = createContext<Ask>((_e, _w, proceed) => proceed());

/**
 * Mounted by the story page with what the server read for this workspace; it holds the page's one confirmation
 * dialog. Above the threshold, `ask` opens it and only "Spend" runs the step (once: the dialog closes first);
 * Cancel sends nothing. At or below the threshold `ask` runs the step at once.
 */
export function CostsProvider({ value, children }: { value: CostsValue; children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback<Ask>(
    (estimate, what, proceed) => {
      if (!needsConfirmation(estimate, value.confirmAbove)) proceed();
      else setPending({ estimate, what, proceed });
    },
    [value.confirmAbove],
  );
  return (
    <CostsContext.Provider value={value}>
      <AskContext.Provider value={ask}>
        {children}
        <ConfirmSpend pending={pending} confirmAbove={value.confirmAbove} onClose={() => setPending(null)} />
      </AskContext.Provider>
    </CostsContext.Provider>
  );
}

export function useCosts(): CostsValue {
  return useContext(CostsContext);
}

/** `ask(estimate, what, proceed)`: runs `proceed` now, or after the creator confirms when above the threshold. */
export function useCostConfirmation(): Ask {
  return useContext(AskContext);
}

/**
 * The workspace's credits so far: what the page read, plus what this story has used since (the status poll is live).
 * The story's figure at page load is remembered on first render.
 */
export function useWorkspaceCredits(storyCredits: number | null): number | null {
  const { workspaceCredits } = useCosts();
  const [atLoad] = useState(storyCredits);
  if (workspaceCredits === null) return null;
  return workspaceCredits + Math.max(0, (storyCredits ?? 0) - (atLoad ?? 0));
}

/** The estimate beside a paid button: "About N credits for this storyboard (estimate)" and the workspace's total. */
export function CostNote({ estimate, workspaceCredits: given, id }: { estimate: CostEstimate; workspaceCredits?: number | null; id?: string }) {
  const fromPage = useCosts().workspaceCredits;
  const workspaceCredits = given === undefined ? fromPage : given;
  const how =
    estimate.source === "observed"
      ? `estimate from ${estimate.observedAttempts} earlier ${estimate.observedAttempts === 1 ? "step" : "steps"} in this workspace`
      : "estimate: Vimmerse publishes no prices";
  return (
    <p id={id} className="text-xs text-ink-600" data-testid={`cost-${estimate.step}`}>
      <span className="font-semibold text-ink-900">
        About <span data-testid="cost-estimate" className="tabular-nums">{estimate.credits}</span>{" "}
        {estimate.credits === 1 ? "credit" : "credits"}
      </span>{" "}
      for this storyboard ({how})
      {workspaceCredits !== null ? (
        <>
          {" "}
          · workspace used so far: <span className="tabular-nums">{workspaceCredits}</span>
        </>
      ) : null}
      {estimate.lines.length ? (
        <span className="sr-only">
          . {estimate.lines.map((l) => `${l.count} ${l.label}${l.count === 1 ? "" : "s"}: ${l.credits}`).join(", ")}
        </span>
      ) : null}
    </p>
  );
}

type Pending = { estimate: CostEstimate; what: string; proceed: () => void };

function ConfirmSpend({ pending, confirmAbove, onClose }: { pending: Pending | null; confirmAbove: number; onClose: () => void }) {
  const confirm = () => {
    onClose();
    pending?.proceed();
  };
  return (
    <Dialog
      open={pending !== null}
      onClose={onClose}
      title={pending ? `Spend about ${pending.estimate.credits} credits?` : ""}
      description={
        pending ? (
          <>
            {pending.what} is estimated at {pending.estimate.credits} credits for this storyboard, above this studio&apos;s
            threshold of {confirmAbove}.{" "}
            {pending.estimate.source === "default"
              ? "Vimmerse publishes no prices: this is an estimate."
              : "Estimated from what earlier steps in this workspace used."}
          </>
        ) : null
      }
    >
      {pending ? (
        <div className="space-y-4">
          <ul className="space-y-1 text-sm text-ink-700" aria-label="Estimate by item">
            {pending.estimate.lines.map((l) => (
              <li key={l.label} className="flex justify-between gap-4">
                <span>
                  {l.count} × {l.label}
                </span>
                <span className="tabular-nums">{l.credits}</span>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={confirm}>Spend about {pending.estimate.credits} credits</Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

/** Beside "Regenerate image": what one scene image is expected to cost. */
export function RegenerateCost() {
  const { observed } = useCosts();
  const e = estimateCost({ step: "scenes", regenerate: true }, observed);
  return (
    <p className="text-center text-xs text-ink-600" data-testid="cost-regenerate">
      About {e.credits} {e.credits === 1 ? "credit" : "credits"} (estimate)
    </p>
  );
}
