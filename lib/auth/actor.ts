import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { getDb } from "@/lib/db";
import { listMemberships, type Membership } from "@/lib/db/teams";
import { getAuth } from "./server";
import { isRole, type Role } from "./permissions";

/** Who is acting: the signed-in user, the workspace they are working in and their role there. */
export type Actor = {
  user: { id: string; name: string; email: string };
  workspace: { id: string; name: string };
  role: Role;
  /** Every workspace the user belongs to (the header's switcher). */
  workspaces: { id: string; name: string; role: Role }[];
  sessionId: string;
  /** When the session ends (ms since epoch); lib/auth/actor-cache.ts never remembers an actor past it. */
  sessionExpiresAt?: number;
};

export type SignedIn = { user: Actor["user"]; sessionId: string; activeWorkspaceId: string | null; expiresAt?: number };

/** The session of this request (null when signed out). Cached per request. */
export const getSignedIn = cache(async (): Promise<SignedIn | null> => {
  // headers() first: it marks the page dynamic before anything else runs (never prerendered at build time).
  const requestHeaders = await headers();
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return {
    user: { id: session.user.id, name: session.user.name, email: session.user.email },
    sessionId: session.session.id,
    activeWorkspaceId: (session.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null,
    expiresAt: new Date(session.session.expiresAt).getTime(),
  };
});

/** Builds the actor from a session and its memberships: the active workspace, else the first one. */
export function actorFrom(signedIn: SignedIn, memberships: Membership[]): Actor | null {
  const workspaces = memberships
    .filter((m) => isRole(m.role))
    .map((m) => ({ id: m.workspaceId, name: m.workspaceName, role: m.role as Role }));
  const current = workspaces.find((w) => w.id === signedIn.activeWorkspaceId) ?? workspaces[0];
  if (!current) return null;
  return {
    user: signedIn.user,
    workspace: { id: current.id, name: current.name },
    role: current.role,
    workspaces,
    sessionId: signedIn.sessionId,
    ...(signedIn.expiresAt ? { sessionExpiresAt: signedIn.expiresAt } : {}),
  };
}

/**
 * THE way every page, route handler and server action learns who is acting: null when signed out or not a member
 * of any workspace. Session and memberships are loaded once per request; permissions are then checked locally.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const signedIn = await getSignedIn();
  if (!signedIn) return null;
  return actorFrom(signedIn, await listMemberships(await getDb(), signedIn.user.id));
});
