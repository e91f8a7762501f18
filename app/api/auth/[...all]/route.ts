import { getAuth } from "@/lib/auth/server";

/** Better Auth's endpoints (sign-in, sign-up, sessions, organizations...), on the lazily built instance. */
async function handle(req: Request) {
  return (await getAuth()).handler(req);
}

export { handle as GET, handle as POST };
