import { getAuth } from "@/lib/auth/server";
import { forgetActors } from "@/lib/auth/actor-cache";
import { logged } from "@/lib/route";

/** Better Auth's endpoints (sign-in, sign-up, sessions, organizations...), on the lazily built instance. */
async function handle(req: Request) {
  // Sign-out, session revocation, password changes...: the status poll's remembered actors are forgotten.
  if (req.method !== "GET") forgetActors();
  return (await getAuth()).handler(req);
}

// Logged like every route (request id, status, ms); session reads are frequent, so successful GETs log at debug.
export const GET = logged("/api/auth/[...all]", handle, { quiet: true });
export const POST = logged("/api/auth/[...all]", handle);
