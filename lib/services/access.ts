import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, refusal, type Permission } from "@/lib/auth/permissions";
import { attributeTo } from "@/lib/db/attribution";
import { DomainError } from "@/lib/stories/errors";

/** The checks every actor-aware service starts with. */

export const SIGN_IN_MESSAGE = "Your session has ended. Sign in again; nothing you typed is lost.";
export const NO_WORKSPACE_MESSAGE = "You are not a member of a workspace yet. Open your invitation link, or ask an owner for one.";
export const STORY_NOT_FOUND = "This story does not exist.";

/** The actor, allowed `permission` in its workspace; otherwise a typed refusal. */
export function authorize(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new DomainError("unauthenticated", SIGN_IN_MESSAGE);
  if (!can(actor, permission)) throw new DomainError("forbidden", refusal(actor.role, permission));
  return actor;
}

/** A story of another workspace is "not found", never "forbidden": its existence does not leak. */
export function sameWorkspace<T extends { workspaceId: string | null }>(actor: Actor, row: T | null): T {
  if (!row || row.workspaceId !== actor.workspace.id) throw new DomainError("not_found", STORY_NOT_FOUND);
  return row;
}

/** Runs the story workflow on behalf of the actor: what it creates is recorded with their workspace and user. */
export function asActor<T>(actor: Actor, fn: () => Promise<T>): Promise<T> {
  return attributeTo({ userId: actor.user.id, workspaceId: actor.workspace.id }, fn);
}
