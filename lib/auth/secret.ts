import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Not `server-only`: instrumentation.ts checks it at start-up.

export const SECRET_MISSING_MESSAGE =
  "BETTER_AUTH_SECRET is not set. Accounts need a secret to sign sessions: set BETTER_AUTH_SECRET to a random " +
  "string of at least 32 characters (e.g. the output of `openssl rand -base64 32`) in the server's environment, " +
  "then start again.";

/** Where development keeps its generated secret: next to the embedded database (DATA_DIR's parent, default .data). */
export function devSecretFile(): string {
  const dataDir = process.env.DATA_DIR?.trim() || ".data/pglite";
  return path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ dataDir)), "auth-secret");
}

/**
 * The secret Better Auth signs sessions with. BETTER_AUTH_SECRET wins; in development an unset secret is generated
 * once and kept in the data directory (sessions survive restarts); in production an unset secret is an error
 * with a message saying what to set (checked at start-up by instrumentation.ts).
 */
export function authSecret(): string {
  const configured = process.env.BETTER_AUTH_SECRET?.trim();
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") throw new Error(SECRET_MISSING_MESSAGE);
  const file = devSecretFile();
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept) return kept;
  }
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Start-up check (instrumentation.ts): without a usable secret the server stops with what to set, never a 500. */
export function stopUnlessAuthSecret(): void {
  try {
    authSecret();
  } catch (e) {
    console.error(`\n[auth] ${(e as Error).message}\n`);
    process.exit(1);
  }
}
