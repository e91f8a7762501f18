import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { backends } from "../db/databases";
import { startAppEnv } from "../support/app-env";

/**
 * THE permission matrix: every server action and route handler x {signed out, reviewer, editor, owner, owner of
 * another workspace}, generated from one table. Allowed calls succeed; refused ones answer a typed refusal with no
 * data in it and change nothing in the database. Runs on PGlite and (TEST_DATABASE_URL) PostgreSQL.
 */

// The request's headers/cookies, as Next would give them to the code under test.
const request = { cookie: "" };
vi.mock("next/headers", () => ({
  headers: async () => new Headers(request.cookie ? { cookie: request.cookie } : {}),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: () => {} }));

type Who = "signedOut" | "reviewer" | "editor" | "owner" | "otherOwner";
const WHO: Who[] = ["signedOut", "reviewer", "editor", "owner", "otherOwner"];
const SECRET = "matrix-secret-idea";

type Answer = { ok: boolean; status?: number; body: unknown };
type Row = { name: string; allowed: Who[]; call: (f: Fixture, who: Who) => Promise<() => Promise<Answer>> };
type Fixture = Awaited<ReturnType<typeof setUp>>;

const action = async (p: Promise<{ ok: boolean }>): Promise<Answer> => {
  const r = await p;
  return { ok: r.ok, body: r };
};
const route = async (p: Promise<Response> | Response): Promise<Answer> => {
  const res = await p;
  const text = await res.text();
  return { ok: res.status < 400, status: res.status, body: text };
};
/** A server-sent event stream: allowed = 200 text/event-stream (its first chunk is read, then the page goes away). */
const stream = async (open: (signal: AbortSignal) => Promise<Response> | Response): Promise<Answer> => {
  const controller = new AbortController();
  const res = await open(controller.signal);
  const isStream = res.status === 200 && /^text\/event-stream/.test(res.headers.get("content-type") ?? "");
  let body: string;
  if (isStream) {
    const reader = res.body!.getReader();
    body = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await reader.cancel().catch(() => {});
  } else body = await res.text();
  return { ok: isStream, status: res.status, body };
};
const params = <T,>(value: T) => ({ params: Promise.resolve(value) });
const url = (path: string) => new Request(`http://app.test${path}`);

function payloadForm(payload: Record<string, unknown>) {
  const form = new FormData();
  form.set("payload", JSON.stringify(payload));
  return form;
}

const EVERY_MEMBER: Who[] = ["reviewer", "editor", "owner"];
/** A tiny PNG (its magic number is what the upload route checks). */
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const WRITERS: Who[] = ["editor", "owner"];
/** Things done in one's own workspace: the other workspace's owner may do them there. */
const WRITERS_ANYWHERE: Who[] = ["editor", "owner", "otherOwner"];

/** ONE table: what each caller may do. `call` prepares its target, then returns the call itself. */
const MATRIX: Row[] = [
  // Server actions: stories and steps (lib/actions/stories.ts, steps.ts)
  { name: "action createStory", allowed: WRITERS_ANYWHERE, call: async (f) => () => action(f.actions.stories.createStory(payloadForm({ ...f.newStory(), idea: "A lantern festival" }))) },
  { name: "action createVideoFromIdea", allowed: WRITERS_ANYWHERE, call: async (f) => () => action(f.actions.stories.createVideoFromIdea(payloadForm({ ...f.ideaForm(), idea: "A kite festival" }))) },
  { name: "action createVideoFromImages", allowed: WRITERS_ANYWHERE, call: async (f) => () => action(f.actions.stories.createVideoFromImages(payloadForm({ ...f.imagesForm(), imageUrls: [{ url: "https://example.com/a.jpg" }] }))) },
  { name: "action saveStoryboard", allowed: WRITERS, call: async (f) => { const s = await f.story(); return () => action(f.actions.stories.saveStoryboard({ storyId: s.id, baseVersion: s.version, storyboard: f.board("edited") })); } },
  { name: "action renameStory", allowed: WRITERS, call: async (f) => { const s = await f.story(); return () => action(f.actions.stories.renameStory({ storyId: s.id, title: "Renamed" })); } },
  { name: "action removeStory", allowed: WRITERS, call: async (f) => { const s = await f.story(); return () => action(f.actions.stories.removeStory({ storyId: s.id })); } },
  { name: "action duplicateStory", allowed: WRITERS, call: async (f) => { const s = await f.story(); return () => action(f.actions.stories.duplicateStory({ storyId: s.id, requestId: crypto.randomUUID() })); } },
  { name: "action importStoryboard", allowed: WRITERS_ANYWHERE, call: async (f) => () => action(f.actions.stories.importStoryboard({ requestId: crypto.randomUUID(), text: JSON.stringify({ format: "storyboard-studio/storyboard", version: 1, title: "Imported", storyboard: f.board("imported") }) })) },
  { name: "action runStep", allowed: WRITERS, call: async (f, who) => { const s = await f.readyStory(who); return () => action(f.actions.steps.runStep({ step: "elements", storyId: s.id, requestId: crypto.randomUUID(), options: f.elementsOptions })); } },
  { name: "action regenerateScene", allowed: WRITERS, call: async (f, who) => { const s = await f.readyStory(who); return () => action(f.actions.steps.regenerateScene({ storyId: s.id, sceneId: (s.storyboard as { scenes: { id: string }[] }).scenes[0].id, requestId: crypto.randomUUID(), options: f.scenesOptions })); } },
  { name: "action restoreVersion", allowed: WRITERS, call: async (f) => { const s = await f.story(); return () => action(f.actions.history.restoreVersion({ storyId: s.id, version: 1, baseVersion: s.version })); } },
  // Server actions: lifecycle (lib/actions/lifecycle.ts)
  { name: "action recheckStory", allowed: WRITERS, call: async (f, who) => { const s = await f.readyStory(who); return () => action(f.actions.lifecycle.recheckStory({ storyId: s.id })); } },
  { name: "action resetStep", allowed: WRITERS, call: async (f) => { const s = await f.failedStep(); return () => action(f.actions.lifecycle.resetStep({ storyId: s.id })); } },
  { name: "action retryStory", allowed: WRITERS, call: async (f) => { const s = await f.failedStart(); return () => action(f.actions.lifecycle.retryStory({ storyId: s.id, requestId: crypto.randomUUID() })); } },
  // Server actions: members and workspaces (lib/actions/teams.ts)
  { name: "action inviteMember", allowed: ["owner", "otherOwner"], call: async (f) => () => action(f.actions.teams.inviteMember({ email: `new-${crypto.randomUUID()}@example.test`, role: "editor" })) },
  { name: "action cancelInvitation", allowed: ["owner"], call: async (f) => { const id = await f.invitation("someone@example.test"); return () => action(f.actions.teams.cancelInvitation({ invitationId: id })); } },
  { name: "action changeRole", allowed: ["owner"], call: async (f) => () => action(f.actions.teams.changeRole({ memberId: f.spareMemberId, role: "editor" })) },
  { name: "action removeMember", allowed: ["owner"], call: async (f) => () => action(f.actions.teams.removeMember({ memberId: f.spareMemberId })) },
  { name: "action issueResetLink", allowed: ["owner"], call: async (f) => () => action(f.actions.teams.issueResetLink({ memberId: f.spareMemberId })) },
  // The last owner cannot leave: owners are refused here (each is the only owner of their workspace).
  { name: "action leaveWorkspace", allowed: ["reviewer", "editor"], call: async (f) => () => action(f.actions.teams.leaveWorkspace({})) },
  { name: "action acceptInvitation (someone else's)", allowed: [], call: async (f) => { const id = await f.invitation("someone-else@example.test"); return () => action(f.actions.teams.acceptInvitation({ invitationId: id })); } },
  { name: "action switchWorkspace (to workspace A)", allowed: EVERY_MEMBER, call: async (f) => () => action(f.actions.teams.switchWorkspace({ workspaceId: f.workspaceA })) },
  { name: "action createWorkspace", allowed: ["reviewer", "editor", "owner", "otherOwner"], call: async (f) => () => action(f.actions.teams.createWorkspace({ name: "Side project" })) },
  // Review before rendering (issue 8): lib/actions/review.ts and its routes
  { name: "action reviewItem", allowed: EVERY_MEMBER, call: async (f) => { const s = await f.story(); return () => action(f.actions.review.reviewItem({ storyId: s.id, itemId: f.sceneId(s), decision: "approved" })); } },
  { name: "action addComment", allowed: EVERY_MEMBER, call: async (f) => { const s = await f.story(); return () => action(f.actions.review.addComment({ storyId: s.id, itemId: f.sceneId(s), body: "Nice" })); } },
  { name: "action editComment (own)", allowed: EVERY_MEMBER, call: async (f, who) => { const id = await f.comment(who); return () => action(f.actions.review.editComment({ commentId: id, body: "Edited" })); } },
  { name: "action editComment (someone else's)", allowed: [], call: async (f) => { const id = await f.comment("spare"); return () => action(f.actions.review.editComment({ commentId: id, body: "Edited" })); } },
  { name: "action deleteComment (own)", allowed: EVERY_MEMBER, call: async (f, who) => { const id = await f.comment(who); return () => action(f.actions.review.deleteComment({ commentId: id })); } },
  { name: "action deleteComment (someone else's)", allowed: [], call: async (f) => { const id = await f.comment("spare"); return () => action(f.actions.review.deleteComment({ commentId: id })); } },
  { name: "action resolveComment", allowed: EVERY_MEMBER, call: async (f) => { const id = await f.comment("spare"); return () => action(f.actions.review.resolveComment({ commentId: id, resolved: true })); } },
  { name: "action setRequireApproval", allowed: ["owner", "otherOwner"], call: async (f) => () => action(f.actions.review.setRequireApproval({ on: true })) },
  { name: "action createReviewLink", allowed: WRITERS, call: async (f) => { const s = await f.story(); return () => action(f.actions.review.createReviewLink({ storyId: s.id, days: 7 })); } },
  { name: "action revokeReviewLink", allowed: WRITERS, call: async (f) => { const s = await f.story(); const { linkId } = await f.reviewLink(s.id); return () => action(f.actions.review.revokeReviewLink({ storyId: s.id, linkId })); } },
  { name: "action runStep videos (scenes not approved: the gate)", allowed: [], call: async (f) => { const s = await f.story(); return () => action(f.actions.steps.runStep({ step: "videos", storyId: s.id, requestId: crypto.randomUUID(), options: f.videosOptions })); } },
  // A guest's token opens exactly one story: with or without a session, only that story's items.
  { name: "action guestComment (the link's story)", allowed: WHO, call: async (f) => { const s = await f.story(); const { token } = await f.reviewLink(s.id); return () => action(f.actions.review.guestComment({ token, name: "Guest", itemId: f.sceneId(s), body: "Hi" })); } },
  { name: "action guestReviewItem (the link's story)", allowed: WHO, call: async (f) => { const s = await f.story(); const { token } = await f.reviewLink(s.id); return () => action(f.actions.review.guestReviewItem({ token, name: "Guest", itemId: f.sceneId(s), decision: "approved" })); } },
  { name: "action guestReviewItem (story A's token on story B)", allowed: [], call: async (f) => { const a = await f.story(); const b = await f.story(); const { token } = await f.reviewLink(a.id); return () => action(f.actions.review.guestReviewItem({ token, name: "Guest", itemId: f.sceneId(b), decision: "approved" })); } },
  { name: "action guestComment (story A's token on story B)", allowed: [], call: async (f) => { const a = await f.story(); const b = await f.story(); const { token } = await f.reviewLink(a.id); return () => action(f.actions.review.guestComment({ token, name: "Guest", itemId: f.sceneId(b), body: "Hi" })); } },
  { name: "action guestComment (revoked link)", allowed: [], call: async (f) => { const s = await f.story(); const { token } = await f.reviewLink(s.id, { revoked: true }); return () => action(f.actions.review.guestComment({ token, name: "Guest", itemId: null, body: "Hi" })); } },
  { name: "GET /api/stories/[id]/review", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.review.GET(url(`/api/stories/${id}/review`), params({ id }))); } },
  { name: "GET /api/stories/[id]/activity", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.activity.GET(url(`/api/stories/${id}/activity`), params({ id }))); } },
  // Route handlers
  { name: "GET /api/stories/[id]/status", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.status.GET(url(`/api/stories/${id}/status`), params({ id }))); } },
  { name: "GET /api/stories/[id]/storyboard", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.storyboard.GET(url(`/api/stories/${id}/storyboard`), params({ id }))); } },
  { name: "GET /api/stories/[id]/events (server-sent events)", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => stream((signal) => f.routes.events.GET(new Request(`http://app.test/api/stories/${id}/events`, { signal }), params({ id }))); } },
  { name: "POST /api/stories/[id]/presence", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.presence.POST(new Request(`http://app.test/api/stories/${id}/presence`, { method: "POST", body: JSON.stringify({ client: crypto.randomUUID(), sceneId: null }) }), params({ id }))); } },
  { name: "GET /api/stories/[id]/versions", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.versions.GET(url(`/api/stories/${id}/versions`), params({ id }))); } },
  { name: "GET /api/stories/[id]/versions/[version]", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.version.GET(url(`/api/stories/${id}/versions/1`), params({ id, version: "1" }))); } },
  { name: "GET /api/stories/[id]/video", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story({ video: true }); return () => route(f.routes.video.GET(url(`/api/stories/${id}/video`), params({ id }))); } },
  { name: "GET /api/stories/[id]/export", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.exportFile.GET(url(`/api/stories/${id}/export`), params({ id }))); } },
  { name: "GET /api/stories/[id]/pdf", allowed: EVERY_MEMBER, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.pdf.GET(url(`/api/stories/${id}/pdf`), params({ id }))); } },
  { name: "GET /api/demo-media/[...path] (signed in)", allowed: ["reviewer", "editor", "owner", "otherOwner"], call: async (f) => async () => { const r = await route(f.routes.demoMedia.GET(url("/api/demo-media/media/x.svg"), params({ path: ["media", "x.svg"] }))); return { ...r, ok: r.status !== 401 }; } },
  // Uploads (issue 10 item 3): images for elements and scenes, lib/services/uploads.ts
  { name: "POST /api/stories/[id]/uploads", allowed: WRITERS, call: async (f) => { const { id } = await f.story(); return () => route(f.routes.upload.POST(new Request(`http://app.test/api/stories/${id}/uploads`, { method: "POST", body: PNG_BYTES }), params({ id }))); } },
  { name: "GET /api/uploads (upload settings)", allowed: ["reviewer", "editor", "owner", "otherOwner"], call: async (f) => () => route(f.routes.uploads.GET(url("/api/uploads"), undefined)) },
  { name: "GET /api/uploads/[key] (public: Vimmerse fetches it by URL)", allowed: WHO, call: async (f) => { const { key } = await (await import("@/lib/storage")).getStorage().put(PNG_BYTES, "image/png"); return () => route(f.routes.uploadFile.GET(url(`/api/uploads/${key}`), params({ key }))); } },
  { name: "GET /api/health (public)", allowed: WHO, call: async (f) => () => route(f.routes.health.GET(url("/api/health"), undefined)) },
  { name: "POST /api/webhooks/vimmerse/[storyId]/[secret] (wrong secret)", allowed: [], call: async (f) => { const { id } = await f.story(); return () => route(f.routes.webhook.POST(new Request("http://app.test/x", { method: "POST", body: "{}" }), params({ storyId: id, secret: "0".repeat(64) }))); } },
  { name: "GET /api/cron/sweep (a session is not its secret)", allowed: [], call: async (f) => () => route(f.routes.cron.GET(new Request("http://app.test/api/cron/sweep", { headers: { cookie: request.cookie } }), undefined)) },
  { name: "POST /api/auth/organization/update-member-role (Better Auth's, off: lib/services/teams.ts decides)", allowed: [], call: async (f) => () => route(f.routes.auth.POST(new Request("http://app.test/api/auth/organization/update-member-role", { method: "POST", headers: { "content-type": "application/json", origin: "http://app.test", cookie: request.cookie }, body: JSON.stringify({ memberId: f.spareMemberId, role: "editor", organizationId: f.workspaceA }) }), undefined)) },
];

async function setUp() {
  const { getDb } = await import("@/lib/db");
  const q = await import("@/lib/db/queries");
  const schema = await import("@/lib/db/schema");
  const { getAuth } = await import("@/lib/auth/server");
  const { newStoryDefaults } = await import("@/lib/validation/new-story");
  const { ideaToVideoDefaults, imagesToVideoDefaults } = await import("@/lib/validation/auto");
  const db = await getDb();
  const auth = await getAuth();

  const cookies: Partial<Record<Who, string>> = { signedOut: "" };
  const userIds: Partial<Record<Who | "spare", string>> = {};
  const signUp = async (who: Who, email: string) => {
    const res = await auth.api.signUpEmail({ body: { name: who, email, password: "matrix-password" }, asResponse: true });
    expect(res.status, `sign-up of ${who}`).toBe(200);
    cookies[who] = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const id = (await res.json()).user.id as string;
    userIds[who] = id;
    return id;
  };
  const memberRows = async () => db.select().from(schema.member);

  // Workspace A: its owner is the first account (first run); the others join by invitation.
  const ownerId = await signUp("owner", "owner@a.test");
  const [{ workspaceId: workspaceA }] = await (await import("@/lib/db/teams")).listMemberships(db, ownerId);
  const invite = async (email: string, role: string) => {
    const id = crypto.randomUUID();
    await db.insert(schema.invitation).values({ id, organizationId: workspaceA, email, role, status: "pending", expiresAt: new Date(Date.now() + 3600_000), inviterId: ownerId });
    return id;
  };
  const join = async (who: Who, role: string) => {
    const invitationId = await invite(`${who}@a.test`, role);
    const userId = await signUp(who, `${who}@a.test`);
    await db.insert(schema.member).values({ id: crypto.randomUUID(), organizationId: workspaceA, userId, role });
    await db.update(schema.invitation).set({ status: "accepted" }).where(sql`id = ${invitationId}`);
    return userId;
  };
  await join("editor", "editor");
  await join("reviewer", "reviewer");
  const spareId = await join("signedOut", "reviewer"); // a spare member to manage (its cookie is not used)
  cookies.signedOut = "";
  userIds.spare = spareId;
  delete userIds.signedOut;
  const spareMemberId = (await memberRows()).find((m) => m.userId === spareId)!.id;
  // Another workspace's owner: open sign-up gives a workspace of their own.
  process.env.ALLOW_SIGNUP = "true";
  await signUp("otherOwner", "owner@b.test");
  delete process.env.ALLOW_SIGNUP;

  const homes = new Map((await db.select().from(schema.session)).map((s) => [s.id, s.activeOrganizationId]));
  const members = await memberRows();

  const board = (text: string) => ({
    characters: [{ name: "Ada", description: "A sailor", image_url: "" }],
    environments: [],
    objects: [],
    music: { description: "waves", lyrics: "" },
    scenes: [{ name: "One", image_description: "the sea", video_description: "pan", narrator: text, image_url: "" }],
  });
  const actions = {
    stories: await import("@/lib/actions/stories"),
    steps: await import("@/lib/actions/steps"),
    teams: await import("@/lib/actions/teams"),
    lifecycle: await import("@/lib/actions/lifecycle"),
    history: await import("@/lib/actions/history"),
    review: await import("@/lib/actions/review"),
  };
  const { defaultStepOptions } = { defaultStepOptions: (await import("@/lib/stories/defaults")).stepDefaults({}, "") };
  const as = (who: Who) => (request.cookie = cookies[who] ?? "");

  const f = {
    db,
    workspaceA,
    spareMemberId,
    actions,
    elementsOptions: defaultStepOptions.elements,
    scenesOptions: defaultStepOptions.scenes,
    routes: {
      status: await import("@/app/api/stories/[id]/status/route"),
      storyboard: await import("@/app/api/stories/[id]/storyboard/route"),
      versions: await import("@/app/api/stories/[id]/versions/route"),
      version: await import("@/app/api/stories/[id]/versions/[version]/route"),
      video: await import("@/app/api/stories/[id]/video/route"),
      events: await import("@/app/api/stories/[id]/events/route"),
      presence: await import("@/app/api/stories/[id]/presence/route"),
      exportFile: await import("@/app/api/stories/[id]/export/route"),
      pdf: await import("@/app/api/stories/[id]/pdf/route"),
      demoMedia: await import("@/app/api/demo-media/[...path]/route"),
      health: await import("@/app/api/health/route"),
      webhook: await import("@/app/api/webhooks/vimmerse/[storyId]/[secret]/route"),
      auth: await import("@/app/api/auth/[...all]/route"),
      cron: await import("@/app/api/cron/sweep/route"),
      review: await import("@/app/api/stories/[id]/review/route"),
      activity: await import("@/app/api/stories/[id]/activity/route"),
      upload: await import("@/app/api/stories/[id]/uploads/route"),
      uploads: await import("@/app/api/uploads/route"),
      uploadFile: await import("@/app/api/uploads/[key]/route"),
    },
    videosOptions: defaultStepOptions.videos,
    sceneId: (s: { storyboard: unknown }) => (s.storyboard as { scenes: { id: string }[] }).scenes[0].id,
    /** A comment on a story of workspace A, written by `who` (the spare reviewer for callers who are not members). */
    async comment(who: Who | "spare") {
      const s = await f.story();
      const userId = userIds[who] && EVERY_MEMBER.includes(who as Who) ? userIds[who]! : who === "spare" ? userIds.spare! : userIds.reviewer!;
      const [row] = await db.insert(schema.storyComments).values({ storyId: s.id, itemId: f.sceneId(s), userId, body: SECRET }).returning();
      return row.id;
    },
    /** A review link of a story (its token; only the hash is stored). */
    async reviewLink(storyId: string, opts: { revoked?: boolean } = {}) {
      const token = schema.randomHex32();
      const { createHash } = await import("node:crypto");
      const [row] = await db
        .insert(schema.reviewLinks)
        .values({ storyId, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3600_000), revokedAt: opts.revoked ? new Date() : null })
        .returning();
      return { token, linkId: row.id };
    },
    board,
    newStory: () => ({ ...newStoryDefaults() }),
    ideaForm: () => ({ ...ideaToVideoDefaults() }),
    imagesForm: () => ({ ...imagesToVideoDefaults() }),
    /** A story of workspace A with a storyboard (no Vimmerse story), written directly. */
    async story(opts: { video?: boolean } = {}) {
      const row = await q.createStory(db, { mode: "advanced", title: SECRET, idea: SECRET, storyboard: board(SECRET), status: "ready", workspaceId: workspaceA });
      if (opts.video) await q.updateStory(db, row.id, { videoUrl: `${process.env.VIMMERSE_BASE_URL}/media/video/story-16x9.webm` });
      return row;
    },
    /** A story of workspace A whose element step failed (it can be reset to its storyboard). */
    async failedStep() {
      const row = await f.story();
      await q.updateStory(db, row.id, { stage: "elements", status: "failed", error: { kind: "upstream_failed", message: "failed" } });
      return row;
    },
    /** A story of workspace A whose start failed (no storyboard): it can be retried as a new story. */
    async failedStart() {
      const d = newStoryDefaults();
      return q.createStory(db, {
        mode: "advanced",
        title: SECRET,
        idea: SECRET,
        status: "failed",
        stage: "storyboard",
        settings: { sceneCount: 1, language: d.language, aspectRatio: d.aspectRatio, audio: d.audio, elements: null },
        workspaceId: workspaceA,
      });
    },
    /** A story of workspace A that Vimmerse has written (so paid steps can run on it). */
    async readyStory(who: Who) {
      if (!WRITERS.includes(who)) return f.story();
      const saved = request.cookie;
      as("owner");
      const made = await actions.stories.createStory(payloadForm({ ...newStoryDefaults(), idea: SECRET, sceneCount: 1 }));
      request.cookie = saved;
      if (!made.ok) throw new Error(made.error.message);
      const { refreshStory } = await import("@/lib/stories/service");
      await expect.poll(async () => (await refreshStory(made.data.storyId, { force: true }))?.status, { timeout: 20_000 }).toBe("ready");
      return (await q.getStory(db, made.data.storyId))!;
    },
    invitation: (email: string) => invite(email, "editor"),
    as,
    /** Puts memberships and sessions back as set up (allowed calls may have changed them). */
    async restore() {
      for (const m of members) {
        await db.insert(schema.member).values(m).onConflictDoUpdate({ target: schema.member.id, set: { role: m.role } });
      }
      for (const [id, org] of homes) await db.update(schema.session).set({ activeOrganizationId: org }).where(sql`id = ${id}`);
    },
  };
  return f;
}

/** Everything a refused call must leave untouched (sessions aside: reading a session may extend it). */
async function snapshot(db: Fixture["db"]): Promise<string> {
  const tables = ["stories", "storyboard_versions", "step_attempts", "webhook_deliveries", "organization", "member", "invitation", '"user"', "account",
    "review_states", "story_comments", "review_links", "workspace_settings", "story_activity"];
  const out: unknown[] = [];
  for (const t of tables) {
    const res = await db.execute(sql.raw(`select * from ${t} order by 1`));
    out.push(res.rows.map((r) => ({ ...r, refresh_lease_until: undefined, last_refreshed_at: undefined })));
  }
  return JSON.stringify(out);
}

const REFUSALS = new Set(["unauthenticated", "forbidden", "not_found", "validation"]);

for (const backend of backends()) {
  describe(`permission matrix (${backend.name})`, () => {
    let env: Awaited<ReturnType<typeof startAppEnv>>;
    let f: Fixture;
    let pgDatabase: Awaited<ReturnType<typeof backend.create>> | undefined;

    beforeAll(async () => {
      env = await startAppEnv({ refreshMs: 0 });
      if (backend.name === "postgres") {
        // A migrated database of its own; the app's getDb() connects to it through DATABASE_URL.
        pgDatabase = await backend.create();
        process.env.DATABASE_URL = (pgDatabase.db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
      }
      globalThis.__storyboardSimulator = { url: env.sim.url };
      f = await setUp();
    }, 120_000);

    afterAll(async () => {
      (await import("@/lib/auth/server")).resetAuth();
      await (await import("@/lib/live/bus")).closeLiveBus();
      await env?.stop();
      delete process.env.DATABASE_URL;
      await pgDatabase?.close();
    });

    it("every action and route x every caller: allowed ones succeed, the rest leak nothing and change nothing", async () => {
      let calls = 0;
      const leaks: string[] = [];
      for (const row of MATRIX) {
        for (const who of WHO) {
          const allowed = row.allowed.includes(who);
          f.as(who);
          const go = await row.call(f, who);
          const before = allowed ? "" : await snapshot(f.db);
          const answer = await go();
          calls++;
          const label = `${row.name} as ${who}`;
          if (allowed) {
            expect(answer.ok, `${label} should succeed: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(true);
          } else {
            expect(answer.ok, `${label} should be refused`).toBe(false);
            const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
            if (text.includes(SECRET) || /"details"|"data"/.test(text)) leaks.push(`${label}: ${text.slice(0, 200)}`);
            if (!answer.status) {
              const code = (answer.body as { error?: { code?: string } }).error?.code ?? "";
              expect(REFUSALS.has(code), `${label} refused with ${code}`).toBe(true);
            }
            if ((await snapshot(f.db)) !== before) leaks.push(`${label}: the database changed`);
          }
          await f.restore();
        }
      }
      console.log(`[permission matrix ${backend.name}] ${calls} calls, ${leaks.length} leaks`);
      expect(leaks).toEqual([]);
    }, 300_000);
  });
}
