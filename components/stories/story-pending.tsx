"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { retryStory } from "@/lib/actions/lifecycle";
import type { ActionError } from "@/lib/actions/result";
import type { StoryStatusView } from "@/lib/stories/stages";
import { Button } from "@/components/ui/button";
import { RefreshTroubleNotice, StuckStepActions } from "./lifecycle-notices";
import { Card } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { StatusBadge } from "./status-badge";
import { useStoryStatus } from "./use-story-status";

/** Shown while Vimmerse writes the storyboard: live progress, then the editor appears by itself. */
export function StoryPending({ status: initial, idea }: { status: StoryStatusView; idea: string }) {
  const router = useRouter();
  const { data: status = initial, isError } = useStoryStatus(initial, 1_500);

  useEffect(() => {
    if (status.version > 0) router.refresh();
  }, [status.version, router]);

  const failed = status.status === "failed";
  const unknown = status.error?.kind === "outcome_unknown";
  // One intention per page view: a double click on Retry starts one new story.
  const requestId = useRef(globalThis.crypto.randomUUID());
  const [retryError, setRetryError] = useState<ActionError | null>(null);
  const retry = useMutation({
    mutationFn: () => retryStory({ storyId: status.id, requestId: requestId.current }),
    onSuccess: (result) => {
      if (result.ok) router.push(`/stories/${result.data.storyId}`);
      else setRetryError(result.error);
    },
    onError: () => setRetryError({ code: "internal", message: "The server could not be reached. Nothing was sent; try again." }),
  });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold tracking-tight text-ink-900">{status.title || "New story"}</h1>
        <StatusBadge status={status} />
      </div>
      <Card className="p-6">
        {failed ? (
          <div role="alert" className="space-y-3">
            <h2 className="text-lg font-semibold text-red-700">
              {status.stage === "auto" ? "The video could not be made" : "The storyboard could not be written"}
            </h2>
            <p className="text-sm text-ink-700">{status.error?.message ?? "Vimmerse reported a failure."}</p>
            {unknown ? (
              <p className="text-sm font-medium text-amber-800">
                Vimmerse may have received it and charged one {status.stage === "auto" ? "video" : "storyboard"}. Look in
                your Vimmerse account before retrying: retrying sends it again and is paid again.
              </p>
            ) : null}
            <p className="text-sm text-ink-500">Your idea and settings are kept below.</p>
            <div className="flex flex-wrap gap-2">
              <Button loading={retry.isPending} onClick={() => retry.mutate()}>
                {unknown ? "Retry anyway" : "Retry"}
              </Button>
              <Link
                href="/stories/new"
                className="inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-ink-700 ring-1 ring-inset ring-ink-200 hover:bg-ink-50"
              >
                New story
              </Link>
            </div>
            {retryError ? <p className="text-sm text-red-800">{retryError.message}</p> : null}
            <StuckStepActions status={status} />
          </div>
        ) : (
          <div className="space-y-4">
            <div className="flex items-center justify-between text-sm">
              <span className="font-medium text-ink-900">{status.label}</span>
              <span className="tabular-nums text-ink-500">{status.progress}%</span>
            </div>
            <Progress value={status.progress} label={status.label} />
            <RefreshTroubleNotice status={status} />
            <p className="text-sm text-ink-500">
              {status.stage === "auto"
                ? "Vimmerse is writing the storyboard, drawing the scenes and making the video."
                : "Vimmerse is writing characters, places, scenes, narration and music."}{" "}
              This page updates by itself; you can leave and come back.
            </p>
            {isError ? (
              <p className="text-sm text-amber-700">Lost contact with the server for a moment; still trying…</p>
            ) : null}
          </div>
        )}
      </Card>
      <Card className="p-6">
        <h2 className="text-sm font-semibold text-ink-900">Your idea</h2>
        <p className="mt-2 whitespace-pre-wrap text-sm text-ink-700">{idea}</p>
      </Card>
    </div>
  );
}
