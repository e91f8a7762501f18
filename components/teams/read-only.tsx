/** Why the page is read-only for this role ("Reviewers can't run paid steps."). */
export function ReadOnlyNotice({ reasons }: { reasons: string[] }) {
  return (
    <div id="read-only-notice" role="note" aria-label="Read-only" className="rounded-xl bg-ink-50 px-4 py-3 text-sm text-ink-700 ring-1 ring-ink-200">
      <strong className="font-semibold">Read-only.</strong> {reasons.join(" ")} Ask an owner if you need more.
    </div>
  );
}
