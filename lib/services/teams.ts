import "server-only";
import type { Actor, SignedIn } from "@/lib/auth/actor";
import { isRole, type Role } from "@/lib/auth/permissions";
import { takeResetLink } from "@/lib/auth/reset-links";
import { getAuth, INVITATION_TTL_SECONDS } from "@/lib/auth/server";
import { getDb } from "@/lib/db";
import {
  cancelPendingInvitation,
  findMembership,
  replaceInvitation,
  setActiveWorkspace,
  redeemInvitation,
  countOwners,
  countUsers,
  createWorkspace as insertWorkspace,
  deleteMember,
  findUserByEmail,
  getInvitation,
  getMember,
  listMembers,
  listMemberships,
  listPendingInvitations,
  setMemberRole,
} from "@/lib/db/teams";
import { oauthProviders, signupOpen, smtpConfigured } from "@/lib/config";
import { DomainError } from "@/lib/stories/errors";
import { authorize, NO_WORKSPACE_MESSAGE, SIGN_IN_MESSAGE } from "./access";
import { forgetActors } from "@/lib/auth/actor-cache";

/** Members, invitations and workspaces, as an actor sees them. */

const LAST_OWNER = "A workspace needs an owner: make someone else owner first.";

function signedInOrThrow(who: SignedIn | null): SignedIn {
  if (!who) throw new DomainError("unauthenticated", SIGN_IN_MESSAGE);
  return who;
}

/** What the sign-in page offers: first run (create the owner), open sign-up, and the configured providers. */
export async function signInOptions() {
  const providers = oauthProviders();
  return {
    firstRun: (await countUsers(await getDb())) === 0,
    signupOpen: signupOpen(),
    github: Boolean(providers.github),
    google: Boolean(providers.google),
  };
}

export async function getMembersPage(actor: Actor | null) {
  const a = authorize(actor, "members.read");
  const db = await getDb();
  const manage = a.role === "owner";
  return {
    members: (await listMembers(db, a.workspace.id)).map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    invitations: manage
      ? (await listPendingInvitations(db, a.workspace.id)).map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          expiresAt: i.expiresAt.toISOString(),
        }))
      : [],
    smtp: smtpConfigured(),
  };
}

/** A single-use link for `email` to join with `role`; a new invitation replaces a pending one for the same email. */
export async function inviteMember(actor: Actor | null, input: { email: string; role: Role }) {
  const a = authorize(actor, "members.manage");
  const db = await getDb();
  const email = input.email.trim().toLowerCase();
  const existing = await findUserByEmail(db, email);
  if (existing && (await listMemberships(db, existing.id)).some((m) => m.workspaceId === a.workspace.id)) {
    throw new DomainError("validation", `${email} is already a member of this workspace.`, {
      fieldErrors: { email: "Already a member of this workspace." },
    });
  }
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_SECONDS * 1000);
  await replaceInvitation(db, { id, workspaceId: a.workspace.id, email, role: input.role, inviterId: a.user.id, expiresAt });
  return { invitationId: id, path: `/invite/${id}` };
}

export async function cancelInvitation(actor: Actor | null, invitationId: string) {
  const a = authorize(actor, "members.manage");
  if (!(await cancelPendingInvitation(await getDb(), a.workspace.id, invitationId))) {
    throw new DomainError("not_found", "This invitation does not exist or was already used.");
  }
  return { canceled: true };
}

async function memberOf(actor: Actor, memberId: string) {
  const row = await getMember(await getDb(), actor.workspace.id, memberId);
  if (!row) throw new DomainError("not_found", "This person is not a member of this workspace.");
  return row;
}

/** The one rule about owners: a workspace always keeps at least one. */
async function keepAnOwner(workspaceId: string, leaving: { role: string }) {
  if (leaving.role === "owner" && (await countOwners(await getDb(), workspaceId)) <= 1) {
    throw new DomainError("validation", LAST_OWNER);
  }
}

export async function changeRole(actor: Actor | null, input: { memberId: string; role: Role }) {
  const a = authorize(actor, "members.manage");
  const row = await memberOf(a, input.memberId);
  if (input.role !== "owner") await keepAnOwner(a.workspace.id, row);
  await setMemberRole(await getDb(), row.id, input.role);
  forgetActors();
  return { role: input.role };
}

export async function removeMember(actor: Actor | null, memberId: string) {
  const a = authorize(actor, "members.manage");
  const row = await memberOf(a, memberId);
  await keepAnOwner(a.workspace.id, row);
  await deleteMember(await getDb(), row.id);
  forgetActors();
  return { removed: true };
}

/** Leaves the current workspace (any role); the last owner cannot. */
export async function leaveWorkspace(actor: Actor | null) {
  if (!actor) throw new DomainError("unauthenticated", SIGN_IN_MESSAGE);
  const db = await getDb();
  const row = await findMembership(db, actor.workspace.id, actor.user.id);
  if (!row) throw new DomainError("not_found", "You are not a member of this workspace.");
  await keepAnOwner(actor.workspace.id, row);
  await deleteMember(db, row.id);
  const next = (await listMemberships(db, actor.user.id))[0];
  await setActiveWorkspace(db, actor.sessionId, next?.workspaceId ?? null);
  forgetActors();
  return { left: true };
}

/**
 * A one-time password-reset link for a member (valid one hour), for the owner to hand over. Mailing it when
 * SMTP is configured is not built yet.
 */
export async function issueResetLink(actor: Actor | null, memberId: string) {
  const a = authorize(actor, "members.manage");
  const row = await memberOf(a, memberId);
  const target = (await listMembers(await getDb(), a.workspace.id)).find((m) => m.memberId === row.id);
  if (!target) throw new DomainError("not_found", "This person is not a member of this workspace.");
  const auth = await getAuth();
  await auth.api.requestPasswordReset({ body: { email: target.email, redirectTo: "/reset-password" } });
  const url = takeResetLink(target.email);
  const token = url ? new URL(url, "http://local").pathname.split("/").pop() : null;
  if (!token) throw new DomainError("busy", "The reset link could not be made. Try again in a moment.");
  return { path: `/reset-password?token=${encodeURIComponent(token)}`, email: target.email };
}

/** What an invitation link shows before joining (no membership needed; the link is the secret). */
export async function getInvitationView(invitationId: string) {
  const inv = await getInvitation(await getDb(), invitationId);
  if (!inv || !isRole(inv.role)) return null;
  const usable = inv.status === "pending" && inv.expiresAt.getTime() > Date.now();
  return { id: inv.id, workspaceName: inv.workspaceName, email: inv.email, role: inv.role, usable, status: inv.status };
}

/** Joins the invitation's workspace (once; the signed-in email must be the invited one) and makes it current. */
export async function acceptInvitation(who: SignedIn | null, invitationId: string) {
  const me = signedInOrThrow(who);
  const db = await getDb();
  const inv = await getInvitation(db, invitationId);
  if (!inv || !isRole(inv.role)) throw new DomainError("not_found", "This invitation does not exist.");
  if (inv.email.toLowerCase() !== me.user.email.toLowerCase()) {
    throw new DomainError("forbidden", `This invitation is for ${inv.email}. Sign in with that address to accept it.`);
  }
  const joined = await redeemInvitation(db, {
    invitationId: inv.id,
    workspaceId: inv.workspaceId,
    userId: me.user.id,
    role: inv.role,
    sessionId: me.sessionId,
  });
  if (!joined) throw new DomainError("validation", "This invitation link was already used or has expired. Ask for a new one.");
  forgetActors();
  return { workspaceId: inv.workspaceId };
}

/** Makes another of the user's workspaces the current one. */
export async function switchWorkspace(who: SignedIn | null, workspaceId: string) {
  const me = signedInOrThrow(who);
  const db = await getDb();
  if (!(await listMemberships(db, me.user.id)).some((m) => m.workspaceId === workspaceId)) {
    throw new DomainError("not_found", NO_WORKSPACE_MESSAGE);
  }
  await setActiveWorkspace(db, me.sessionId, workspaceId);
  forgetActors();
  return { workspaceId };
}

/** A new workspace owned by the signed-in user, made current. */
export async function createWorkspace(who: SignedIn | null, name: string) {
  const me = signedInOrThrow(who);
  const db = await getDb();
  const id = await insertWorkspace(db, { name: name.trim(), ownerId: me.user.id });
  await setActiveWorkspace(db, me.sessionId, id);
  forgetActors();
  return { workspaceId: id };
}
