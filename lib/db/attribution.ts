import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who a write is done for. The actor-aware services (lib/services) run the story workflow inside `attributeTo`, so
 * the stories and paid attempts it creates are recorded with their workspace and the member who started them,
 * without every function of lib/stories passing the actor along. Outside (webhooks, resume, scripts) it is empty.
 */
export type Attribution = { userId: string | null; workspaceId: string };

const storage = new AsyncLocalStorage<Attribution>();

export function attributeTo<T>(who: Attribution, fn: () => Promise<T>): Promise<T> {
  return storage.run(who, fn);
}

export function currentAttribution(): Attribution | undefined {
  return storage.getStore();
}
