import type { ExternalToast } from "sonner";

/**
 * Toasts (sonner), loaded on the first toast instead of with every page (issue 11: ~12.6 KB gzip off every route's
 * first load). Same calls as sonner's `toast`; the `<LazyToaster>` in app/providers.tsx mounts sonner's Toaster once
 * the module is here, and sonner shows a toast created before its Toaster subscribed (it replays active toasts).
 */
type Sonner = typeof import("sonner");
type Message = Parameters<Sonner["toast"]>[0];

let loading: Promise<Sonner> | undefined;
let loaded: Sonner | undefined;
const listeners = new Set<(m: Sonner) => void>();

export function loadSonner(): Promise<Sonner> {
  loading ??= import("sonner").then((m) => {
    loaded = m;
    listeners.forEach((l) => l(m));
    return m;
  });
  return loading;
}

/** For the Toaster: the module if it is already loaded, and a subscription for when it arrives. */
export const sonnerModule = {
  get: () => loaded,
  subscribe(listener: (m: Sonner) => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};

const show =
  (kind?: "success" | "error" | "info") =>
  (message: Message, data?: ExternalToast): void => {
    void loadSonner().then(({ toast: t }) => (kind ? t[kind] : t)(message, data));
  };

export const toast = Object.assign(show(), { success: show("success"), error: show("error"), info: show("info") });
