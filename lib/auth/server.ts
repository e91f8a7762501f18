import "server-only";
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { organization } from "better-auth/plugins";
import { getDb, type Db } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import { countUsers, createWorkspace, hasPendingInvitation, listMemberships } from "@/lib/db/teams";
import { authCookiePrefix, oauthProviders, publicBaseUrl, signupOpen } from "@/lib/config";
import { authSecret } from "./secret";
import { ac, roles } from "./permissions";
import { deliverResetLink } from "./reset-links";

/** Invitation links are valid for 7 days. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

const MANAGED_BY_THE_APP = [
  "/organization/create",
  "/organization/update",
  "/organization/delete",
  "/organization/set-active",
  "/organization/invite-member",
  "/organization/accept-invitation",
  "/organization/reject-invitation",
  "/organization/cancel-invitation",
  "/organization/remove-member",
  "/organization/update-member-role",
  "/organization/leave",
];

function sameHostOrigins(request?: Request): string[] {
  const host = request?.headers.get("x-forwarded-host") ?? request?.headers.get("host");
  return host ? [`http://${host}`, `https://${host}`] : [];
}

function build(db: Db) {
  const providers = oauthProviders();
  return betterAuth({
    secret: authSecret(),
    // BETTER_AUTH_URL, else the app's public URL, else the request's own origin.
    baseURL: process.env.BETTER_AUTH_URL?.trim() || publicBaseUrl() || undefined,
    // Members and workspaces change only through lib/services/teams.ts (one set of rules, e.g. the last owner);
    // Better Auth's own endpoints for them are off. Its read endpoints stay (they check membership themselves).
    disabledPaths: MANAGED_BY_THE_APP,
    // Requests from the host they were addressed to (same-origin forms behind any name or address) are trusted, as
    // Next's server actions do; anything cross-site is refused.
    trustedOrigins: (request) => sameHostOrigins(request),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        organization: schema.organization,
        member: schema.member,
        invitation: schema.invitation,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      resetPasswordTokenExpiresIn: 3600,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => deliverResetLink(user.email, url),
    },
    socialProviders: {
      ...(providers.github ? { github: providers.github } : {}),
      ...(providers.google ? { google: providers.google } : {}),
    },
    advanced: { cookiePrefix: authCookiePrefix(), database: { generateId: () => crypto.randomUUID() } },
    databaseHooks: {
      user: {
        create: {
          // First person: always; afterwards only with an invitation, unless ALLOW_SIGNUP=true.
          before: async (user) => {
            if (signupOpen() || (await countUsers(db)) === 0) return;
            if (await hasPendingInvitation(db, user.email)) return;
            throw new APIError("FORBIDDEN", {
              message: "Sign-up is by invitation only. Ask an owner of your team for an invitation link.",
            });
          },
          // The first account of the install gets the first workspace (and the stories made before accounts).
          after: async (user) => {
            if ((await listMemberships(db, user.id)).length > 0) return;
            if ((await countUsers(db)) === 1 || signupOpen()) {
              const first = user.name?.trim().split(/\s+/)[0] || "My";
              await createWorkspace(db, { name: `${first}'s workspace`, ownerId: user.id });
            }
          },
        },
      },
      session: {
        create: {
          // A new session starts in the user's first workspace, so role checks work right after sign-in.
          before: async (session) => {
            if ((session as { activeOrganizationId?: string | null }).activeOrganizationId) return;
            const [first] = await listMemberships(db, session.userId);
            return { data: { ...session, activeOrganizationId: first?.workspaceId ?? null } };
          },
        },
      },
    },
    plugins: [
      organization({
        ac,
        roles,
        creatorRole: "owner",
        invitationExpiresIn: INVITATION_TTL_SECONDS,
        cancelPendingInvitationsOnReInvite: true,
        disableOrganizationDeletion: true,
        // Workspaces are created by the first owner (first run) or from the workspace menu.
        allowUserToCreateOrganization: true,
      }),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof build>;

declare global {
  var __storyboardAuth: Promise<Auth> | undefined;
}

/** The Better Auth instance, built once per process after the database is open (the adapter needs it). */
export function getAuth(): Promise<Auth> {
  if (!globalThis.__storyboardAuth) {
    const init = getDb().then(build);
    globalThis.__storyboardAuth = init;
    init.catch(() => {
      if (globalThis.__storyboardAuth === init) globalThis.__storyboardAuth = undefined;
    });
  }
  return globalThis.__storyboardAuth;
}

/** Tests: forget the instance (the next getAuth() builds one on the current database). */
export function resetAuth(): void {
  globalThis.__storyboardAuth = undefined;
}
