"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

/**
 * TanStack Query for the routes that query (dashboard, stories, guest review), not in the root layout: the sign-in,
 * account, members and invitation pages load none of it (first-load JS, bench/first-load.ts). One client per
 * browser tab, shared by every route that mounts this provider (its cache survives moving between them); a new one
 * per server render.
 */
let browserClient: QueryClient | undefined;

function makeClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: true, retry: 2, staleTime: 1_000 },
      // Mutations are never retried: a paid call is sent once, on purpose.
      mutations: { retry: false },
    },
  });
}

function queryClient(): QueryClient {
  if (isServer) return makeClient();
  browserClient ??= makeClient();
  return browserClient;
}

export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
