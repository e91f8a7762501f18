import "server-only";

/**
 * Password-reset links. Without an email server, the owner issues the link on the members page and hands it over:
 * Better Auth's `sendResetPassword` puts it here and the service that asked for it takes it back at once.
 * Mailing it when SMTP_* is set is not built yet (README).
 */
const pending = new Map<string, string>();

export async function deliverResetLink(email: string, url: string): Promise<void> {
  pending.set(email.toLowerCase(), url);
}

export function takeResetLink(email: string): string | null {
  const key = email.toLowerCase();
  const url = pending.get(key) ?? null;
  pending.delete(key);
  return url;
}
