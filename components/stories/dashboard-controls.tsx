"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { DASHBOARD_FILTERS } from "@/lib/validation/dashboard-options";
import type { DashboardQuery } from "@/lib/validation/dashboard";

const SORTS = [
  { value: "updated", label: "Last updated" },
  { value: "created", label: "Newest first" },
  { value: "title", label: "Title (A–Z)" },
] as const;

/**
 * Search, sort and status filter of the dashboard. They live in the URL (?q=&sort=&status=), so a reload, the back
 * button or a shared link shows the same list; the server page reads them. Without JavaScript the form still submits.
 */
export function DashboardControls({ query }: { query: DashboardQuery }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  const [q, setQ] = useState(query.q);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const go = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) {
      const isDefault = (k === "sort" && v === "updated") || (k === "status" && v === "all") || v === "";
      if (isDefault) next.delete(k);
      else next.set(k, v);
    }
    next.delete("limit");
    const search = next.toString();
    start(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <form
      role="search"
      aria-label="Find stories"
      method="get"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        go({ q: q.trim() });
      }}
    >
      <label className="min-w-48 flex-1 text-sm">
        <span className="mb-1 block font-medium text-ink-700">Search</span>
        <Input
          type="search"
          name="q"
          value={q}
          placeholder="Title or idea"
          onChange={(e) => {
            const value = e.target.value;
            setQ(value);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => go({ q: value.trim() }), 300);
          }}
        />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-ink-700">Sort</span>
        <Select name="sort" value={query.sort} onChange={(e) => go({ sort: e.target.value })}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-ink-700">Status</span>
        <Select name="status" value={query.status} onChange={(e) => go({ status: e.target.value })}>
          {Object.entries(DASHBOARD_FILTERS).map(([value, f]) => (
            <option key={value} value={value}>
              {f.label}
            </option>
          ))}
        </Select>
      </label>
      <span aria-live="polite" className="flex h-10 items-center text-ink-500">
        {pending ? (
          <>
            <Spinner className="h-4 w-4" />
            <span className="sr-only">Updating the list</span>
          </>
        ) : null}
      </span>
    </form>
  );
}
