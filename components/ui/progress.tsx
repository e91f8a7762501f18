import { cn } from "@/lib/cn";

/** A labelled progress bar (role=progressbar). `value` undefined = indeterminate. */
export function Progress({
  value,
  label,
  className,
  tone = "brand",
}: {
  value?: number;
  label: string;
  className?: string;
  tone?: "brand" | "success" | "danger";
}) {
  const pct = value === undefined ? undefined : Math.max(0, Math.min(100, Math.round(value)));
  const bar = { brand: "bg-brand-500", success: "bg-emerald-500", danger: "bg-red-500" }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-ink-100", className)}
    >
      <div
        className={cn("progress-stripes h-full rounded-full transition-[width] duration-700 ease-out animate-shimmer", bar)}
        style={{ width: pct === undefined ? "35%" : `${Math.max(pct, 3)}%` }}
      />
    </div>
  );
}
