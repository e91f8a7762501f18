"use client";

import { useState } from "react";
import { toast } from "@/lib/toast";
import { setRequireApproval } from "@/lib/actions/review";

/** Owners: the workspace's "Require approval before video" setting (on by default). Others see it read-only. */
export function RequireApprovalSetting({ initial, canChange }: { initial: boolean; canChange: boolean }) {
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="settings-title" className="rounded-xl bg-white p-5 shadow-card ring-1 ring-ink-200/70">
      <h2 id="settings-title" className="text-base font-semibold text-ink-900">
        Settings
      </h2>
      <label className="mt-3 flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 h-4 w-4 accent-brand-600"
          checked={on}
          disabled={!canChange || busy}
          onChange={async (e) => {
            const next = e.target.checked;
            setBusy(true);
            const r = await setRequireApproval({ on: next });
            setBusy(false);
            if (!r.ok) return void toast.error(r.error.message);
            setOn(next);
            toast.success(next ? "Approval is required before video" : "Video no longer waits for approval");
          }}
        />
        <span>
          <span className="font-medium text-ink-900">Require approval before video</span>
          <span className="block text-ink-500">
            The video step waits until every scene is approved. An owner can still override once; it is recorded.
            {canChange ? null : " Only owners change this."}
          </span>
        </span>
      </label>
    </section>
  );
}
