"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "@/lib/toast";

import { safeNext } from "@/lib/auth/next-path";
import { authClient, enter } from "./sign-out-button";
import { acceptInvitation } from "@/lib/actions/teams";
import type { ChangePasswordInput, ResetPasswordInput, SignInInput, SignUpInput } from "@/lib/validation/teams";
import { lazyZodResolver } from "@/lib/validation/lazy-resolver";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

// Its own module so pages with only this button (no workspace yet) do not load the forms (react-hook-form).
export { SignOutButton } from "./sign-out-button";

/** The forms' schemas (lib/validation/teams, shared with the server) load on the form's first focus (issue 11). */
const teams = () => import("@/lib/validation/teams");
const signInResolver = lazyZodResolver<SignInInput>(() => teams().then((m) => m.signInSchema));
const signUpResolver = lazyZodResolver<SignUpInput>(() => teams().then((m) => m.signUpSchema));
const resetPasswordResolver = lazyZodResolver<ResetPasswordInput>(() => teams().then((m) => m.resetPasswordSchema));
const changePasswordResolver = lazyZodResolver<ChangePasswordInput>(() => teams().then((m) => m.changePasswordSchema));

function FormError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
      {message}
    </p>
  ) : null;
}

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SignInInput>({ resolver: signInResolver, defaultValues: { email: "", password: "" } });
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    const { error: failed } = await (await authClient()).signIn.email(values);
    if (failed) return setError(failed.message || "Sign-in failed. Check your email and password.");
    enter(next);
  });
  return (
    <form onSubmit={submit} onFocus={signInResolver.preload} noValidate className="space-y-4" aria-label="Sign in">
      <FormError message={error} />
      <Field label="Email" error={form.formState.errors.email?.message}>
        <Input type="email" autoComplete="email" {...form.register("email")} />
      </Field>
      <Field label="Password" error={form.formState.errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </Field>
      <Button type="submit" className="w-full" loading={form.formState.isSubmitting}>
        Sign in
      </Button>
    </form>
  );
}

/** Create an account; with an invitation, the email is the invited one and the invitation is accepted at once. */
export function SignUpForm({
  next,
  submitLabel,
  invitation,
}: {
  next: string;
  submitLabel: string;
  invitation?: { id: string; email: string };
}) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SignUpInput>({
    resolver: signUpResolver,
    defaultValues: { name: "", email: invitation?.email ?? "", password: "" },
  });
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    const { error: failed } = await (await authClient()).signUp.email(values);
    if (failed) return setError(failed.message || "The account could not be created.");
    if (invitation) {
      const joined = await acceptInvitation({ invitationId: invitation.id });
      if (!joined.ok) return setError(joined.error.message);
    }
    enter(next);
  });
  return (
    <form onSubmit={submit} onFocus={signUpResolver.preload} noValidate className="space-y-4" aria-label="Create your account">
      <FormError message={error} />
      <Field label="Your name" error={form.formState.errors.name?.message}>
        <Input autoComplete="name" {...form.register("name")} />
      </Field>
      <Field label="Email" error={form.formState.errors.email?.message}>
        <Input type="email" autoComplete="email" readOnly={Boolean(invitation)} {...form.register("email")} />
      </Field>
      <Field label="Password" hint="At least 8 characters." error={form.formState.errors.password?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
      <Button type="submit" className="w-full" loading={form.formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}

export function SocialButtons({ github, google, next }: { github: boolean; google: boolean; next: string }) {
  if (!github && !google) return null;
  const go = async (provider: "github" | "google") => (await authClient()).signIn.social({ provider, callbackURL: safeNext(next) });
  return (
    <div className="grid gap-2">
      {github ? (
        <Button variant="secondary" onClick={() => void go("github")}>
          Continue with GitHub
        </Button>
      ) : null}
      {google ? (
        <Button variant="secondary" onClick={() => void go("google")}>
          Continue with Google
        </Button>
      ) : null}
    </div>
  );
}

export function AcceptInvitationButton({ invitationId, workspaceName }: { invitationId: string; workspaceName: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      className="w-full"
      loading={pending}
      onClick={async () => {
        setPending(true);
        const result = await acceptInvitation({ invitationId });
        setPending(false);
        if (!result.ok) return void toast.error(result.error.message);
        toast.success(`You joined ${workspaceName}.`);
        enter("/");
      }}
    >
      Join {workspaceName}
    </Button>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ResetPasswordInput>({ resolver: resetPasswordResolver, defaultValues: { newPassword: "" } });
  const submit = form.handleSubmit(async ({ newPassword }) => {
    setError(null);
    const { error: failed } = await (await authClient()).resetPassword({ newPassword, token });
    if (failed) return setError(failed.message || "This reset link is no longer valid. Ask an owner for a new one.");
    toast.success("Password changed. Sign in with the new one.");
    router.replace("/sign-in");
  });
  return (
    <form onSubmit={submit} onFocus={resetPasswordResolver.preload} noValidate className="space-y-4" aria-label="Choose a new password">
      <FormError message={error} />
      <Field label="New password" hint="At least 8 characters." error={form.formState.errors.newPassword?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("newPassword")} />
      </Field>
      <Button type="submit" className="w-full" loading={form.formState.isSubmitting}>
        Set password
      </Button>
    </form>
  );
}

export function ChangePasswordForm() {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ChangePasswordInput>({
    resolver: changePasswordResolver,
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    const { error: failed } = await (await authClient()).changePassword({ ...values, revokeOtherSessions: true });
    if (failed) return setError(failed.message || "The password could not be changed.");
    form.reset();
    toast.success("Password changed. Other devices were signed out.");
  });
  return (
    <form onSubmit={submit} onFocus={changePasswordResolver.preload} noValidate className="max-w-sm space-y-4" aria-label="Change password">
      <FormError message={error} />
      <Field label="Current password" error={form.formState.errors.currentPassword?.message}>
        <Input type="password" autoComplete="current-password" {...form.register("currentPassword")} />
      </Field>
      <Field label="New password" hint="At least 8 characters." error={form.formState.errors.newPassword?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("newPassword")} />
      </Field>
      <Button type="submit" loading={form.formState.isSubmitting}>
        Change password
      </Button>
    </form>
  );
}

export function AuthLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="font-medium text-brand-700 hover:underline">
      {children}
    </Link>
  );
}
