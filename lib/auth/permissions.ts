import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";
import { isRole, ROLE_LABELS, type Role } from "./roles";

export { isRole, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "./roles";

/**
 * What each role may do: THE one table. Better Auth's organization plugin enforces it on its own endpoints
 * (members, invitations) and `can()` checks it locally for everything else (no database call per check).
 * No server imports here, so the browser can use `can()` to hide or disable what a role cannot do.
 */

const statements = {
  ...defaultStatements,
  story: ["read", "create", "edit", "delete"],
  step: ["run"],
  /** Uploading an image into a story (element and scene images): who may edit it. */
  upload: ["create"],
  review: ["comment", "approve"],
  credits: ["read"],
  members: ["read", "manage"],
} as const;

export const ac = createAccessControl(statements);


export const roles = {
  owner: ac.newRole({
    organization: ["update", "delete"],
    member: ["create", "update", "delete"],
    invitation: ["create", "cancel"],
    story: ["read", "create", "edit", "delete"],
    step: ["run"],
    upload: ["create"],
    review: ["comment", "approve"],
    credits: ["read"],
    members: ["read", "manage"],
  }),
  editor: ac.newRole({
    story: ["read", "create", "edit", "delete"],
    step: ["run"],
    upload: ["create"],
    review: ["comment", "approve"],
    credits: ["read"],
    members: ["read"],
  }),
  reviewer: ac.newRole({
    story: ["read"],
    review: ["comment", "approve"],
    credits: ["read"],
    members: ["read"],
  }),
} satisfies Record<Role, unknown>;

type Statements = typeof statements;
export type Permission = {
  [R in keyof Statements]: `${R & string}.${Statements[R][number]}`;
}[keyof Statements];


/** Why a permission is refused, in the words the UI shows. */
const REASONS: Partial<Record<Permission, string>> = {
  "step.run": "can't run paid steps",
  "story.create": "can't create stories",
  "story.edit": "can't edit stories",
  "story.delete": "can't delete stories",
  "upload.create": "can't upload images",
  "members.manage": "can't manage members",
};


/** The minimum an actor needs for a check: its role in the current workspace. */
export type RoleHolder = { role: Role } | null | undefined;

export function can(actor: RoleHolder, permission: Permission): boolean {
  if (!actor || !isRole(actor.role)) return false;
  const [resource, action] = permission.split(".") as [keyof Statements, string];
  const role = roles[actor.role] as unknown as { authorize: (r: Record<string, string[]>) => { success: boolean } };
  return role.authorize({ [resource]: [action] }).success;
}

/** "Reviewers can't run paid steps". */
export function refusal(role: Role, permission: Permission): string {
  return `${ROLE_LABELS[role]}s ${REASONS[permission] ?? "can't do this"}.`;
}
