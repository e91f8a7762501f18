"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { toast } from "@/lib/toast";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import type { StepResult } from "@/lib/stories/steps";

function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Sends a paid step once per intention. The intention's id (requestId) is kept until the server has answered, so a
 * double click or a resend of the same click is recognised by the server and never starts a second paid job; a new
 * id is made only after an answer, so "Try again" is a new, deliberate intention.
 */
/** `T` without some keys, kept apart for each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function usePaidStep<I extends { requestId: string }>(
  storyId: string,
  call: (input: I) => Promise<ActionResult<StepResult>>,
) {
  const queryClient = useQueryClient();
  const requestId = useRef<string>(newRequestId());
  const inFlight = useRef(false);
  const [error, setError] = useState<ActionError | null>(null);

  const mutation = useMutation({
    mutationFn: (input: DistributiveOmit<I, "requestId">) => call({ ...input, requestId: requestId.current } as unknown as I),
    onSuccess: (result) => {
      if (result.ok) {
        setError(null);
        if (!result.data.alreadySent) toast.success("Sent to Vimmerse. Progress shows here as it happens.");
      } else {
        setError(result.error);
        toast.error(result.error.message);
      }
    },
    onError: () => {
      const e: ActionError = {
        code: "internal",
        message: "The server could not be reached. Nothing was lost; check the story's status before trying again.",
      };
      setError(e);
      toast.error(e.message);
    },
    onSettled: () => {
      inFlight.current = false;
      requestId.current = newRequestId();
      void queryClient.invalidateQueries({ queryKey: ["story-status", storyId] });
    },
  });

  const send = (input: DistributiveOmit<I, "requestId">) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setError(null);
    mutation.mutate(input);
  };

  return { send, pending: mutation.isPending, error, clearError: () => setError(null) };
}
