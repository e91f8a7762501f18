import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import { isActive, PARTIAL_VIDEO_KIND, statusTone, type StoryStatusView } from "@/lib/stories/stages";

export function StatusBadge({ status }: { status: StoryStatusView }) {
  return (
    <Badge tone={status.error?.kind === PARTIAL_VIDEO_KIND && status.status === "done" ? "warning" : statusTone(status.status)}>
      {isActive(status.status) ? <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" /> : null}
      {status.label}
    </Badge>
  );
}

export function StatusProgress({ status, className }: { status: StoryStatusView; className?: string }) {
  if (!isActive(status.status)) return null;
  return (
    <div className={className}>
      <div className="mb-1 flex justify-between text-xs text-ink-500">
        <span>{status.label}</span>
        <span className="tabular-nums">{status.progress}%</span>
      </div>
      <Progress value={status.progress} label={status.label} />
    </div>
  );
}
