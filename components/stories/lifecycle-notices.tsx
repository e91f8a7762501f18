"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatDistanceStrict } from "date-fns";
import { useEffect, useState } from "react";
import { toast } from "@/lib/toast";
import { recheckStory, resetStep } from "@/lib/actions/lifecycle";
import type { ActionError } from "@/lib/actions/result";
import { isUnsettledKind, type StoryStatusView } from "@/lib/stories/stages";
import { Button } from "@/components/ui/button";

/** "Vimmerse has not answered for 3 minutes: <reason>", from the 2nd failed refresh in a row. */
export function RefreshTroubleNotice({ status }: { status: StoryStatusView }) {
  const now = useNow(30_000);
  if (!status.refresh || status.status === "failed") return null;
  const since = new Date(status.refresh.since);
  return (
    <p role="status" className="text-sm text-amber-800">
      Vimmerse has not answered for {formatDistanceStrict(since, now ?? since)}: {status.refresh.reason} We keep asking (
      {status.refresh.failures} tries so far).
    </p>
  );
}

/** The time left until `iso`, ticking every second; null before hydration or once it has passed. */
export function useCountdown(iso: string | undefined): number | null {
  const now = useNow(1_000);
  if (!iso || now === null) return null;
  const left = Math.ceil((new Date(iso).getTime() - now) / 1000);
  return left > 0 ? left : null;
}

function useNow(every: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const t = setInterval(tick, every);
    return () => clearInterval(t);
  }, [every]);
  return now;
}

/** "You can try again in 12 s": after an unknown outcome, a paid retry waits out the grace period. */
export function GraceCountdown({ retryAt }: { retryAt: string | undefined }) {
  const left = useCountdown(retryAt);
  if (left === null) return null;
  return (
    <p className="mt-1 font-medium" data-testid="grace-countdown">
      To avoid paying twice, you can try again in {left} s (we check with Vimmerse first).
    </p>
  );
}

/**
 * The ways out of a stuck step: "Check with Vimmerse again" (one refresh now) and "Reset this step" (back to the last
 * ready state, nothing paid). Shown when the step's outcome is not known or Vimmerse stopped answering.
 */
export function StuckStepActions({ status }: { status: StoryStatusView }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<ActionError | null>(null);
  const run = useMutation({
    mutationFn: async (which: "recheck" | "reset") =>
      which === "recheck" ? recheckStory({ storyId: status.id }) : resetStep({ storyId: status.id }),
    onSuccess: (result, which) => {
      if (result.ok) {
        setError(null);
        queryClient.setQueryData(["story-status", status.id], (old: StoryStatusView | undefined) => ({ ...old, ...result.data }));
        toast.success(which === "reset" ? "The step was reset. Nothing was paid." : "Checked with Vimmerse.");
      } else setError(result.error);
    },
    onError: () => setError({ code: "internal", message: "The server could not be reached. Try again in a moment." }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["story-status", status.id] }),
  });
  const unsettled = status.status === "failed" && isUnsettledKind(status.error?.kind);
  const troubled = Boolean(status.refresh) && status.status === "generating";
  if (!unsettled && !troubled && !status.canReset) return null;
  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap gap-2">
        {unsettled || troubled ? (
          <Button size="sm" variant="secondary" loading={run.isPending && run.variables === "recheck"} disabled={run.isPending} onClick={() => run.mutate("recheck")}>
            Check with Vimmerse again
          </Button>
        ) : null}
        {status.canReset ? (
          <Button size="sm" variant="secondary" loading={run.isPending && run.variables === "reset"} disabled={run.isPending} onClick={() => run.mutate("reset")}>
            Reset this step
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
