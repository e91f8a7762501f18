"use server";

import { revalidatePath } from "next/cache";
import { action } from "./action";
import * as teams from "@/lib/services/teams";
import {
  changeRoleSchema,
  invitationIdSchema,
  inviteSchema,
  memberIdSchema,
  workspaceIdSchema,
  workspaceNameSchema,
} from "@/lib/validation/teams";
import { z } from "zod";

/** Members and workspaces. Sign-in, sign-up, sign-out and passwords go through Better Auth's own endpoints. */

export const inviteMember = action(inviteSchema, async (input, { actor }) => {
  const result = await teams.inviteMember(actor, input);
  revalidatePath("/members");
  return result;
});

export const cancelInvitation = action(invitationIdSchema, async ({ invitationId }, { actor }) => {
  const result = await teams.cancelInvitation(actor, invitationId);
  revalidatePath("/members");
  return result;
});

export const changeRole = action(changeRoleSchema, async (input, { actor }) => {
  const result = await teams.changeRole(actor, input);
  revalidatePath("/members");
  return result;
});

export const removeMember = action(memberIdSchema, async ({ memberId }, { actor }) => {
  const result = await teams.removeMember(actor, memberId);
  revalidatePath("/members");
  return result;
});

export const leaveWorkspace = action(z.object({}), async (_input, { actor }) => {
  const result = await teams.leaveWorkspace(actor);
  revalidatePath("/", "layout");
  return result;
});

export const issueResetLink = action(memberIdSchema, async ({ memberId }, { actor }) => teams.issueResetLink(actor, memberId));

export const acceptInvitation = action(invitationIdSchema, async ({ invitationId }, { signedIn }) => {
  const result = await teams.acceptInvitation(signedIn, invitationId);
  revalidatePath("/", "layout");
  return result;
});

export const switchWorkspace = action(workspaceIdSchema, async ({ workspaceId }, { signedIn }) => {
  const result = await teams.switchWorkspace(signedIn, workspaceId);
  revalidatePath("/", "layout");
  return result;
});

export const createWorkspace = action(workspaceNameSchema, async ({ name }, { signedIn }) => {
  const result = await teams.createWorkspace(signedIn, name);
  revalidatePath("/", "layout");
  return result;
});
