import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/lib/db";

/**
 * An embedded database's memory (issue 11): PostgreSQL's 128 MB of shared buffers were allocated inside PGlite's
 * WASM heap (~140 MiB of an idle server's resident memory); PGlite starts with 16 MB unless PGLITE_SHARED_BUFFERS
 * says otherwise.
 */
describe("PGlite's shared buffers", () => {
  afterEach(() => {
    delete process.env.PGLITE_SHARED_BUFFERS;
  });

  it("are 16 MB by default, PGLITE_SHARED_BUFFERS when set", async () => {
    for (const [setting, expected] of [[undefined, "16MB"], ["32MB", "32MB"]] as const) {
      if (setting) process.env.PGLITE_SHARED_BUFFERS = setting;
      const { db, close } = await openDatabase({ migrate: true });
      try {
        const res = await db.execute<{ shared_buffers: string }>(sql`show shared_buffers`);
        expect(res.rows[0].shared_buffers).toBe(expected);
      } finally {
        await close();
      }
    }
  });
});
