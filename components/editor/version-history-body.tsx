"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { formatDistanceToNow } from "date-fns";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { restoreVersion } from "@/lib/actions/history";
import { diffVersions, summarizeDiff, type FieldChange, type ItemChange } from "@/lib/stories/version-diff";
import type { Storyboard } from "@/lib/validation/storyboard";
import { Button } from "@/components/ui/button";

type Summary = { version: number; source: string; createdAt: string; author?: string };
type Full = { version: number; storyboard: Storyboard };

const WHY: Record<string, string> = { edit: "Edited", upstream: "Generated media", restore: "Restored", generated: "First storyboard", import: "Imported" };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { message?: string } | null)?.message ?? "Could not load the history.");
  return res.json() as Promise<T>;
}

/** The history dialog's content (the list, the comparison with its word diff, restore): loaded when the dialog opens. */
export type HistoryProps = {
  storyId: string;
  currentVersion: number;
  canRestore: boolean;
  /** The restored storyboard, saved as `version`: the editor shows it (undoable there). */
  onRestored: (version: number, storyboard: Storyboard) => void;
};

export function HistoryBody({ storyId, currentVersion, canRestore, onRestored }: HistoryProps) {
  const list = useQuery({ queryKey: ["versions", storyId, currentVersion], queryFn: () => getJson<{ versions: Summary[] }>(`/api/stories/${storyId}/versions`) });
  const versions = list.data?.versions ?? [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = from ?? versions[1]?.version ?? versions[0]?.version ?? null;
  const b = to ?? versions[0]?.version ?? null;
  const older = useQuery({ queryKey: ["version", storyId, a], enabled: a !== null, queryFn: () => getJson<Full>(`/api/stories/${storyId}/versions/${a}`) });
  const newer = useQuery({ queryKey: ["version", storyId, b], enabled: b !== null, queryFn: () => getJson<Full>(`/api/stories/${storyId}/versions/${b}`) });
  const restore = useMutation({
    mutationFn: (version: number) => restoreVersion({ storyId, version, baseVersion: currentVersion }),
    onSuccess: (result) => {
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      toast.success(`Restored version ${result.data.restored} as version ${result.data.version}`);
      onRestored(result.data.version, result.data.storyboard);
    },
    onError: () => toast.error("The server could not be reached. Nothing was restored."),
  });

  if (list.isError) return <p role="alert" className="text-sm text-red-700">{(list.error as Error).message}</p>;
  if (!list.data) return <p className="text-sm text-ink-500">Loading the history…</p>;
  const diff = older.data && newer.data ? diffVersions(older.data.storyboard, newer.data.storyboard) : null;
  const pick = (label: string, value: number | null, set: (v: number) => void) => (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-ink-600">{label}</span>
      <select value={value ?? ""} onChange={(e) => set(Number(e.target.value))} className="h-8 rounded-md bg-white px-2 ring-1 ring-ink-200">
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="space-y-4">
      <ol aria-label="Saved versions" className="max-h-48 divide-y divide-ink-100 overflow-y-auto rounded-lg ring-1 ring-ink-200">
        {versions.map((v) => (
          <li key={v.version} aria-label={`Version ${v.version}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
            <span className="font-medium text-ink-900">Version {v.version}</span>
            <span className="text-ink-600">{WHY[v.source] ?? v.source}</span>
            {v.author ? <span className="text-ink-600">by {v.author}</span> : null}
            <time dateTime={v.createdAt} className="text-ink-500">
              {formatDistanceToNow(new Date(v.createdAt), { addSuffix: true })}
            </time>
            <span className="ml-auto flex gap-1">
              {v.version === currentVersion ? (
                <span className="text-xs text-ink-500">current</span>
              ) : canRestore ? (
                <Button size="sm" variant="outline" loading={restore.isPending && restore.variables === v.version} disabled={restore.isPending} onClick={() => restore.mutate(v.version)}>
                  Restore version {v.version}
                </Button>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        {pick("Compare", a, setFrom)}
        {pick("with", b, setTo)}
      </div>
      <section aria-label="Differences" className="space-y-3">
        {diff ? (
          <>
            <p className="text-sm font-medium text-ink-800">{summarizeDiff(diff)}</p>
            <ItemGroup title="Added" items={diff.added} tone="text-emerald-800" />
            <ItemGroup title="Removed" items={diff.removed} tone="text-red-800" />
            <ItemGroup title="Moved" items={diff.moved} tone="text-sky-800" describe={(c) => `from ${c.from! + 1} to ${c.to! + 1}`} />
            {diff.changed.length || diff.other.length ? (
              <div>
                <h3 className="text-xs font-semibold uppercase tracking-wide text-amber-800">Changed</h3>
                <ul className="mt-1 space-y-2">
                  {diff.changed.map((c) => (
                    <li key={`${c.list}:${c.id}`} className="rounded-lg bg-ink-50 p-2 text-sm">
                      <p className="font-medium text-ink-900">{c.name}</p>
                      {c.fields.map((f) => (
                        <WordDiff key={f.field} change={f} />
                      ))}
                    </li>
                  ))}
                  {diff.other.map((f) => (
                    <li key={f.field} className="rounded-lg bg-ink-50 p-2 text-sm">
                      <WordDiff change={f} />
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </>
        ) : (
          <p className="text-sm text-ink-500">Loading the two versions…</p>
        )}
      </section>
    </div>
  );
}

function ItemGroup({ title, items, tone, describe }: { title: string; items: ItemChange[]; tone: string; describe?: (c: ItemChange) => string }) {
  if (!items.length) return null;
  return (
    <div>
      <h3 className={`text-xs font-semibold uppercase tracking-wide ${tone}`}>{title}</h3>
      <ul className="mt-1 flex flex-wrap gap-1.5 text-sm">
        {items.map((c) => (
          <li key={`${c.list}:${c.id}`} className="rounded-md bg-ink-50 px-2 py-0.5">
            {c.name}
            {describe ? <span className="text-ink-500"> {describe(c)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function WordDiff({ change }: { change: FieldChange }) {
  return (
    <p className="mt-1 break-words text-ink-700">
      <span className="mr-1 text-xs text-ink-500">{change.field.replace(/_/g, " ")}:</span>
      {change.words.map((w, i) =>
        w.added ? (
          <ins key={i} className="rounded bg-emerald-100 text-emerald-900 no-underline">
            {w.text}
          </ins>
        ) : w.removed ? (
          <del key={i} className="rounded bg-red-100 text-red-900">
            {w.text}
          </del>
        ) : (
          <span key={i}>{w.text}</span>
        ),
      )}
    </p>
  );
}
