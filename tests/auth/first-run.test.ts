import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppEnv } from "../support/app-env";

vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

/** First run: the first account owns the first workspace and the stories made before accounts; then invitation only. */
describe("first run", () => {
  let env: Awaited<ReturnType<typeof startAppEnv>>;
  beforeAll(async () => {
    env = await startAppEnv({ refreshMs: 60_000 });
  });
  afterAll(async () => {
    (await import("@/lib/auth/server")).resetAuth();
    await env?.stop();
  });

  it("moves earlier stories and their paid attempts into the first workspace; later sign-ups need an invitation", async () => {
    const { getDb } = await import("@/lib/db");
    const q = await import("@/lib/db/queries");
    const teams = await import("@/lib/db/teams");
    const { getAuth } = await import("@/lib/auth/server");
    const db = await getDb();
    const old = await q.createStory(db, { mode: "advanced", title: "Made before accounts" });
    await q.beginAttempt(db, { storyId: old.id, step: "storyboard", idempotencyKey: `storyboard:${old.id}` });
    expect(old.workspaceId).toBeNull();

    const auth = await getAuth();
    const first = await auth.api.signUpEmail({ body: { name: "Ada", email: "ada@example.test", password: "first-password" } });
    const [home] = await teams.listMemberships(db, first.user.id);
    expect(home).toMatchObject({ role: "owner", workspaceName: "Ada's workspace" });
    expect((await q.getStory(db, old.id))?.workspaceId).toBe(home.workspaceId);
    expect((await q.listAttempts(db, old.id))[0].workspaceId).toBe(home.workspaceId);

    await expect(
      auth.api.signUpEmail({ body: { name: "Eve", email: "eve@example.test", password: "second-password" } }),
    ).rejects.toThrow(/invitation only/);
    expect(await teams.countUsers(db)).toBe(1);

    process.env.ALLOW_SIGNUP = "true";
    try {
      const open = await auth.api.signUpEmail({ body: { name: "Bo", email: "bo@example.test", password: "third-password" } });
      const [own] = await teams.listMemberships(db, open.user.id);
      expect(own.workspaceId).not.toBe(home.workspaceId);
      expect((await q.getStory(db, old.id))?.workspaceId).toBe(home.workspaceId);
    } finally {
      delete process.env.ALLOW_SIGNUP;
    }

    // The last owner can neither be demoted, nor removed, nor leave.
    const services = await import("@/lib/services/teams");
    const members = await teams.listMembers(db, home.workspaceId);
    const actor = {
      user: { id: first.user.id, name: "Ada", email: "ada@example.test" },
      workspace: { id: home.workspaceId, name: home.workspaceName },
      role: "owner" as const,
      workspaces: [],
      sessionId: "none",
    };
    const own = members.find((m) => m.userId === first.user.id)!.memberId;
    await expect(services.changeRole(actor, { memberId: own, role: "editor" })).rejects.toThrow(/needs an owner/);
    await expect(services.removeMember(actor, own)).rejects.toThrow(/needs an owner/);
    await expect(services.leaveWorkspace(actor)).rejects.toThrow(/needs an owner/);
    expect(await teams.countOwners(db, home.workspaceId)).toBe(1);
  }, 120_000);
});

describe("BETTER_AUTH_SECRET", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  it("is generated once in development and kept next to the data directory", async () => {
    const { authSecret, devSecretFile } = await import("@/lib/auth/secret");
    const dir = mkdtempSync(path.join(os.tmpdir(), "secret-"));
    try {
      process.env.DATA_DIR = path.join(dir, "pglite");
      delete process.env.BETTER_AUTH_SECRET;
      vi.stubEnv("NODE_ENV", "development");
      const secret = authSecret();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(devSecretFile(), "utf8").trim()).toBe(secret);
      expect(authSecret()).toBe(secret);
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("unset in production stops with a message that says what to set", async () => {
    const { authSecret } = await import("@/lib/auth/secret");
    delete process.env.BETTER_AUTH_SECRET;
    vi.stubEnv("NODE_ENV", "production");
    try {
      expect(() => authSecret()).toThrow(/set BETTER_AUTH_SECRET/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
