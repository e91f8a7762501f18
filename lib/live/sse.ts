import "server-only";
import { subscribeStory, type StoryEvent } from "./bus";
import { viewersOf, type Viewer } from "./presence";
import { isShuttingDown, onShutdown } from "@/lib/shutdown";

/** Open streams of this process: a graceful shutdown ends them, or it would wait for pages that never leave. */
const openStreams = new Set<() => void>();
onShutdown("live event streams", () => {
  for (const stop of [...openStreams]) stop();
});

/** A comment line every HEARTBEAT_MS keeps proxies from closing an idle stream (and re-checks expired viewers). */
export const HEARTBEAT_MS = 15_000;

/**
 * One page's server-sent event stream of a story:
 * - `event: story` `{type, by, itemId, at}` for saved / status / comment / review: the page refetches;
 * - `event: presence` `{viewers}`: the other people viewing (never the viewer themself), at once and on change.
 * Ends when the page goes (`signal`) or the reader cancels; then the listener is removed and `onClose` runs.
 */
export function storyEventStream(opts: {
  storyId: string;
  viewerId: string;
  signal?: AbortSignal;
  heartbeatMs?: number;
  onClose?: () => void;
}): ReadableStream<Uint8Array> {
  const { storyId, viewerId, signal } = opts;
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let lastPresence = "";
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const sendPresence = (force = false) => {
        const viewers: Viewer[] = viewersOf(storyId, viewerId);
        const data = JSON.stringify({ viewers });
        if (!force && data === lastPresence) return;
        lastPresence = data;
        send(`event: presence\ndata: ${data}\n\n`);
      };
      const onEvent = (event: StoryEvent) => {
        if (event.type === "presence") return sendPresence();
        const { type, by, itemId, at } = event;
        send(`event: story\ndata: ${JSON.stringify({ type, by, itemId, at })}\n\n`);
      };
      const unsubscribe = subscribeStory(storyId, onEvent);
      const heartbeat = setInterval(() => {
        send(": ping\n\n");
        sendPresence();
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
      stop = () => {
        if (!open) return;
        open = false;
        openStreams.delete(stop);
        clearInterval(heartbeat);
        unsubscribe();
        signal?.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // already closed or errored by the reader
        }
        opts.onClose?.();
      };
      if (signal?.aborted || isShuttingDown()) return stop();
      signal?.addEventListener("abort", stop);
      openStreams.add(stop);
      // The browser waits 3 s before reconnecting after a drop (and then refetches: events may have been missed).
      send("retry: 3000\n: connected\n\n");
      sendPresence(true);
    },
    cancel() {
      stop();
    },
  });
}
