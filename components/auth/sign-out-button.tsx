"use client";

import { safeNext } from "@/lib/auth/next-path";
import { Button } from "@/components/ui/button";

/** Better Auth's browser client (~12 KB gzip), loaded when a form is sent rather than with the page (issue 11). */
export const authClient = () => import("@/lib/auth/client").then((m) => m.authClient);

/**
 * After signing in, up or out: a full page load of the destination, so every server component (header, page) is
 * rendered for the new session (a client refresh of the sign-in page itself would race with its redirect).
 */
export function enter(next: string) {
  window.location.assign(safeNext(next));
}

export function SignOutButton({ className }: { className?: string }) {
  return (
    <Button
      variant="ghost"
      size="sm"
      className={className}
      onClick={async () => {
        await (await authClient()).signOut();
        enter("/sign-in");
      }}
    >
      Sign out
    </Button>
  );
}
