import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor, getSignedIn } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { Card, CardHeader } from "@/components/ui/card";
import { ChangePasswordForm, SignOutButton } from "@/components/auth/auth-forms";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const me = await getSignedIn();
  if (!me) redirect("/sign-in?next=/account");
  const actor = await getActor();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink-900">Account</h1>
          <p className="mt-1 text-sm text-ink-500">
            {me.user.name} · {me.user.email}
            {actor ? ` · ${ROLE_LABELS[actor.role]} in ${actor.workspace.name}` : ""}
          </p>
        </div>
        <SignOutButton />
      </div>
      <Card>
        <CardHeader title="Password" description="Changing it signs out your other devices." />
        <div className="p-5">
          <ChangePasswordForm />
        </div>
      </Card>
    </div>
  );
}
