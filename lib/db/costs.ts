import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { stepAttempts } from "./schema";
import type { Db } from "./types";
import type { CostStep, ObservedSpend } from "@/lib/stories/costs";

/**
 * Observed spend per step in one workspace (lib/stories/costs.ts): the default-table estimates that finished attempts
 * were sent with (`request.estimate.base`) and the credits they actually used. Attempts without a recorded estimate
 * (sent before estimates existed) or still running are left out.
 */
export async function observedSpend(db: Db, workspaceId: string | null): Promise<ObservedSpend> {
  const base = sql<number>`coalesce(sum((${stepAttempts.request} -> 'estimate' ->> 'base')::int), 0)::int`;
  const rows = await db
    .select({
      step: stepAttempts.step,
      estimated: base,
      actual: sql<number>`coalesce(sum(${stepAttempts.creditsUsed}), 0)::int`,
      attempts: sql<number>`count(*)::int`,
    })
    .from(stepAttempts)
    .where(
      and(
        workspaceId === null ? sql`${stepAttempts.workspaceId} is null` : eq(stepAttempts.workspaceId, workspaceId),
        isNotNull(stepAttempts.creditsUsed),
        sql`jsonb_typeof(${stepAttempts.request} -> 'estimate' -> 'base') = 'number'`,
      ),
    )
    .groupBy(stepAttempts.step);
  const out: ObservedSpend = {};
  for (const r of rows) {
    out[r.step as CostStep] = { estimated: Number(r.estimated), actual: Number(r.actual), attempts: Number(r.attempts) };
  }
  return out;
}
