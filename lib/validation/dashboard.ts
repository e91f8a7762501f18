import { z } from "zod";

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

export const dashboardQuerySchema = z.object({
  q: z.preprocess(one, z.string().trim().max(200).catch("")).default(""),
  sort: z.preprocess(one, z.enum(DASHBOARD_SORTS).catch("updated")).default("updated"),
  status: z
    .preprocess(one, z.enum(Object.keys(DASHBOARD_FILTERS) as [DashboardFilter, ...DashboardFilter[]]).catch("all"))
    .default("all"),
  limit: z.preprocess(one, z.coerce.number().int().min(1).max(DASHBOARD_MAX).catch(DASHBOARD_PAGE)).default(DASHBOARD_PAGE),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export function parseDashboardQuery(params: Record<string, string | string[] | undefined>): DashboardQuery {
  return dashboardQuerySchema.parse(params);
}
