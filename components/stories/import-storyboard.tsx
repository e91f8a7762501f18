"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { toast } from "@/lib/toast";
import { importStoryboard } from "@/lib/actions/stories";
import { newId } from "@/lib/stories/model";
import { Button } from "@/components/ui/button";

/**
 * "Import a storyboard file" (a file downloaded with "Download JSON"): becomes a new story with that storyboard.
 * The server validates it (lib/stories/storyboard-file.ts) and says what is wrong; nothing is sent to Vimmerse.
 */
export function ImportStoryboard() {
  const router = useRouter();
  const inputId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [requestId, setRequestId] = useState(newId);

  const submit = () =>
    start(async () => {
      const file = input.current?.files?.[0];
      if (!file) {
        setError("Choose a storyboard file (.json) first.");
        return;
      }
      const result = await importStoryboard({ requestId, text: await file.text() });
      if (!result.ok) {
        setError(result.error.fieldErrors?.text ?? result.error.message);
        return;
      }
      setError(null);
      toast.success("Storyboard imported.");
      router.push(`/stories/${result.data.storyId}`);
    });

  return (
    <section aria-labelledby={`${inputId}-title`} className="rounded-xl bg-white p-4 ring-1 ring-ink-200">
      <h2 id={`${inputId}-title`} className="text-sm font-semibold text-ink-900">
        Import a storyboard file
      </h2>
      <p className="mt-1 text-xs text-ink-500">
        A file saved with “Download JSON” becomes a new story with that storyboard. Nothing is sent to Vimmerse.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <label htmlFor={inputId} className="sr-only">
          Storyboard file
        </label>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept="application/json,.json"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={() => {
            setError(null);
            setRequestId(newId());
          }}
          className="text-sm text-ink-700 file:mr-3 file:rounded-lg file:border-0 file:bg-ink-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-ink-800"
        />
        <Button variant="secondary" size="sm" loading={pending} onClick={submit}>
          Import
        </Button>
      </div>
      {error ? (
        <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
