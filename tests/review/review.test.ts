import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import type { Storyboard } from "@/lib/validation/storyboard";
import { startAppEnv } from "../support/app-env";
import { countRequests, sim } from "../lifecycle/helpers";

/**
 * Review before rendering, through the actor-aware services: approvals of specific content (out of date when the
 * scene changes), comments and approvals stay with their scene by id, the render gate (refused before anything is
 * sent; an owner's override is recorded), and the guest link's scope.
 */

vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: () => {} }));

let env: Awaited<ReturnType<typeof startAppEnv>>;
let review: typeof import("@/lib/services/review");
let stories: typeof import("@/lib/services/stories");
let q: typeof import("@/lib/db/queries");
let db: Awaited<ReturnType<typeof import("@/lib/db").getDb>>;
let workspaceId: string;
const actors = {} as Record<Role, Actor>;

beforeAll(async () => {
  env = await startAppEnv({ refreshMs: 60_000 });
  review = await import("@/lib/services/review");
  stories = await import("@/lib/services/stories");
  q = await import("@/lib/db/queries");
  db = await (await import("@/lib/db")).getDb();
  const schema = await import("@/lib/db/schema");
  workspaceId = crypto.randomUUID();
  await db.insert(schema.organization).values({ id: workspaceId, name: "Studio", slug: `studio-${workspaceId}` });
  for (const role of ["owner", "editor", "reviewer"] as Role[]) {
    const id = crypto.randomUUID();
    const name = { owner: "Olga", editor: "Ed", reviewer: "Rita" }[role];
    await db.insert(schema.user).values({ id, name, email: `${role}-${id}@x.test` });
    await db.insert(schema.member).values({ id: crypto.randomUUID(), organizationId: workspaceId, userId: id, role });
    actors[role] = { user: { id, name, email: `${role}@x.test` }, workspace: { id: workspaceId, name: "Studio" }, role, workspaces: [], sessionId: "s" };
  }
});

afterAll(async () => {
  await env?.stop();
});

const scene = (id: string, name: string, narrator: string, image = `https://img.test/${id}.png`) => ({
  id,
  name,
  image_description: `${name} picture`,
  video_description: "pan",
  narrator,
  image_url: image,
});
const board = (scenes: ReturnType<typeof scene>[]): Storyboard => ({
  characters: [{ id: "c-ada", name: "Ada", description: "A sailor", image_url: "" }],
  environments: [],
  objects: [],
  music: { description: "waves", lyrics: "" },
  scenes,
});
const three = () => board([scene("s-1", "Dawn", "one"), scene("s-2", "Storm", "two"), scene("s-3", "Calm", "three")]);

async function makeStory(b: Storyboard = three(), opts: { vimmerseId?: string; workspace?: string } = {}) {
  return q.createStory(db, { mode: "advanced", title: "Harbour", storyboard: b, status: "ready", vimmerseId: opts.vimmerseId, workspaceId: opts.workspace ?? workspaceId });
}

async function save(storyId: string, next: Storyboard) {
  const row = (await q.getStory(db, storyId))!;
  return stories.saveStoryboard(actors.editor, { storyId, baseVersion: row.version, storyboard: next });
}

describe("approvals are of specific content", () => {
  it("an approval goes out of date when the scene's text changes, and says so; approving again makes it current", async () => {
    const s = await makeStory();
    await review.reviewItem(actors.reviewer, { storyId: s.id, itemId: "s-2", decision: "approved" });
    let view = await review.getReview(actors.reviewer, s.id);
    expect(view.items["s-2"]).toMatchObject({ state: "approved", outOfDate: false, by: "Rita" });
    expect(view.summary).toMatchObject({ scenes: 3, approved: 1 });

    const b = three();
    b.scenes[1].narrator = "two, rewritten";
    await save(s.id, b);
    view = await review.getReview(actors.reviewer, s.id);
    expect(view.items["s-2"]).toMatchObject({ state: "approved", outOfDate: true, changed: ["text"] });
    expect(view.summary.approved).toBe(0);
    expect(view.gate.unapproved.map((u) => u.id)).toEqual(["s-1", "s-2", "s-3"]);

    await review.reviewItem(actors.reviewer, { storyId: s.id, itemId: "s-2", decision: "approved" });
    expect((await review.getReview(actors.reviewer, s.id)).items["s-2"]).toMatchObject({ outOfDate: false });
  });

  it("a new image puts the approval out of date with 'image' as what changed; renaming the scene does not", async () => {
    const s = await makeStory();
    await review.reviewItem(actors.editor, { storyId: s.id, itemId: "s-1", decision: "approved" });
    const renamed = three();
    renamed.scenes[0].name = "Sunrise";
    await save(s.id, renamed);
    expect((await review.getReview(actors.editor, s.id)).items["s-1"]).toMatchObject({ outOfDate: false });
    const reimaged = structuredClone(renamed);
    reimaged.scenes[0].image_url = "https://img.test/new.png";
    await save(s.id, reimaged);
    expect((await review.getReview(actors.editor, s.id)).items["s-1"]).toMatchObject({ outOfDate: true, changed: ["image"] });
  });

  it("the cast & sound item goes out of date when the music changes", async () => {
    const s = await makeStory();
    await review.reviewItem(actors.reviewer, { storyId: s.id, itemId: "cast", decision: "approved" });
    const b = three();
    b.music.description = "a storm at sea";
    await save(s.id, b);
    expect((await review.getReview(actors.reviewer, s.id)).items.cast).toMatchObject({ outOfDate: true, changed: ["text"] });
  });
});

describe("comments and approvals stay with their scene", () => {
  it("reorder, rename and removal of other scenes keep every comment and approval on its scene", async () => {
    const s = await makeStory();
    await review.reviewItem(actors.reviewer, { storyId: s.id, itemId: "s-3", decision: "approved" });
    await review.reviewItem(actors.reviewer, { storyId: s.id, itemId: "s-2", decision: "changes_requested" });
    await review.addComment(actors.reviewer, { storyId: s.id, itemId: "s-3", body: "Lovely calm, @Ed" });
    await review.addComment(actors.reviewer, { storyId: s.id, itemId: "s-2", body: "Storm too quiet" });

    // Scene 1 removed, the others swapped and renamed.
    const b = three();
    const [, two, threeScene] = b.scenes;
    await save(s.id, { ...b, scenes: [{ ...threeScene, name: "Calm (final)" }, { ...two, name: "Storm!" }] });

    const view = await review.getReview(actors.reviewer, s.id);
    expect(view.items["s-3"]).toMatchObject({ state: "approved", outOfDate: false });
    expect(view.items["s-2"]).toMatchObject({ state: "changes_requested" });
    expect(view.items["s-1"]).toBeUndefined();
    expect(view.comments.map((c) => [c.itemId, c.body])).toEqual([
      ["s-3", "Lovely calm, @Ed"],
      ["s-2", "Storm too quiet"],
    ]);
    expect(view.summary).toEqual({ scenes: 2, approved: 1, changesRequested: 1, outOfDate: 0, pending: 0 });
  });

  it("edit and delete only your own comment; resolve and reopen anyone's; open counts follow", async () => {
    const s = await makeStory();
    const { commentId } = await review.addComment(actors.reviewer, { storyId: s.id, itemId: "s-1", body: "Brighter?" });
    await expect(review.editComment(actors.editor, { commentId, body: "hijack" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(review.deleteComment(actors.editor, { commentId })).rejects.toMatchObject({ code: "forbidden" });
    await review.editComment(actors.reviewer, { commentId, body: "Brighter, please" });
    await review.resolveComment(actors.editor, { commentId, resolved: true });
    expect((await review.reviewSummaries(actors.owner, [s.id]))[s.id].openComments).toBe(0);
    await review.resolveComment(actors.editor, { commentId, resolved: false });
    expect((await review.reviewSummaries(actors.owner, [s.id]))[s.id].openComments).toBe(1);
    const view = await review.getReview(actors.reviewer, s.id);
    expect(view.comments[0]).toMatchObject({ body: "Brighter, please", edited: true, resolved: false, mine: true });
    await review.deleteComment(actors.reviewer, { commentId });
    expect((await review.getReview(actors.reviewer, s.id)).comments).toEqual([]);
  });

  it("a comment on a scene that is not in the story is refused", async () => {
    const s = await makeStory();
    await expect(review.addComment(actors.reviewer, { storyId: s.id, itemId: "s-9", body: "?" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the render gate", () => {
  it("refuses step 3 with unapproved scenes and sends nothing upstream; an owner's override is recorded and goes through", async () => {
    const s = await makeStory(three(), { vimmerseId: `vm-${crypto.randomUUID()}` });
    await review.reviewItem(actors.reviewer, { storyId: s.id, itemId: "s-1", decision: "approved" });
    await sim(env.sim, "DELETE", "/requests");
    const { stepDefaults } = await import("@/lib/stories/defaults");
    const input = { step: "videos" as const, storyId: s.id, requestId: crypto.randomUUID(), options: stepDefaults({}, "").videos };
    await expect(stories.runStep(actors.editor, input)).rejects.toMatchObject({ code: "validation", extra: { kind: "approval_required" } });
    await expect(stories.runStep(actors.owner, { ...input, step: "concat", options: {} } as never)).rejects.toMatchObject({ extra: { kind: "approval_required" } });
    // An editor may not override.
    await expect(stories.runStep(actors.editor, { ...input, overrideGate: true })).rejects.toMatchObject({ code: "forbidden" });
    expect(await countRequests(env.sim, "POST", /./)).toBe(0);
    expect(await q.listAttempts(db, s.id)).toEqual([]);

    // The owner overrides on purpose: recorded with who and which scenes were unapproved, then the step is sent.
    await stories.runStep(actors.owner, { ...input, overrideGate: true }).catch(() => undefined); // upstream: unknown story
    const activity = await review.getActivity(actors.owner, s.id);
    const override = activity.find((e) => e.kind === "override");
    expect(override).toMatchObject({ who: "Olga", detail: { step: "videos", unapproved: [{ id: "s-2", number: 2 }, { id: "s-3", number: 3 }] } });
    expect(await countRequests(env.sim, "POST", /videos/)).toBe(1);
  });

  it("opens when every scene is approved and current, and when an owner turns the setting off", async () => {
    const s = await makeStory();
    for (const id of ["s-1", "s-2", "s-3"]) await review.reviewItem(actors.reviewer, { storyId: s.id, itemId: id, decision: "approved" });
    expect((await review.getReview(actors.editor, s.id)).gate).toMatchObject({ required: true, open: true, unapproved: [] });
    const other = await makeStory();
    expect((await review.getReview(actors.editor, other.id)).gate.open).toBe(false);
    await expect(review.setRequireApproval(actors.editor, { on: false })).rejects.toMatchObject({ code: "forbidden" });
    await review.setRequireApproval(actors.owner, { on: false });
    expect((await review.getReview(actors.editor, other.id)).gate).toMatchObject({ required: false, open: true });
    await review.setRequireApproval(actors.owner, { on: true });
  });
});

describe("review links", () => {
  it("a guest reaches exactly one story: reads its board, comments and approves there, and nothing of another story", async () => {
    const a = await makeStory();
    const b = await makeStory(board([scene("b-1", "Other", "secret words")]));
    const { path } = await review.createReviewLink(actors.editor, { storyId: a.id, days: 7 });
    const token = path.split("/").pop()!;
    const view = await review.getGuestReview(token);
    expect(view.scenes.map((x) => x.id)).toEqual(["s-1", "s-2", "s-3"]);
    expect(JSON.stringify(view)).not.toContain("secret words");

    await review.guestComment({ token, name: "Client Carla", itemId: "s-2", body: "Love it" });
    await review.guestReviewItem({ token, name: "Client Carla", itemId: "s-2", decision: "approved" });
    const member = await review.getReview(actors.editor, a.id);
    expect(member.items["s-2"]).toMatchObject({ state: "approved", by: "Client Carla" });
    expect(member.comments).toMatchObject([{ author: "Client Carla", isGuest: true, body: "Love it" }]);

    // The token of story A used on story B's scene: refused, nothing written to B.
    await expect(review.guestReviewItem({ token, name: "Carla", itemId: "b-1", decision: "approved" })).rejects.toMatchObject({ code: "not_found" });
    await expect(review.guestComment({ token, name: "Carla", itemId: "b-1", body: "x" })).rejects.toMatchObject({ code: "not_found" });
    expect((await review.getReview(actors.editor, b.id)).items["b-1"].state).toBe("pending");
    expect((await review.getReview(actors.editor, b.id)).comments).toEqual([]);
    // Only the hash of the token is stored.
    expect(JSON.stringify(await db.execute("select * from review_links" as never))).not.toContain(token);
  });

  it("a revoked or expired link no longer works; a reviewer cannot make links", async () => {
    const s = await makeStory();
    const { path } = await review.createReviewLink(actors.owner, { storyId: s.id, days: 1 });
    const token = path.split("/").pop()!;
    await expect(review.createReviewLink(actors.reviewer, { storyId: s.id, days: 1 })).rejects.toMatchObject({ code: "forbidden" });
    const [link] = (await review.getReview(actors.owner, s.id)).links;
    expect(link.live).toBe(true);
    await review.revokeReviewLink(actors.owner, { storyId: s.id, linkId: link.id });
    await expect(review.getGuestReview(token)).rejects.toMatchObject({ code: "not_found", message: review.LINK_GONE });
    await expect(review.guestComment({ token, name: "Carla", itemId: null, body: "hello?" })).rejects.toMatchObject({ message: review.LINK_GONE });

    const { path: p2 } = await review.createReviewLink(actors.owner, { storyId: s.id, days: 1 });
    await db.execute(`update review_links set expires_at = now() - interval '1 minute' where revoked_at is null` as never);
    await expect(review.getGuestReview(p2.split("/").pop()!)).rejects.toMatchObject({ message: review.LINK_GONE });
    await expect(review.getGuestReview("0".repeat(64))).rejects.toMatchObject({ message: review.LINK_GONE });
  });
});

describe("activity", () => {
  it("one timeline: edits by version and author, approvals, comments", async () => {
    const s = await makeStory();
    const b = three();
    b.scenes[0].narrator = "edited";
    await save(s.id, b);
    await review.reviewItem(actors.reviewer, { storyId: s.id, itemId: "s-1", decision: "changes_requested" });
    await review.addComment(actors.reviewer, { storyId: s.id, itemId: null, body: "Overall nice" });
    const activity = await review.getActivity(actors.reviewer, s.id);
    expect(activity.map((e) => [e.kind, e.who])).toEqual(
      expect.arrayContaining([["edit", "Ed"], ["review", "Rita"], ["comment", "Rita"]]),
    );
    expect(activity.find((e) => e.kind === "edit" && e.who === "Ed")!.detail).toMatchObject({ version: 2, source: "edit" });
  });
});
