import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { authCookiePrefix } from "@/lib/config";
import { malformedUrlResponse } from "@/lib/http/malformed-url";

/**
 * Runs before routing.
 * 1. Bad percent-encoding answers 400 here (Next's router would answer 500).
 * 2. Signed-out visitors of a page go to sign-in and come back where they were going. Only the presence of a session
 *    cookie is checked here (no database); every page, route and action checks the session itself (lib/auth/actor).
 *    API routes answer 401 themselves; public: sign-in, invitations, password reset, Better Auth, health, webhooks,
 *    the cron route (its own secret), review links (/review/<token>: the token is the key; lib/services/review.ts).
 */
const PUBLIC = [/^\/sign-in$/, /^\/invite\//, /^\/reset-password$/, /^\/api\//, /^\/review\//];

export function proxy(req: NextRequest) {
  const malformed = malformedUrlResponse(req.url);
  if (malformed) return malformed;
  const { pathname, search } = req.nextUrl;
  if (PUBLIC.some((p) => p.test(pathname))) return NextResponse.next();
  if (getSessionCookie(req, { cookiePrefix: authCookiePrefix() })) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

/**
 * Not run for static files, nor for API paths without a percent sign: for /api the proxy only answers bad
 * percent-encoding (step 1; API routes answer 401 themselves), so without a `%` it has nothing to do, and running it
 * cost each status poll ~1.2 ms of CPU, a third of the route's whole cost (BENCHMARKS.md, session 4).
 */
export const config = {
  matcher: ["/((?!_next/|api/[^%]*$|favicon|.*\\.(?:svg|png|jpg|jpeg|ico|webp|txt)$).*)"],
};
