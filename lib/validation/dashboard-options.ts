/**
 * The dashboard's search, sort, status filter and page size: kept in the URL's search params (so a reload or a
 * shared link shows the same list). Anything unreadable falls back to the default instead of failing the page
 * (the schema: dashboard.ts). No zod here: the dashboard's controls render with these in the browser.
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

