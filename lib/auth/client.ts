import { createAuthClient } from "better-auth/react";

/** Better Auth in the browser: sign-in, sign-up, sign-out and passwords (same origin, /api/auth). */
export const authClient = createAuthClient();
