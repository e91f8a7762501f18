import "server-only";
import { getDb } from "@/lib/db";
import { getStoryboardVersion, listStoryboardVersions, saveStoryboard as saveStoryboardRow } from "@/lib/db/queries";
import { publishStoryEvent } from "@/lib/live/bus";
import { DomainError } from "./errors";
import { withIds } from "./model";

/**
 * Version history: every saved version with when and why, one version's storyboard, and restoring an old version
 * as a NEW version (source "restore"; nothing is rewritten). Comparing two versions is lib/stories/version-diff.ts.
 */

export type VersionSummary = { version: number; source: string; createdAt: string; author?: string | null };

export async function listVersions(storyId: string): Promise<VersionSummary[]> {
  const rows = await listStoryboardVersions(await getDb(), storyId);
  return rows.map((r) => {
    // An author column may exist (activity timeline); shown only when it does.
    const author = (r as Record<string, unknown>).author;
    return { version: r.version, source: r.source, createdAt: r.createdAt.toISOString(), ...(typeof author === "string" ? { author } : {}) };
  });
}

export async function versionStoryboard(storyId: string, version: number) {
  const row = await getStoryboardVersion(await getDb(), storyId, version);
  if (!row) throw new DomainError("not_found", `Version ${version} of this storyboard does not exist.`);
  return { version: row.version, source: row.source, createdAt: row.createdAt.toISOString(), storyboard: withIds(row.storyboard) };
}

/** Restores `version` as a new version on top of `baseVersion` (the version the editor shows). */
export async function restoreVersion(args: { storyId: string; version: number; baseVersion: number; by?: string }) {
  const db = await getDb();
  const old = await getStoryboardVersion(db, args.storyId, args.version);
  if (!old) throw new DomainError("not_found", `Version ${args.version} of this storyboard does not exist.`);
  const result = await saveStoryboardRow(db, { id: args.storyId, baseVersion: args.baseVersion, storyboard: old.storyboard, source: "restore" });
  if (result.ok) {
    await publishStoryEvent({ storyId: args.storyId, type: "saved", by: args.by });
    return { version: result.version, restored: args.version, savedAt: result.updatedAt.toISOString(), storyboard: withIds(old.storyboard) };
  }
  if (result.reason === "not_found") throw new DomainError("not_found", "This story no longer exists.");
  throw new DomainError("conflict", `Someone saved this storyboard meanwhile (now version ${result.current.version}). Reload, then restore again.`, {
    details: { version: result.current.version, storyboard: result.current.storyboard, savedAt: result.current.updatedAt.toISOString() },
  });
}
