import "server-only";
import { and, asc, count, desc, eq, gt, isNull, sql, sum } from "drizzle-orm";
import { invitation, member, organization, session, stepAttempts, stories, user } from "./schema";
import type { Db } from "./types";
import { storyChanged } from "./changes";

/*
 * Reads and writes about accounts and workspaces that the app does itself (Better Auth owns the rest of these
 * tables through its adapter). An "organization" is a workspace.
 */

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(user);
  return Number(row?.n ?? 0);
}

export async function hasPendingInvitation(db: Db, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: invitation.id })
    .from(invitation)
    .where(and(eq(sql`lower(${invitation.email})`, email.toLowerCase()), eq(invitation.status, "pending"), gt(invitation.expiresAt, sql`now()`)))
    .limit(1);
  return Boolean(row);
}

export type Membership = { workspaceId: string; workspaceName: string; role: string };

/** The user's workspaces, oldest membership first. */
export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  return db
    .select({ workspaceId: member.organizationId, workspaceName: organization.name, role: member.role })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId))
    .orderBy(asc(member.createdAt), asc(member.id));
}

/**
 * First run: a workspace with its first owner; stories and attempts from before accounts existed move into it
 * (only when it is the first workspace of the install). One transaction.
 */
export async function createWorkspace(db: Db, args: { name: string; ownerId: string }): Promise<string> {
  const id = crypto.randomUUID();
  const slug = `${args.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "workspace"}-${id.slice(0, 8)}`;
  await db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(organization);
    await tx.insert(organization).values({ id, name: args.name, slug });
    await tx.insert(member).values({ id: crypto.randomUUID(), organizationId: id, userId: args.ownerId, role: "owner" });
    if (Number(n) === 0) {
      await tx.update(stories).set({ workspaceId: id }).where(isNull(stories.workspaceId));
      await tx.update(stepAttempts).set({ workspaceId: id }).where(isNull(stepAttempts.workspaceId));
    }
  });
  // The first workspace took in the stories made before it (their workspace is part of every status answer's check).
  storyChanged(null);
  return id;
}

export type MemberView = { memberId: string; userId: string; name: string; email: string; role: string; joinedAt: Date };

export async function listMembers(db: Db, workspaceId: string): Promise<MemberView[]> {
  return db
    .select({
      memberId: member.id,
      userId: member.userId,
      name: user.name,
      email: user.email,
      role: member.role,
      joinedAt: member.createdAt,
    })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, workspaceId))
    .orderBy(asc(member.createdAt));
}

export async function getMember(db: Db, workspaceId: string, memberId: string) {
  const [row] = await db
    .select()
    .from(member)
    .where(and(eq(member.organizationId, workspaceId), eq(member.id, memberId)))
    .limit(1);
  return row ?? null;
}

export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(member)
    .where(and(eq(member.organizationId, workspaceId), eq(member.role, "owner")));
  return Number(row?.n ?? 0);
}

export async function setMemberRole(db: Db, memberId: string, role: string): Promise<void> {
  await db.update(member).set({ role }).where(eq(member.id, memberId));
}

export async function deleteMember(db: Db, memberId: string): Promise<void> {
  await db.delete(member).where(eq(member.id, memberId));
}

export type InvitationView = {
  id: string;
  workspaceId: string;
  workspaceName: string;
  email: string;
  role: string | null;
  status: string;
  expiresAt: Date;
};

/** Invitations with their workspace's name: the one shape both lookups answer with. */
function invitationViews(db: Db) {
  return db
    .select({
      id: invitation.id,
      workspaceId: invitation.organizationId,
      workspaceName: organization.name,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      expiresAt: invitation.expiresAt,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId));
}

export async function getInvitation(db: Db, id: string): Promise<InvitationView | null> {
  const [row] = await invitationViews(db).where(eq(invitation.id, id)).limit(1);
  return row ?? null;
}

export async function listPendingInvitations(db: Db, workspaceId: string): Promise<InvitationView[]> {
  return invitationViews(db)
    .where(and(eq(invitation.organizationId, workspaceId), eq(invitation.status, "pending"), gt(invitation.expiresAt, sql`now()`)))
    .orderBy(desc(invitation.createdAt));
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(user).where(eq(sql`lower(${user.email})`, email.toLowerCase())).limit(1);
  return row ?? null;
}

export type CreditsReport = {
  total: number;
  byStep: { step: string; credits: number; attempts: number }[];
  byMember: { userId: string | null; name: string | null; credits: number; attempts: number }[];
};

/** Credits the workspace's paid attempts used, by step and by member who started them. */
export async function workspaceCredits(db: Db, workspaceId: string): Promise<CreditsReport> {
  const where = eq(stepAttempts.workspaceId, workspaceId);
  const credits = sql<number>`coalesce(${sum(stepAttempts.creditsUsed)}, 0)::int`;
  const byStep = await db
    .select({ step: stepAttempts.step, credits, attempts: count() })
    .from(stepAttempts)
    .where(where)
    .groupBy(stepAttempts.step)
    .orderBy(desc(credits));
  const byMember = await db
    .select({ userId: stepAttempts.userId, name: user.name, credits, attempts: count() })
    .from(stepAttempts)
    .leftJoin(user, eq(user.id, stepAttempts.userId))
    .where(where)
    .groupBy(stepAttempts.userId, user.name)
    .orderBy(desc(credits));
  const norm = <T extends { credits: unknown; attempts: unknown }>(r: T) => ({ ...r, credits: Number(r.credits), attempts: Number(r.attempts) });
  return {
    total: byStep.reduce((a, r) => a + Number(r.credits), 0),
    byStep: byStep.map(norm),
    byMember: byMember.map(norm),
  };
}

/** A new pending invitation; a pending one for the same email in this workspace is cancelled. */
export async function replaceInvitation(
  db: Db,
  args: { id: string; workspaceId: string; email: string; role: string; inviterId: string; expiresAt: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(invitation)
      .set({ status: "canceled" })
      .where(and(eq(invitation.organizationId, args.workspaceId), eq(invitation.email, args.email), eq(invitation.status, "pending")));
    await tx.insert(invitation).values({
      id: args.id,
      organizationId: args.workspaceId,
      email: args.email,
      role: args.role,
      status: "pending",
      expiresAt: args.expiresAt,
      inviterId: args.inviterId,
    });
  });
}

/** True when a pending invitation of this workspace was cancelled. */
export async function cancelPendingInvitation(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(invitation)
    .set({ status: "canceled" })
    .where(and(eq(invitation.id, id), eq(invitation.organizationId, workspaceId), eq(invitation.status, "pending")))
    .returning({ id: invitation.id });
  return rows.length > 0;
}

export async function findMembership(db: Db, workspaceId: string, userId: string) {
  const [row] = await db
    .select()
    .from(member)
    .where(and(eq(member.organizationId, workspaceId), eq(member.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** The workspace a session works in (Better Auth's activeOrganizationId). */
export async function setActiveWorkspace(db: Db, sessionId: string, workspaceId: string | null): Promise<void> {
  await db.update(session).set({ activeOrganizationId: workspaceId }).where(eq(session.id, sessionId));
}

/**
 * Redeems a pending, unexpired invitation once: the user becomes a member with its role (unless already one) and the
 * session switches to that workspace. False when it was already used or has expired. One transaction.
 */
export async function redeemInvitation(
  db: Db,
  args: { invitationId: string; workspaceId: string; userId: string; role: string; sessionId: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const used = await tx
      .update(invitation)
      .set({ status: "accepted" })
      .where(and(eq(invitation.id, args.invitationId), eq(invitation.status, "pending"), gt(invitation.expiresAt, sql`now()`)))
      .returning({ id: invitation.id });
    if (used.length === 0) return false;
    const [already] = await tx
      .select({ id: member.id })
      .from(member)
      .where(and(eq(member.organizationId, args.workspaceId), eq(member.userId, args.userId)))
      .limit(1);
    if (!already) {
      await tx.insert(member).values({ id: crypto.randomUUID(), organizationId: args.workspaceId, userId: args.userId, role: args.role });
    }
    await tx.update(session).set({ activeOrganizationId: args.workspaceId }).where(eq(session.id, args.sessionId));
    return true;
  });
}
