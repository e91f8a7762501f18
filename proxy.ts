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
 * Not run for static files, nor for the polled status route with a well-formed id (`[\w-]+`: no percent sign, so
 * nothing for step 1 to catch, and API routes are public here anyway): running the proxy cost each poll ~1.2 ms of
 * CPU, a third of the route's whole cost (BENCHMARKS.md, session 4). Any other spelling of that path still comes here.
 */
export const config = {
  matcher: ["/((?!_next/|api/stories/[\\w-]+/status$|favicon|.*\\.(?:svg|png|jpg|jpeg|ico|webp|txt)$).*)"],
};
