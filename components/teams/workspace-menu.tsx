"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/lib/toast";
import { createWorkspace, switchWorkspace } from "@/lib/actions/teams";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";

const NEW = "__new__";

/** The header's workspace switcher (with "New workspace…") and the links to members and account. */
export function WorkspaceMenu({
  current,
  role,
  workspaces,
}: {
  current: string;
  role: Role;
  workspaces: { id: string; name: string; role: Role }[];
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const change = (value: string) =>
    start(async () => {
      if (value === NEW) {
        const name = window.prompt("Name of the new workspace");
        if (!name?.trim()) return;
        const made = await createWorkspace({ name });
        if (!made.ok) return void toast.error(made.error.message);
      } else {
        const switched = await switchWorkspace({ workspaceId: value });
        if (!switched.ok) return void toast.error(switched.error.message);
      }
      router.push("/");
      router.refresh();
    });
  return (
    <div className="flex min-w-0 items-center gap-1">
      <label className="sr-only" htmlFor="workspace-switcher">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        value={current}
        disabled={pending}
        onChange={(e) => change(e.target.value)}
        className="h-8 max-w-[9rem] truncate rounded-lg border-0 bg-ink-50 py-0 pl-2 pr-7 text-sm text-ink-800 ring-1 ring-inset ring-ink-200 sm:max-w-[14rem]"
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} · {ROLE_LABELS[w.role]}
          </option>
        ))}
        <option value={NEW}>New workspace…</option>
      </select>
      <span className="sr-only">Your role: {ROLE_LABELS[role]}</span>
      <Link href="/members" className="rounded-lg px-2 py-1.5 text-ink-600 hover:bg-ink-100 hover:text-ink-900">
        Members
      </Link>
      <Link href="/account" className="rounded-lg px-2 py-1.5 text-ink-600 hover:bg-ink-100 hover:text-ink-900" aria-label="Account">
        <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
          <circle cx="12" cy="8" r="4" />
          <path d="M4 21c1.5-4 4.5-6 8-6s6.5 2 8 6" strokeLinecap="round" />
        </svg>
      </Link>
    </div>
  );
}
