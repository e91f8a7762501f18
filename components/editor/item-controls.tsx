import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/** Move up / move down / remove for one item of an editable list (elements, scenes). */
export function ItemControls({
  label,
  index,
  count,
  onMove,
  onRemove,
  onDuplicate,
  compact = false,
  className,
}: {
  /** e.g. "Scene 2": the buttons are named "Move scene 2 up", "Remove scene 2". */
  label: string;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  /** Shows "Duplicate" when given. */
  onDuplicate?: (index: number) => void;
  /** Arrows only, for the scene header. */
  compact?: boolean;
  className?: string;
}) {
  const name = label.toLowerCase();
  return (
    <div className={cn("flex items-center gap-1", className)}>
      <Button variant="ghost" size="sm" disabled={index === 0} onClick={() => onMove(index, index - 1)} aria-label={`Move ${name} up`}>
        {compact ? "↑" : "↑ Up"}
      </Button>
      <Button variant="ghost" size="sm" disabled={index === count - 1} onClick={() => onMove(index, index + 1)} aria-label={`Move ${name} down`}>
        {compact ? "↓" : "↓ Down"}
      </Button>
      {onDuplicate ? (
        <Button variant="ghost" size="sm" onClick={() => onDuplicate(index)} aria-label={`Duplicate ${name}`}>
          {compact ? "Copy" : "Duplicate"}
        </Button>
      ) : null}
      <Button
        variant="ghost"
        size="sm"
        className={cn("text-red-700 hover:bg-red-50", !compact && "ml-auto")}
        onClick={() => onRemove(index)}
        aria-label={`Remove ${name}`}
      >
        Remove
      </Button>
    </div>
  );
}
