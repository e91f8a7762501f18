"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md py-20 text-center">
      <h1 className="text-2xl font-semibold text-ink-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-ink-500">
        The page could not be shown. Your saved work is safe, and unsaved edits are kept in this browser.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 inline-flex h-10 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
      >
        Try again
      </button>
    </div>
  );
}
