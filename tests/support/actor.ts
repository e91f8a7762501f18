import type { Actor } from "@/lib/auth/actor";

/**
 * For tests that call route handlers directly (no browser, no session cookie): a signed-in owner of one workspace.
 * Use with `vi.mock("@/lib/auth/actor", async () => (await import("../support/actor")).actorModule)` and create the
 * stories under test in `testActor.workspace.id` (ensureTestWorkspace() first). Sessions themselves are covered by
 * tests/auth (permission matrix, first run) and the e2e.
 */
// The status route's per-session actor cache reads the request's cookie; these tests have no request scope.
process.env.ACTOR_CACHE_MS = "0";

export const testActor: Actor = {
  user: { id: "test-user", name: "Test Owner", email: "owner@test.local" },
  workspace: { id: "test-workspace", name: "Test workspace" },
  role: "owner",
  workspaces: [{ id: "test-workspace", name: "Test workspace", role: "owner" }],
  sessionId: "test-session",
};

export const actorModule = {
  getActor: async () => testActor,
  getSignedIn: async () => ({ user: testActor.user, sessionId: testActor.sessionId, activeWorkspaceId: testActor.workspace.id }),
  actorFrom: () => testActor,
};

/** The test actor's workspace in the current database (idempotent), so stories may belong to it. */
export async function ensureTestWorkspace(): Promise<string> {
  const { getDb } = await import("@/lib/db");
  const schema = await import("@/lib/db/schema");
  await (await getDb())
    .insert(schema.organization)
    .values({ id: testActor.workspace.id, name: testActor.workspace.name, slug: testActor.workspace.id })
    .onConflictDoNothing();
  return testActor.workspace.id;
}
