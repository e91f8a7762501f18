import { QueryProvider } from "../query-provider";

/** The new-story form and the editor query (status polls, review, uploads): TanStack Query for them only. */
export default function StoriesLayout({ children }: { children: React.ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
