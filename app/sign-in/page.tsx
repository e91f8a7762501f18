import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSignedIn } from "@/lib/auth/actor";
import { signInOptions } from "@/lib/services/teams";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm, SignUpForm, SocialButtons } from "@/components/auth/auth-forms";
import { safeNext } from "@/lib/auth/next-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; mode?: string }> }) {
  const { next: rawNext, mode } = await searchParams;
  const next = safeNext(rawNext);
  if (await getSignedIn()) redirect(next);
  const options = await signInOptions();
  if (options.firstRun) {
    return (
      <AuthCard
        title="Create your account"
        description="You are the first person here: this account owns the studio and its first workspace. Invite your team afterwards."
      >
        <SignUpForm next={next} submitLabel="Create account" />
      </AuthCard>
    );
  }
  if (mode === "sign-up" && options.signupOpen) {
    return (
      <AuthCard title="Create your account">
        <SignUpForm next={next} submitLabel="Create account" />
        <p className="text-center text-sm text-ink-500">
          Have an account? <a className="font-medium text-brand-700 hover:underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</a>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Sign in" description="Storyboard Studio is for members of a workspace.">
      <SocialButtons github={options.github} google={options.google} next={next} />
      <SignInForm next={next} />
      <p className="text-center text-sm text-ink-500">
        {options.signupOpen ? (
          <a className="font-medium text-brand-700 hover:underline" href={`/sign-in?mode=sign-up&next=${encodeURIComponent(next)}`}>
            Create an account
          </a>
        ) : (
          "New here? Ask an owner of your team for an invitation link."
        )}
      </p>
    </AuthCard>
  );
}
