import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getMembersPage } from "@/lib/services/teams";
import { MembersManager } from "@/components/teams/members-manager";
import { getRequireApproval } from "@/lib/services/review";
import { RequireApprovalSetting } from "@/components/review/require-approval-setting";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await getActor();
  if (!actor) redirect("/");
  const [page, requireApproval] = await Promise.all([getMembersPage(actor), getRequireApproval(actor)]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-ink-900">Members of {actor.workspace.name}</h1>
        <p className="mt-1 text-sm text-ink-500">
          Owners manage members and settings; editors create, edit and run paid steps; reviewers read, comment and approve.
        </p>
      </div>
      <MembersManager
        me={{ userId: actor.user.id, role: actor.role }}
        canManage={can(actor, "members.manage")}
        members={page.members}
        invitations={page.invitations}
        smtp={page.smtp}
      />
      <RequireApprovalSetting initial={requireApproval} canChange={can(actor, "members.manage")} />
    </div>
  );
}
