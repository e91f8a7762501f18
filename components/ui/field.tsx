import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/cn";

type FieldProps = {
  label: ReactNode;
  /** The control. It receives id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  error?: string;
  hint?: ReactNode;
  className?: string;
  labelClassName?: string;
  optional?: boolean;
};

/** A label, a control, a hint and the field's error message, wired together for screen readers. */
export function Field({ label, children, error, hint, className, labelClassName, optional }: FieldProps) {
  const generated = useId();
  const id = (isValidElement(children) && (children.props.id as string | undefined)) || generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className={cn("flex items-baseline gap-2 text-sm font-medium text-ink-800", labelClassName)}>
        {label}
        {optional ? <span className="text-xs font-normal text-ink-400">optional</span> : null}
      </label>
      {cloneElement(children, {
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {hint && !error ? (
        <p id={hintId} className="text-xs text-ink-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-600" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
