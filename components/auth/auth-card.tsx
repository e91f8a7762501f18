import type { ReactNode } from "react";

/** The centred card of the sign-in, invitation and password pages. */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-sm py-8 sm:py-12">
      <div className="rounded-2xl bg-white p-6 shadow-card ring-1 ring-ink-200/70">
        <h1 className="text-xl font-semibold tracking-tight text-ink-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-ink-500">{description}</p> : null}
        <div className="mt-6 space-y-4">{children}</div>
      </div>
    </div>
  );
}
