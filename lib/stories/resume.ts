import "server-only";
import { getDb } from "@/lib/db";
import { finishAttempt, listActiveStories, listAttempts, updateStory } from "@/lib/db/queries";
import { refreshIntervalMs, vimmerseConnection } from "@/lib/config";
import { refreshStory } from "./service";
import { log } from "@/lib/log";

declare global {
  var __storyboardRefresher: ReturnType<typeof setInterval> | undefined;
}

/**
 * After a restart, requests that were in flight when the process stopped have an unknown outcome: mark them so,
 * never resend them. Then keep refreshing active stories in the background, so a generation finishes in our
 * database even when nobody has the page open (the refresh lease keeps this to one upstream GET per interval).
 */
export async function resumeActiveStories(): Promise<void> {
  const db = await getDb();
  // Only sends older than the request timeout: younger ones may still be in flight on another app instance.
  const cutoff = Date.now() - vimmerseConnection().timeoutMs - 5_000;
  for (const row of await listActiveStories(db)) {
    if (row.status !== "submitting") continue;
    const open = (await listAttempts(db, row.id)).find((a) => a.state === "sending");
    if (open && open.createdAt.getTime() > cutoff) continue;
    if (open) await finishAttempt(db, open.id, { state: "unknown", error: { kind: "interrupted_by_restart" } });
    await updateStory(db, row.id, {
      status: "failed",
      error: {
        kind: "outcome_unknown",
        message:
          "The server restarted while this step was being sent, so we do not know whether Vimmerse received it. Trying again first checks with Vimmerse, so it is not paid twice.",
      },
    });
  }
  globalThis.__storyboardRefresher ??= setInterval(
    () => {
      void (async () => {
        try {
          for (const row of await listActiveStories(await getDb())) await refreshStory(row.id);
        } catch (e) {
          log.error("refresher: could not refresh active stories", { err: e });
        }
      })();
    },
    Math.max(2_000, refreshIntervalMs() * 2),
  );
  globalThis.__storyboardRefresher.unref?.();
}
