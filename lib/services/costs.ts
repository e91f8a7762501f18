import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { observedSpend } from "@/lib/db/costs";
import { workspaceCredits } from "@/lib/db/teams";
import { creditConfirmThreshold } from "@/lib/config";
import type { ObservedSpend } from "@/lib/stories/costs";
import { authorize } from "./access";

/** What paid buttons need to show their estimate (lib/stories/costs.ts) and ask above the threshold. */
export type CostContext = {
  /** This workspace's finished paid steps: what the default table estimated, what they used. */
  observed: ObservedSpend;
  /** Credits the workspace used so far (deleted stories included). */
  workspaceCredits: number;
  /** Above this estimate a paid button asks first. */
  confirmAbove: number;
};

export async function costContext(actor: Actor | null): Promise<CostContext> {
  const a = authorize(actor, "credits.read");
  const db = await getDb();
  const [observed, report] = await Promise.all([observedSpend(db, a.workspace.id), workspaceCredits(db, a.workspace.id)]);
  return { observed, workspaceCredits: report.total, confirmAbove: creditConfirmThreshold() };
}
