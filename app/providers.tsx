"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { Toaster } from "sonner";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { refetchOnWindowFocus: true, retry: 2, staleTime: 1_000 },
          // Mutations are never retried: a paid call is sent once, on purpose.
          mutations: { retry: false },
        },
      }),
  );
  useEffect(() => {
    // Marks the page as interactive (used by the e2e tests before they pick files, which has no visible cue).
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <QueryClientProvider client={client}>
      {children}
      <Toaster position="top-right" offset={72} richColors closeButton toastOptions={{ duration: 6000 }} />
    </QueryClientProvider>
  );
}
