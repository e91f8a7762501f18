import type { CreditsReport } from "@/lib/db/teams";
import { Card, CardHeader } from "@/components/ui/card";

const STEP_NAMES: Record<string, string> = {
  storyboard: "Storyboards",
  elements: "Element images",
  scenes: "Scene images",
  videos: "Videos",
  concat: "Re-compose",
  "idea-2-video": "Video from an idea",
  "images-2-video": "Video from images",
};

/** Credits the workspace used, by step and by member (from the paid attempts). */
export function CreditsSummary({ report }: { report: CreditsReport }) {
  if (report.byStep.length === 0) return null;
  return (
    <Card role="region" aria-labelledby="credits-title">
      <CardHeader id="credits-title" title="Credits used" description={`${report.total} credits in this workspace, deleted stories included`} />
      <div className="grid gap-6 p-5 sm:grid-cols-2">
        <CreditsTable caption="By step" rows={report.byStep.map((r) => ({ key: r.step, label: STEP_NAMES[r.step] ?? r.step, ...r }))} />
        <CreditsTable
          caption="By member"
          rows={report.byMember.map((r) => ({ key: r.userId ?? "none", label: r.name ?? "Before accounts", ...r }))}
        />
      </div>
    </Card>
  );
}

function CreditsTable({ caption, rows }: { caption: string; rows: { key: string; label: string; credits: number; attempts: number }[] }) {
  return (
    <table className="w-full text-sm">
      <caption className="pb-2 text-left text-xs font-semibold uppercase tracking-wide text-ink-500">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Paid calls</th>
          <th scope="col">Credits</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-ink-100">
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className="py-1.5 text-left font-normal text-ink-700">
              {r.label}
            </th>
            <td className="py-1.5 text-right text-ink-500">{r.attempts} {r.attempts === 1 ? "call" : "calls"}</td>
            <td className="py-1.5 text-right font-medium text-ink-900">{r.credits}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
