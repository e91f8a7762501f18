import { QueryProvider } from "../query-provider";

/** The guest review board queries its review: TanStack Query for it only. */
export default function ReviewLayout({ children }: { children: React.ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
