import { getAuth } from "@/lib/auth/server";
import { forgetActors } from "@/lib/auth/actor-cache";

/** Better Auth's endpoints (sign-in, sign-up, sessions, organizations...), on the lazily built instance. */
async function handle(req: Request) {
  // Sign-out, session revocation, password changes...: the status poll's remembered actors are forgotten.
  if (req.method !== "GET") forgetActors();
  return (await getAuth()).handler(req);
}

export { handle as GET, handle as POST };
