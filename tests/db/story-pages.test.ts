import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/lib/db/open";
import { organization } from "@/lib/db/schema";
import { createStory, listStories } from "@/lib/db/queries";

/** The dashboard lists pages (issue 11): every story reachable once, newest first, whatever the workspace's size. */

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await openDatabase({ migrate: true });
  await opened.db.insert(organization).values([
    { id: "ws-a", name: "A", slug: "a" },
    { id: "ws-b", name: "B", slug: "b" },
  ]);
});

afterAll(async () => {
  await opened?.close();
});

describe("story pages", () => {
  it("pages through every story of the workspace once, newest first; a foreign or unknown cursor is the first page", async () => {
    const db = opened.db;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createStory(db, { mode: "advanced", title: `A${i}`, workspaceId: "ws-a" })).id);
    const foreign = (await createStory(db, { mode: "advanced", title: "B", workspaceId: "ws-b" })).id;

    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const rows = await listStories(db, { workspaceId: "ws-a", limit: 3, before });
      seen.push(...rows.map((r) => r.id));
      if (rows.length < 3) break;
      before = rows[rows.length - 1].id;
    }
    expect(seen).toEqual([...ids].reverse());

    const first = (await listStories(db, { workspaceId: "ws-a", limit: 3 })).map((r) => r.id);
    expect((await listStories(db, { workspaceId: "ws-a", limit: 3, before: foreign })).map((r) => r.id)).toEqual(first);
    expect((await listStories(db, { workspaceId: "ws-a", limit: 3, before: crypto.randomUUID() })).map((r) => r.id)).toEqual(first);
  });
});
