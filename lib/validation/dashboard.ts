import * as z from "zod/mini";

import { DASHBOARD_FILTERS, DASHBOARD_MAX, DASHBOARD_PAGE, DASHBOARD_SORTS, type DashboardFilter } from "./dashboard-options";

// The options live without zod (dashboard-options.ts): the dashboard's controls import them, the schema stays here.
export * from "./dashboard-options";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** A search param: the first value if repeated; anything missing or unreadable is the default. */
function param<T extends z.core.SomeType>(schema: T, fallback: z.output<T>) {
  return z.pipe(z.transform(one), z.catch(schema, fallback));
}

export const dashboardQuerySchema = z.object({
  q: param(z.string().check(z.trim(), z.maxLength(200)), ""),
  sort: param(z.enum(DASHBOARD_SORTS), "updated"),
  status: param(z.enum(Object.keys(DASHBOARD_FILTERS) as [DashboardFilter, ...DashboardFilter[]]), "all"),
  limit: param(z.coerce.number().check(z.refine(Number.isInteger), z.minimum(1), z.maximum(DASHBOARD_MAX)), DASHBOARD_PAGE),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export function parseDashboardQuery(params: Record<string, string | string[] | undefined>): DashboardQuery {
  return dashboardQuerySchema.parse(params);
}
