import * as z from "zod/mini";

/**
 * The dashboard's search, sort, status filter and page size: kept in the URL's search params (so a reload or a
 * shared link shows the same list). Anything unreadable falls back to the default instead of failing the page.
 */
export const DASHBOARD_SORTS = ["updated", "created", "title"] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

export const DASHBOARD_FILTERS = {
  all: { label: "All statuses", statuses: null },
  active: { label: "In progress", statuses: ["submitting", "generating"] },
  ready: { label: "Ready to edit", statuses: ["ready"] },
  done: { label: "Video done", statuses: ["done"] },
  failed: { label: "Failed", statuses: ["failed"] },
} as const;
export type DashboardFilter = keyof typeof DASHBOARD_FILTERS;

export const DASHBOARD_PAGE = 30;
export const DASHBOARD_MAX = 600;

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
