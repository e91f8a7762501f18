"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useReview } from "./review-context";

/**
 * The render gate in the video step: while the workspace requires approval and a scene is not (or no longer)
 * approved, the step is disabled with the reason and links to those scenes. The server refuses it too
 * (lib/services/review.ts assertRenderGate). An owner may override once, after a confirmation; the server records it.
 */
export function useRenderGate() {
  const ctx = useReview();
  const [overridden, setOverridden] = useState(false);
  const gate = ctx?.review?.gate;
  const closed = !!gate && !gate.open && !overridden;
  return {
    closed,
    /** Extra input for runStep: present only after the owner confirmed the override. */
    input: (overridden ? { overrideGate: true as const } : {}),
    /** Call after the step was sent: the override is for that one step. */
    used: () => setOverridden(false),
    notice: gate && !gate.open ? (
      <RenderGateNotice
        unapproved={gate.unapproved}
        canOverride={!!ctx?.review?.can.override}
        overridden={overridden}
        onOverride={() => setOverridden(true)}
      />
    ) : null,
  };
}

function RenderGateNotice({
  unapproved,
  canOverride,
  overridden,
  onOverride,
}: {
  unapproved: { id: string; number: number; name: string; reason: string }[];
  canOverride: boolean;
  overridden: boolean;
  onOverride: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div role="status" aria-label="Approval required" className="space-y-2 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
      <p className="font-semibold">
        {overridden
          ? "Approval overridden for the next video: it will be recorded with your name."
          : "Every scene needs an approval before the video is made."}
      </p>
      <ul className="list-disc pl-5">
        {unapproved.map((s) => (
          <li key={s.id}>
            <a href={`#review-${s.id}`} className="font-medium underline">
              Scene {s.number}: {s.name}
            </a>{" "}
            — {s.reason}
          </li>
        ))}
      </ul>
      {canOverride && !overridden ? (
        <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
          Override once…
        </Button>
      ) : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Make the video without every approval?"
        description={`${unapproved.length} ${unapproved.length === 1 ? "scene is" : "scenes are"} not approved. The next video step will spend credits anyway; your name, the time and these scenes are recorded in the activity.`}
      >
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            onClick={() => {
              onOverride();
              setConfirming(false);
            }}
          >
            Override for the next video
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
