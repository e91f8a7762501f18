"use client";

import { useEffect, useSyncExternalStore, type ReactNode } from "react";
import { sonnerModule } from "@/lib/toast";

export function Providers({ children }: { children: ReactNode }) {
  // TanStack Query is provided by the routes that query (app/query-provider.tsx), not here.
  useEffect(() => {
    // Keyboard users: a field focused under the sticky header or the sticky save bar is scrolled into the clear.
    const onFocus = (e: FocusEvent) => {
      const el = e.target as HTMLElement | null;
      if (!el?.getBoundingClientRect || el === document.body || el.closest("header, [data-sticky]")) return;
      // Only keyboard focus: scrolling between a mouse's press and release moves the button away and loses the click.
      if (!el.matches(":focus-visible")) return;
      const r = el.getBoundingClientRect();
      if (r.bottom > window.innerHeight - 96 || r.top < 120) el.scrollIntoView({ block: "center" });
    };
    document.addEventListener("focusin", onFocus);
    return () => document.removeEventListener("focusin", onFocus);
  }, []);
  return (
    <>
      {children}
      <LazyToaster />
    </>
  );
}

/** sonner's Toaster, rendered once the first toast has loaded sonner (lib/toast.ts). */
function LazyToaster() {
  const sonner = useSyncExternalStore(sonnerModule.subscribe, sonnerModule.get, () => undefined);
  if (!sonner) return null;
  const { Toaster } = sonner;
  return <Toaster position="top-right" offset={128} richColors closeButton toastOptions={{ duration: 6000 }} />;
}
