/**
 * The roles and their names, without the permission table (lib/auth/permissions.ts, which re-exports these): the
 * browser's forms and menus need the names only, not Better Auth's access-control code (issue 11: first-load JS).
 */
export const ROLES = ["owner", "editor", "reviewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", editor: "Editor", reviewer: "Reviewer" };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Members, settings and everything editors do",
  editor: "Creates and edits stories, runs paid steps",
  reviewer: "Reads, comments and approves; never edits or spends credits",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
