"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { toast } from "@/lib/toast";
import { cancelInvitation, changeRole, inviteMember, issueResetLink, leaveWorkspace, removeMember } from "@/lib/actions/teams";
import type { ActionResult } from "@/lib/actions/result";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import type { InviteInput } from "@/lib/validation/teams";
import { lazyZodResolver } from "@/lib/validation/lazy-resolver";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

type Member = { memberId: string; userId: string; name: string; email: string; role: string; joinedAt: string };
type Invitation = { id: string; email: string; role: string | null; expiresAt: string };

/** The invitation form's schema (shared with the inviteMember action) loads on the form's first focus (issue 11). */
const inviteResolver = lazyZodResolver<InviteInput>(() => import("@/lib/validation/teams").then((m) => m.inviteSchema));

function absolute(path: string) {
  return `${window.location.origin}${path}`;
}

function CopyableLink({ label, url }: { label: string; url: string }) {
  return (
    <div className="space-y-1.5 rounded-lg bg-brand-50 p-3 ring-1 ring-brand-200">
      <Field label={label}>
        <Input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <Button
        size="sm"
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard?.writeText(url).catch(() => {});
          toast.success("Link copied.");
        }}
      >
        Copy link
      </Button>
    </div>
  );
}

export function MembersManager({
  me,
  canManage,
  members,
  invitations,
  smtp,
}: {
  me: { userId: string; role: Role };
  canManage: boolean;
  members: Member[];
  invitations: Invitation[];
  smtp: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [link, setLink] = useState<{ label: string; url: string } | null>(null);
  const run = <T,>(call: () => Promise<ActionResult<T>>, done: (data: T) => void, undo?: () => void) =>
    start(async () => {
      const result = await call();
      if (!result.ok) {
        undo?.();
        return void toast.error(result.error.message);
      }
      done(result.data);
      router.refresh();
    });

  const form = useForm<InviteInput>({ resolver: inviteResolver, defaultValues: { email: "", role: "editor" } });
  const invite = form.handleSubmit((values) =>
    run(
      () => inviteMember(values),
      (data) => {
        setLink({ label: `Invitation link for ${values.email}`, url: absolute(data.path) });
        form.reset({ email: "", role: values.role });
      },
    ),
  );

  return (
    <div className="space-y-6">
      {canManage ? (
        <Card>
          <CardHeader
            title="Invite someone"
            description="The link works once and expires in 7 days. Send it yourself; whoever opens it joins with the role you chose."
          />
          <form onSubmit={invite} onFocus={inviteResolver.preload} noValidate className="grid gap-4 p-5 sm:grid-cols-[1fr_12rem_auto] sm:items-end" aria-label="Invite someone">
            <Field label="Email" error={form.formState.errors.email?.message}>
              <Input type="email" autoComplete="off" {...form.register("email")} />
            </Field>
            <Field label="Role" error={form.formState.errors.role?.message}>
              <Select {...form.register("role")}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" loading={pending}>
              Create invitation link
            </Button>
          </form>
          {link ? (
            <div className="px-5 pb-5">
              <CopyableLink label={link.label} url={link.url} />
            </div>
          ) : null}
        </Card>
      ) : null}

      <Card>
        <CardHeader title="Members" description={`${members.length} ${members.length === 1 ? "person" : "people"}`} />
        <ul className="divide-y divide-ink-100" aria-label="Members">
          {members.map((m) => {
            const self = m.userId === me.userId;
            return (
              <li key={m.memberId} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-ink-900">
                    {m.name} {self ? <span className="text-ink-400">(you)</span> : null}
                  </p>
                  <p className="truncate text-xs text-ink-500">{m.email}</p>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {canManage ? (
                    <div className="w-36">
                      <Select
                        aria-label={`Role of ${m.name}`}
                        defaultValue={m.role}
                        disabled={pending}
                        onChange={(e) => {
                          const select = e.currentTarget;
                          const role = select.value as Role;
                          run(
                            () => changeRole({ memberId: m.memberId, role }),
                            () => toast.success(`${m.name} is now ${ROLE_LABELS[role].toLowerCase()}.`),
                            () => (select.value = m.role), // refused (e.g. the last owner): show the role they still have
                          );
                        }}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r} title={ROLE_DESCRIPTIONS[r]}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </Select>
                    </div>
                  ) : (
                    <span className="rounded-full bg-ink-100 px-2.5 py-0.5 text-xs font-medium text-ink-700">
                      {ROLE_LABELS[m.role as Role] ?? m.role}
                    </span>
                  )}
                  {canManage && !self ? (
                    <>
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={pending}
                        onClick={() =>
                          run(
                            () => issueResetLink({ memberId: m.memberId }),
                            (data) => setLink({ label: `Password reset link for ${data.email} (valid 1 hour, once)`, url: absolute(data.path) }),
                          )
                        }
                      >
                        Reset link
                      </Button>
                      <Button
                        size="sm"
                        variant="danger"
                        disabled={pending}
                        onClick={() => {
                          if (!window.confirm(`Remove ${m.name} from this workspace?`)) return;
                          run(() => removeMember({ memberId: m.memberId }), () => toast.success(`${m.name} was removed.`));
                        }}
                      >
                        Remove
                      </Button>
                    </>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </Card>

      {canManage && invitations.length > 0 ? (
        <Card>
          <CardHeader title="Open invitations" />
          <ul className="divide-y divide-ink-100" aria-label="Open invitations">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                <span>
                  {i.email} · {ROLE_LABELS[i.role as Role] ?? i.role} · expires {new Date(i.expiresAt).toLocaleDateString()}
                </span>
                <div className="flex gap-2">
                  <Button size="sm" variant="ghost" onClick={() => setLink({ label: `Invitation link for ${i.email}`, url: absolute(`/invite/${i.id}`) })}>
                    Show link
                  </Button>
                  <Button size="sm" variant="danger" disabled={pending} onClick={() => run(() => cancelInvitation({ invitationId: i.id }), () => toast.success("Invitation cancelled."))}>
                    Cancel
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-ink-500">
        <span>{smtp ? "" : "No email server is set up: hand invitation and reset links over yourself."}</span>
        <Button
          variant="danger"
          size="sm"
          disabled={pending}
          onClick={() => {
            if (!window.confirm("Leave this workspace? You lose access to its stories.")) return;
            run(() => leaveWorkspace({}), () => router.replace("/"));
          }}
        >
          Leave workspace
        </Button>
      </div>
    </div>
  );
}
