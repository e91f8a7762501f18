/** Only local paths are followed after sign-in (no open redirect). Shared by the sign-in page and its forms. */
export function safeNext(next: string | undefined | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
