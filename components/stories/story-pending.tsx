"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { StoryStatusView } from "@/lib/stories/stages";
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
            <p className="text-sm text-ink-500">
              Your idea is kept below. Start a new story with it when you are ready.
            </p>
            <Link
              href="/stories/new"
              className="inline-flex h-10 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
            >
              New story
            </Link>
          </div>
        ) : (
          <div className="space-y-4">
            <div className="flex items-center justify-between text-sm">
              <span className="font-medium text-ink-900">{status.label}</span>
              <span className="tabular-nums text-ink-500">{status.progress}%</span>
            </div>
            <Progress value={status.progress} label={status.label} />
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
