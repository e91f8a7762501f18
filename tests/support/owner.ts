import type { Actor } from "@/lib/auth/actor";

/** The owner of one workspace, as a session would give it (no side effects: usable with the actor cache on). */
export const ownerOf = (workspace: string, extra: Partial<Actor> = {}): Actor => ({
  user: { id: "u1", name: "Ada", email: "ada@example.test" },
  workspace: { id: workspace, name: workspace },
  role: "owner",
  workspaces: [{ id: workspace, name: workspace, role: "owner" }],
  sessionId: "s1",
  ...extra,
});
