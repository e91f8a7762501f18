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
  return toObservedSpend(await spendQuery(db, workspaceId));
}

/** The query of observedSpend, also run as a subquery of the paid step's one read (lib/db/steps.ts). */
export function spendQuery(db: Db, workspaceId: string | null) {
  return db
    .select({
      step: stepAttempts.step,
      estimated: sql<number>`coalesce(sum((${stepAttempts.request} -> 'estimate' ->> 'base')::int), 0)::int`.as("estimated"),
      actual: sql<number>`coalesce(sum(${stepAttempts.creditsUsed}), 0)::int`.as("actual"),
      attempts: sql<number>`count(*)::int`.as("attempts"),
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
}

export function toObservedSpend(rows: { step: string; estimated: number; actual: number; attempts: number }[]): ObservedSpend {
  const out: ObservedSpend = {};
  for (const r of rows) {
    out[r.step as CostStep] = { estimated: Number(r.estimated), actual: Number(r.actual), attempts: Number(r.attempts) };
  }
  return out;
}
