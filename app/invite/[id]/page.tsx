import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSignedIn } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getInvitationView } from "@/lib/services/teams";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitationButton, AuthLink, SignOutButton, SignUpForm } from "@/components/auth/auth-forms";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [invitation, me] = await Promise.all([getInvitationView(id), getSignedIn()]);
  if (!invitation) notFound();
  const role = ROLE_LABELS[invitation.role];
  const title = `Join ${invitation.workspaceName}`;
  if (!invitation.usable) {
    return (
      <AuthCard title={title}>
        <p className="text-sm text-ink-600">This invitation link was already used or has expired. Ask an owner for a new one.</p>
      </AuthCard>
    );
  }
  const description = `You are invited as ${role.toLowerCase()} (${invitation.email}).`;
  if (me && me.user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <AuthCard title={title} description={description}>
        <p className="text-sm text-ink-600">
          You are signed in as {me.user.email}. Sign out, then open this link again to join as {invitation.email}.
        </p>
        <SignOutButton />
      </AuthCard>
    );
  }
  if (me) {
    return (
      <AuthCard title={title} description={description}>
        <AcceptInvitationButton invitationId={invitation.id} workspaceName={invitation.workspaceName} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} description={description}>
      <SignUpForm next="/" submitLabel="Create account and join" invitation={{ id: invitation.id, email: invitation.email }} />
      <p className="text-center text-sm text-ink-500">
        Already have an account? <AuthLink href={`/sign-in?next=${encodeURIComponent(`/invite/${invitation.id}`)}`}>Sign in</AuthLink>
      </p>
    </AuthCard>
  );
}
